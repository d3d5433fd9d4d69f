/**
 * WeCom app callbacks ("接收消息与事件"): `GET` verifies the URL (decrypt `echostr`, answer it in
 * plain text); `POST` carries `<xml><ToUserName/><Encrypt/><AgentID/></xml>` whose Encrypt holds
 * the message XML ("消息格式", "事件格式"; template_card_event for card buttons). The signature and
 * the receiveid are checked before the inner XML is read.
 */
import { XMLParser } from "fast-xml-parser";
import { answer, InboundRejected, type RawReply, type RawRequest } from "../channel.ts";
import { requireFresh } from "../http.ts";
import { decodeAction, type InboundEvent } from "../message.ts";
import type { WecomCrypto } from "./crypto.ts";

/**
 * How far a callback's timestamp may be from our clock. WeCom retries an unanswered callback
 * within seconds (three tries, five seconds apart), so minutes only need to absorb clock skew.
 */
export const WECOM_TIMESTAMP_WINDOW_MS = 5 * 60_000;

const xml = new XMLParser({ parseTagValue: false, trimValues: true, processEntities: true });

/** Reads flat WeCom XML into its text fields; anything that is not `<xml>...</xml>` is refused. */
export function readXml(text: string): Record<string, string> {
  let doc: unknown;
  try {
    doc = xml.parse(text);
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "body is not XML");
  }
  const root = (doc as { xml?: unknown }).xml;
  if (!root || typeof root !== "object") throw new InboundRejected("IM_BODY_INVALID", "body has no <xml> root");
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(root)) if (typeof v === "string") fields[k] = v;
  return fields;
}

/** Decodes one WeCom callback; throws `InboundRejected` for anything unverified. */
export function decodeWecom(
  req: RawRequest,
  crypto: WecomCrypto,
  options: { agentId: string; now: number },
): { reply: RawReply; events: InboundEvent[] } {
  const q = (name: string) => req.query.get(name) ?? "";
  const [signature, timestamp, nonce] = [q("msg_signature"), q("timestamp"), q("nonce")];
  if (!signature || !timestamp || !nonce) throw new InboundRejected("IM_SIGNATURE_INVALID", "msg_signature, timestamp and nonce are required");

  if (req.method === "GET") {
    const echostr = q("echostr");
    crypto.verify(signature, timestamp, nonce, echostr);
    requireFresh(Number(timestamp) * 1000, options.now, WECOM_TIMESTAMP_WINDOW_MS);
    return { reply: answer(crypto.decrypt(echostr)), events: [{ type: "verification" }] };
  }

  const outer = readXml(req.body);
  const encrypted = outer.Encrypt;
  if (!encrypted) throw new InboundRejected("IM_BODY_INVALID", "no <Encrypt> in body");
  crypto.verify(signature, timestamp, nonce, encrypted);
  requireFresh(Number(timestamp) * 1000, options.now, WECOM_TIMESTAMP_WINDOW_MS);
  const inner = readXml(crypto.decrypt(encrypted));
  if (inner.AgentID && inner.AgentID !== options.agentId) {
    throw new InboundRejected("IM_RECEIVER_MISMATCH", `message for agent ${inner.AgentID}, not ours`);
  }
  // An empty answer tells WeCom the callback arrived; replies go through message/send.
  const event = toEvent(inner);
  return { reply: answer(""), events: event ? [event] : [] };
}

/** One decrypted WeCom message or event as a neutral event; events we do not act on give none. */
function toEvent(m: Record<string, string>): InboundEvent | undefined {
  const sender = m.FromUserName;
  if (!sender) throw new InboundRejected("IM_BODY_INVALID", "message has no FromUserName");
  // An app's messages are always one-to-one with the member.
  const base = { sender, chat: { id: sender, group: false }, mentioned: false, replyTo: { to: "user" as const, id: sender } };
  const eventId = m.MsgId || `${sender}:${m.CreateTime ?? ""}:${m.Event ?? m.MsgType ?? ""}`;
  switch (m.MsgType) {
    case "text":
      return { type: "message", eventId, ...base, content: { kind: "text", text: m.Content ?? "" } };
    case "voice":
      return {
        type: "message",
        eventId,
        ...base,
        content: { kind: "voice", mediaId: m.MediaId ?? "", format: m.Format, recognition: m.Recognition || undefined },
      };
    case "location":
      return {
        type: "message",
        eventId,
        ...base,
        // Location_X is the latitude, Location_Y the longitude, on Tencent's GCJ-02 map.
        content: { kind: "location", latitude: Number(m.Location_X), longitude: Number(m.Location_Y), datum: "gcj02", label: m.Label || undefined },
      };
    case "event":
      return m.Event === "template_card_event" ? toClick(m, sender) : undefined;
    default:
      return undefined;
  }
}

function toClick(m: Record<string, string>, sender: string): InboundEvent | undefined {
  const action = decodeAction(m.EventKey);
  if (!action || !m.ResponseCode) return undefined;
  return {
    type: "click",
    // Each click gets its own ResponseCode; a retry of the same callback repeats it.
    eventId: `card:${m.ResponseCode}`,
    sender,
    decision: action.decision,
    request: action.request,
    card: { id: m.ResponseCode, task: m.TaskId || undefined },
    replyTo: { to: "user", id: sender },
  };
}
