/**
 * The neutral messages in WeCom's formats ("发送应用消息": text, markdown, template_card of type
 * button_interaction; "更新模版卡片消息"; "群机器人配置说明": markdown).
 */
import { encodeAction, type ApprovalCard, type OutgoingMessage } from "../message.ts";

/** WeCom keeps at most 6 rows in horizontal_content_list and 6 buttons. */
const MAX_ROWS = 6;

/** Button colours of a template card: 1 blue, 2 red (模板卡片 button_list.style). */
const STYLE = { approve: 1, reject: 2 } as const;

/** The message/send body for a message, without `touser` and `agentid`. */
export function renderMessage(message: OutgoingMessage, taskId: string): Record<string, unknown> {
  switch (message.kind) {
    case "text":
      return { msgtype: "text", text: { content: message.text } };
    case "summary":
      return { msgtype: "markdown", markdown: { content: markdown(message) } };
    case "approval":
      return { msgtype: "template_card", template_card: approvalCard(message, taskId) };
  }
}

/** A button_interaction card whose buttons carry the request kind and id in their keys. */
export function approvalCard(card: ApprovalCard, taskId: string): Record<string, unknown> {
  return {
    card_type: "button_interaction",
    main_title: { title: card.title },
    ...(card.note ? { sub_title_text: card.note } : {}),
    horizontal_content_list: card.fields.slice(0, MAX_ROWS).map((f) => ({ keyname: f.label, value: f.value })),
    task_id: taskId,
    button_list: (["approve", "reject"] as const).map((decision) => ({
      text: card.buttons[decision],
      style: STYLE[decision],
      key: encodeAction(decision, card.request),
    })),
  };
}

/**
 * The update_template_card body for a clicked card, without agentid and response_code. A decided
 * card (or one answered with a note) turns its buttons into one greyed-out line, which is how WeCom
 * shows "done" ("更新按钮为不可点击状态"); otherwise the whole card is replaced.
 */
export function renderCardUpdate(card: ApprovalCard, taskId: string): Record<string, unknown> {
  const line = card.outcome ?? card.note;
  return line ? { button: { replace_name: line } } : { template_card: approvalCard(card, taskId) };
}

/** A group robot's body: markdown for everything, cards shown with their request link. */
export function renderRobot(message: OutgoingMessage): Record<string, unknown> {
  if (message.kind === "text") return { msgtype: "text", text: { content: message.text } };
  return { msgtype: "markdown", markdown: { content: markdown(message) } };
}

function markdown(message: Exclude<OutgoingMessage, { kind: "text" }>): string {
  const lines = [`**${message.title}**`, ...message.fields.map((f) => `> ${f.label}：<font color="info">${f.value}</font>`)];
  if (message.kind === "summary" && message.footer) lines.push(message.footer);
  if (message.kind === "approval") {
    if (message.outcome) lines.push(`<font color="comment">${message.outcome}</font>`);
    else if (message.link) lines.push(`[${message.buttons.approve} / ${message.buttons.reject}](${message.link})`);
  }
  return lines.join("\n");
}
