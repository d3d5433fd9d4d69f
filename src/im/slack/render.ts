/**
 * The neutral messages as Slack Block Kit ("Block Kit reference": header, section with fields,
 * context, actions with buttons). `text` is always set: it is the notification and screen-reader
 * text, and the whole message where blocks are not shown.
 */
import { encodeAction, plainText, type OutgoingMessage } from "../message.ts";

/** Slack shows at most 10 fields in a section. */
const MAX_FIELDS = 10;

export interface SlackBody {
  text: string;
  blocks?: unknown[];
}

/** mrkdwn treats &, < and > as control characters ("Formatting text for app surfaces"). */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function renderSlack(message: OutgoingMessage): SlackBody {
  if (message.kind === "text") return { text: message.text };
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: message.title } }];
  if (message.fields.length > 0) {
    blocks.push({ type: "section", fields: message.fields.slice(0, MAX_FIELDS).map((f) => ({ type: "mrkdwn", text: `*${escape(f.label)}*\n${escape(f.value)}` })) });
  }
  const context = (text: string) => ({ type: "context", elements: [{ type: "mrkdwn", text: escape(text) }] });
  if (message.kind === "summary" && message.footer) blocks.push(context(message.footer));
  if (message.kind === "approval") {
    if (message.note) blocks.push(context(message.note));
    if (message.outcome) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${escape(message.outcome)}*` } });
    } else {
      blocks.push({
        type: "actions",
        elements: (["approve", "reject"] as const).map((decision) => ({
          type: "button",
          action_id: decision,
          text: { type: "plain_text", text: message.buttons[decision] },
          style: decision === "approve" ? "primary" : "danger",
          value: encodeAction(decision, message.request),
        })),
      });
    }
  }
  return { text: plainText(message), blocks };
}
