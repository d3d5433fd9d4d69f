/**
 * The one neutral message model every chat platform renders, and the neutral inbound events every
 * platform decodes to. Nothing here knows a platform; nothing here holds words of its own: callers
 * pass sentences in the reader's language (from prompts/), renderers only lay them out.
 */

/** The chat platforms the product speaks. */
export const PLATFORMS = ["wecom", "feishu", "dingtalk", "slack"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A labelled value on a summary or approval card ("类型" / "年假"). */
export interface Field {
  label: string;
  value: string;
}

/**
 * What an approval card is about: a request kind the approvals module knows ("leave", later
 * "correction", "overtime") and that request's id. Buttons carry both, so a click needs no lookup
 * table and a new kind needs no new wire format.
 */
export interface RequestRef {
  kind: string;
  id: number;
}

/** The two answers an approver can give from a card. */
export type Decision = "approve" | "reject";

/** Plain text, in the reader's language. */
export interface TextMessage {
  kind: "text";
  text: string;
  /** A headline, for channels that have one (an email's subject); chat shows only the text. */
  subject?: string;
}

/** A title with labelled fields: a month's attendance, a digest. */
export interface SummaryMessage {
  kind: "summary";
  title: string;
  fields: Field[];
  /** One closing line under the fields. */
  footer?: string;
}

/** A request waiting for a decision, with approve and reject buttons. */
export interface ApprovalCard {
  kind: "approval";
  request: RequestRef;
  title: string;
  fields: Field[];
  /** Button words in the approver's language. */
  buttons: { approve: string; reject: string };
  /** Once decided, the line shown instead of the buttons ("已批准 · 陈静 12:03"). */
  outcome?: string;
  /** A line shown above the buttons, e.g. why a click changed nothing. */
  note?: string;
  /** The request's page in the web app; platforms whose buttons cannot call back (DingTalk) open it. */
  link?: string;
}

export type OutgoingMessage = TextMessage | SummaryMessage | ApprovalCard;

/** Where a message goes. Serializable: the outbox stores it as JSON. */
export interface Address {
  /** `user`: a person, directly; `chat`: a conversation (group or one-to-one); `robot`: the configured group robot. */
  to: "user" | "chat" | "robot";
  /** The platform's id of the user or chat ("" for the robot). */
  id: string;
  /** A short-lived reply URL the platform handed over with a message (DingTalk sessionWebhook, Slack response_url). */
  session?: { url: string; expiresAt: number };
}

/** How to find a sent message again to update it; the fields' meaning is the platform's. */
export interface MessageRef {
  /** WeCom: a response_code; Feishu: message_id; Slack: ts. */
  id: string;
  /** Slack: the channel the message is in. */
  chat?: string;
  /** WeCom: the card's task_id, which a full card update must repeat. */
  task?: string;
}

/** A voice message: the platform's media id to download, and its own transcript when it made one. */
export interface VoiceContent {
  kind: "voice";
  mediaId: string;
  format?: string;
  recognition?: string;
}

/** What a person sent the bot. */
export type InboundContent =
  | { kind: "text"; text: string }
  | VoiceContent
  /** A location share; `datum` says which coordinates the platform sends (WeCom's and Feishu's maps use GCJ-02 in China). */
  | { kind: "location"; latitude: number; longitude: number; datum: "gcj02" | "wgs84"; label?: string };

/** A message from a person in a chat. */
export interface InboundMessage {
  type: "message";
  /** The platform's message or event id: a platform retry carries the same one. */
  eventId: string;
  /** The sender's id on this platform. */
  sender: string;
  chat: { id: string; group: boolean };
  /** In a group: whether the bot was @mentioned (the text has the mention removed). */
  mentioned: boolean;
  /**
   * In a group, where the platform leaves it to us to tell whether the bot is among them (Feishu):
   * the ids the message @mentions, for `Channel.mentionsMe`.
   */
  mentions?: string[];
  content: InboundContent;
  /** Where the answer goes. */
  replyTo: Address;
}

/** A click on an approval card's button. */
export interface CardClick {
  type: "click";
  eventId: string;
  sender: string;
  decision: Decision;
  request: RequestRef;
  /** The clicked card, to update it. */
  card: MessageRef;
  replyTo: Address;
}

/** The platform checking the callback URL; answered by the immediate reply, nothing to do after. */
export interface UrlVerification {
  type: "verification";
}

export type InboundEvent = InboundMessage | CardClick | UrlVerification;

const ACTION = /^(approve|reject):([a-z][a-z_]{0,30}):(\d{1,15})$/;

/** The value a card button carries: `approve:leave:42`. */
export function encodeAction(decision: Decision, request: RequestRef): string {
  return `${decision}:${request.kind}:${request.id}`;
}

/** Reads a button value back; anything else is not ours and gives `undefined`. */
export function decodeAction(value: unknown): { decision: Decision; request: RequestRef } | undefined {
  if (typeof value !== "string") return undefined;
  const m = ACTION.exec(value);
  if (!m) return undefined;
  return { decision: m[1] as Decision, request: { kind: m[2], id: Number(m[3]) } };
}

/** The text a platform without rich layout shows for any message, and the fallback text of rich ones. */
export function plainText(message: OutgoingMessage): string {
  if (message.kind === "text") return message.text;
  const lines = [message.title, ...message.fields.map((f) => `${f.label}: ${f.value}`)];
  if (message.kind === "summary" && message.footer) lines.push(message.footer);
  if (message.kind === "approval") {
    if (message.note) lines.push(message.note);
    if (message.outcome) lines.push(message.outcome);
  }
  return lines.join("\n");
}
