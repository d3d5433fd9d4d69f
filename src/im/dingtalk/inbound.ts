/**
 * DingTalk internal-robot messages in HTTP mode ("机器人接收消息"): a JSON body with msgId,
 * conversationId, conversationType ("1" one-to-one, "2" group), senderStaffId, isInAtList,
 * sessionWebhook (+ sessionWebhookExpiredTime, ms), robotCode and the content by msgtype
 * (the same fields as dingtalk-stream-sdk-nodejs's RobotMessage). Signed by headers only. Stream mode
 * (stream.ts) carries the same body.
 */
import { answer, InboundRejected, type RawReply, type RawRequest } from "../channel.ts";
import type { Address, InboundContent, InboundEvent } from "../message.ts";
import { verifyCallbackSign } from "./sign.ts";

export function decodeDingtalk(req: RawRequest, options: { appSecret: string; robotCode: string; now: number }): { reply: RawReply; events: InboundEvent[] } {
  verifyCallbackSign(req.headers.get("timestamp") ?? "", req.headers.get("sign") ?? "", options.appSecret, options.now);
  let m: unknown;
  try {
    m = JSON.parse(req.body);
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "body is not JSON");
  }
  // Replies go to the sessionWebhook or the open API afterwards; the callback needs only a 200.
  return { reply: answer(""), events: decodeRobotMessage(m, options.robotCode) };
}

/** A robot message's body, as HTTP mode's callback and stream mode's CALLBACK frame both carry it. */
export function decodeRobotMessage(m: any, robotCode: string): InboundEvent[] {
  if (!m || typeof m !== "object" || typeof m.msgId !== "string") throw new InboundRejected("IM_BODY_INVALID", "message has no msgId");
  if (m.robotCode && m.robotCode !== robotCode) throw new InboundRejected("IM_RECEIVER_MISMATCH", `message for robot ${m.robotCode}, not ours`);
  const event = toEvent(m);
  return event ? [event] : [];
}

function toEvent(m: any): InboundEvent | undefined {
  const sender: string | undefined = m.senderStaffId || undefined;
  const content = readContent(m);
  if (!sender || !content) return undefined;
  const group = m.conversationType === "2";
  const session = typeof m.sessionWebhook === "string" ? { url: m.sessionWebhook, expiresAt: Number(m.sessionWebhookExpiredTime ?? 0) } : undefined;
  const replyTo: Address = group ? { to: "chat", id: m.conversationId, session } : { to: "user", id: sender, session };
  return {
    type: "message",
    eventId: m.msgId,
    sender,
    chat: { id: m.conversationId ?? sender, group },
    // DingTalk delivers group messages to a robot only when it is @mentioned; isInAtList says so.
    mentioned: group && m.isInAtList !== false,
    content,
    replyTo,
  };
}

function readContent(m: any): InboundContent | undefined {
  switch (m.msgtype) {
    case "text":
      return { kind: "text", text: String(m.text?.content ?? "").trim() };
    case "audio":
      return { kind: "voice", mediaId: String(m.content?.downloadCode ?? ""), recognition: m.content?.recognition || undefined };
    default:
      return undefined;
  }
}
