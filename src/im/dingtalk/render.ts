/**
 * The neutral messages in DingTalk's two message formats:
 * - webhook bodies (sessionWebhook replies and custom group robots, "自定义机器人发送群消息"):
 *   `{msgtype: text|markdown|actionCard, ...}`;
 * - open API robot messages ("机器人发送消息的类型": msgKey + msgParam as a JSON string):
 *   sampleText, sampleMarkdown, sampleActionCard2 (two buttons).
 * DingTalk's robot buttons open URLs rather than calling back, so an approval card's buttons open
 * the request's page in the web app, which decides with the usual sign-in.
 */
import type { ApprovalCard, OutgoingMessage } from "../message.ts";

/** A webhook message body. */
export function renderWebhook(message: OutgoingMessage): Record<string, unknown> {
  if (message.kind === "text") return { msgtype: "text", text: { content: message.text } };
  if (message.kind === "approval" && !message.outcome && message.link) {
    return {
      msgtype: "actionCard",
      actionCard: {
        title: message.title,
        text: markdown(message),
        btnOrientation: "1",
        btns: buttons(message).map(([title, actionURL]) => ({ title, actionURL })),
      },
    };
  }
  return { msgtype: "markdown", markdown: { title: message.title, text: markdown(message) } };
}

/** An open-API robot message: its template key and parameters. */
export function renderOpenApi(message: OutgoingMessage): { msgKey: string; msgParam: string } {
  if (message.kind === "text") return { msgKey: "sampleText", msgParam: JSON.stringify({ content: message.text }) };
  if (message.kind === "approval" && !message.outcome && message.link) {
    const [[actionTitle1, actionURL1], [actionTitle2, actionURL2]] = buttons(message);
    return {
      msgKey: "sampleActionCard2",
      msgParam: JSON.stringify({ title: message.title, text: markdown(message), actionTitle1, actionURL1, actionTitle2, actionURL2 }),
    };
  }
  return { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: message.title, text: markdown(message) }) };
}

function markdown(message: Exclude<OutgoingMessage, { kind: "text" }>): string {
  const lines = [`### ${message.title}`, ...message.fields.map((f) => `- **${f.label}**: ${f.value}`)];
  if (message.kind === "summary" && message.footer) lines.push("", message.footer);
  if (message.kind === "approval") {
    if (message.note) lines.push("", message.note);
    if (message.outcome) lines.push("", `**${message.outcome}**`);
  }
  return lines.join("\n");
}

/** Both buttons open the request's page, saying which answer was pressed. */
function buttons(card: ApprovalCard): [string, string][] {
  return (["approve", "reject"] as const).map((decision) => {
    const url = new URL(card.link!);
    url.searchParams.set("decision", decision);
    return [card.buttons[decision], url.toString()];
  });
}
