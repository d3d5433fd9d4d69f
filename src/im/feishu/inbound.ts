/**
 * Feishu / Lark callbacks: events (`url_verification`; schema 2.0 `im.message.receive_v1`,
 * "接收消息") and card callbacks (`card.action.trigger`, "卡片回传交互"). Bodies may be encrypted
 * (`{"encrypt": ...}`); signed ones carry X-Lark-Request-Timestamp, -Nonce and X-Lark-Signature,
 * checked on the raw body before anything is parsed. Every decoded body must also carry our
 * verification token.
 */
import { answer, InboundRejected, type RawReply, type RawRequest } from "../channel.ts";
import { requireFresh, sameSignature } from "../http.ts";
import { decodeAction, type InboundContent, type InboundEvent } from "../message.ts";
import { feishuDecrypt, verifyFeishuSignature } from "./crypto.ts";

/** How far X-Lark-Request-Timestamp may be from our clock: clock skew, with Feishu signing each push afresh. */
export const FEISHU_TIMESTAMP_WINDOW_MS = 5 * 60_000;

export interface FeishuSecrets {
  encryptKey: string;
  verificationToken: string;
}

/** Decodes one Feishu callback; throws `InboundRejected` for anything unverified. */
export function decodeFeishu(req: RawRequest, secrets: FeishuSecrets, now: number): { reply: RawReply; events: InboundEvent[] } {
  const signature = req.headers.get("x-lark-signature");
  const timestamp = req.headers.get("x-lark-request-timestamp") ?? "";
  const nonce = req.headers.get("x-lark-request-nonce") ?? "";
  if (signature) {
    verifyFeishuSignature(signature, timestamp, nonce, secrets.encryptKey, req.body);
    requireFresh(Number(timestamp) * 1000, now, FEISHU_TIMESTAMP_WINDOW_MS);
  }
  const payload = readPayload(req.body, secrets.encryptKey);
  const token = payload.type === "url_verification" ? payload.token : payload.header?.token;
  if (typeof token !== "string" || !sameSignature(token, secrets.verificationToken)) {
    throw new InboundRejected("IM_TOKEN_INVALID", "verification token does not match");
  }
  // Feishu does not sign the URL check; everything else must be signed.
  if (payload.type === "url_verification") {
    return { reply: answer(JSON.stringify({ challenge: payload.challenge }), "application/json"), events: [{ type: "verification" }] };
  }
  if (!signature) throw new InboundRejected("IM_SIGNATURE_INVALID", "X-Lark-Signature missing");
  // An empty object acknowledges; for a card callback it also leaves the card as it is.
  const event = toEvent(payload);
  return { reply: answer("{}", "application/json"), events: event ? [event] : [] };
}

function readPayload(body: string, encryptKey: string): any {
  let outer: any;
  try {
    outer = JSON.parse(body);
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "body is not JSON");
  }
  if (!outer || typeof outer !== "object") throw new InboundRejected("IM_BODY_INVALID", "body is not a JSON object");
  if (typeof outer.encrypt !== "string") return outer;
  try {
    return JSON.parse(feishuDecrypt(encryptKey, outer.encrypt));
  } catch (err) {
    if (err instanceof InboundRejected) throw err;
    throw new InboundRejected("IM_BODY_INVALID", "decrypted body is not JSON");
  }
}

function toEvent(payload: any): InboundEvent | undefined {
  const eventId = String(payload.header?.event_id ?? "");
  if (!eventId) throw new InboundRejected("IM_BODY_INVALID", "event has no event_id");
  switch (payload.header?.event_type) {
    case "im.message.receive_v1":
      return toMessage(eventId, payload.event);
    case "card.action.trigger":
      return toClick(eventId, payload.event);
    default:
      return undefined;
  }
}

function toMessage(eventId: string, event: any): InboundEvent | undefined {
  const message = event?.message;
  if (event?.sender?.sender_type !== "user" || !message) return undefined;
  const sender = event.sender.sender_id?.user_id || event.sender.sender_id?.open_id;
  if (!sender) return undefined;
  const group = message.chat_type === "group";
  const content = readContent(message);
  if (!content) return undefined;
  return {
    type: "message",
    eventId,
    sender,
    chat: { id: message.chat_id, group },
    // A group message may @mention others and not the bot (an app granted "read all group
    // messages" receives those too): the channel compares the ids with the bot's own open_id.
    mentioned: false,
    mentions: group && Array.isArray(message.mentions) ? message.mentions.map((m: any) => String(m?.id?.open_id ?? "")).filter(Boolean) : undefined,
    content,
    replyTo: { to: "chat", id: message.chat_id },
  };
}

/** A message's `content` is a JSON string whose shape depends on `message_type` ("消息内容介绍"). */
function readContent(message: any): InboundContent | undefined {
  let content: any;
  try {
    content = JSON.parse(message.content ?? "");
  } catch {
    return undefined;
  }
  switch (message.message_type) {
    case "text":
      // Mentions arrive as placeholders (@_user_1, @_all) that the mentions list resolves.
      return { kind: "text", text: String(content.text ?? "").replace(/@_(user_\d+|all)/g, "").replace(/\s+/g, " ").trim() };
    case "audio":
      // A resource is downloaded by message id and file key together.
      return { kind: "voice", mediaId: `${message.message_id}/${content.file_key}` };
    case "location":
      // Feishu's map in China is Amap's (GCJ-02); outside China the conversion leaves a point as it is.
      return { kind: "location", latitude: Number(content.latitude), longitude: Number(content.longitude), datum: "gcj02", label: content.name || undefined };
    default:
      return undefined;
  }
}

function toClick(eventId: string, event: any): InboundEvent | undefined {
  const action = decodeAction(event?.action?.value?.action);
  const sender = event?.operator?.user_id || event?.operator?.open_id;
  const messageId = event?.context?.open_message_id;
  if (!action || !sender || !messageId) return undefined;
  const chat = event.context.open_chat_id;
  return {
    type: "click",
    eventId,
    sender,
    decision: action.decision,
    request: action.request,
    card: { id: messageId },
    replyTo: chat ? { to: "chat", id: chat } : { to: "user", id: sender },
  };
}
