/**
 * The neutral messages as Feishu message bodies ("发送消息内容": `text`; `interactive` cards in the
 * card JSON 1.0 layout: header, div with fields, action with buttons, note). Cards are shared
 * (`update_multi`), which is what lets the bot update them in place for everyone after a decision.
 */
import { encodeAction, type OutgoingMessage } from "../message.ts";

/** `msg_type` and the `content` JSON string of one message. */
export interface FeishuBody {
  msg_type: "text" | "interactive";
  content: string;
}

export function renderFeishu(message: OutgoingMessage): FeishuBody {
  if (message.kind === "text") return { msg_type: "text", content: JSON.stringify({ text: message.text }) };
  return { msg_type: "interactive", content: JSON.stringify(card(message)) };
}

function card(message: Exclude<OutgoingMessage, { kind: "text" }>): Record<string, unknown> {
  const elements: unknown[] = [
    {
      tag: "div",
      fields: message.fields.map((f) => ({ is_short: true, text: { tag: "lark_md", content: `**${f.label}**\n${f.value}` } })),
    },
  ];
  if (message.kind === "summary" && message.footer) elements.push(note(message.footer));
  if (message.kind === "approval") {
    if (message.note) elements.push(note(message.note));
    if (message.outcome) {
      elements.push({ tag: "div", text: { tag: "lark_md", content: `**${message.outcome}**` } });
    } else {
      elements.push({
        tag: "action",
        actions: (["approve", "reject"] as const).map((decision) => ({
          tag: "button",
          text: { tag: "plain_text", content: message.buttons[decision] },
          type: decision === "approve" ? "primary" : "danger",
          value: { action: encodeAction(decision, message.request) },
        })),
      });
    }
  }
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: { tag: "plain_text", content: message.title }, template: headerColour(message) },
    elements,
  };
}

function note(text: string) {
  return { tag: "note", elements: [{ tag: "plain_text", content: text }] };
}

function headerColour(message: Exclude<OutgoingMessage, { kind: "text" }>): string {
  if (message.kind !== "approval") return "blue";
  return message.outcome ? "grey" : "orange";
}
