/**
 * Slack requests, every one signed ("Verifying requests from Slack"): `X-Slack-Signature` =
 * `v0=` + hex HMAC-SHA256(signing secret, `v0:` + X-Slack-Request-Timestamp + `:` + raw body),
 * the timestamp within five minutes. Then:
 * - events (JSON, Events API): `url_verification`; `event_callback` with `app_mention` or a
 *   direct `message` (`channel_type: "im"`);
 * - commands (form): a slash command, `/attendance check in`;
 * - interactivity (form, `payload=` JSON): `block_actions` from an approval card's buttons.
 */
import { createHmac } from "node:crypto";
import { answer, InboundRejected, type RawReply, type RawRequest } from "../channel.ts";
import { requireFresh, sameSignature } from "../http.ts";
import { decodeAction, type InboundEvent } from "../message.ts";

export const SLACK_TIMESTAMP_WINDOW_MS = 5 * 60_000;
/** Slack's response_url takes up to five answers within 30 minutes. */
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Throws unless the request is signed with our secret within the last five minutes. */
export function verifySlack(req: RawRequest, signingSecret: string, now: number): void {
  const timestamp = req.headers.get("x-slack-request-timestamp") ?? "";
  const signature = req.headers.get("x-slack-signature") ?? "";
  // The timestamp is checked first, as Slack advises, so an old signed request is never replayed.
  requireFresh(Number(timestamp) * 1000, now, SLACK_TIMESTAMP_WINDOW_MS);
  if (!sameSignature(slackSignature(signingSecret, timestamp, req.body), signature)) {
    throw new InboundRejected("IM_SIGNATURE_INVALID", "X-Slack-Signature does not match");
  }
}

export function decodeSlack(req: RawRequest, signingSecret: string, now: number): { reply: RawReply; events: InboundEvent[] } {
  verifySlack(req, signingSecret, now);
  switch (req.endpoint) {
    case "events":
      return decodeEvents(req.body);
    case "commands":
      return { reply: answer(""), events: [decodeCommand(new URLSearchParams(req.body), now)] };
    case "interactivity": {
      const click = decodeInteraction(new URLSearchParams(req.body).get("payload"), now);
      return { reply: answer(""), events: click ? [click] : [] };
    }
    default:
      throw new InboundRejected("IM_ENDPOINT_UNKNOWN", `no Slack endpoint ${req.endpoint}`);
  }
}

function decodeEvents(body: string): { reply: RawReply; events: InboundEvent[] } {
  let payload: any;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "body is not JSON");
  }
  if (payload?.type === "url_verification") {
    return { reply: answer(JSON.stringify({ challenge: payload.challenge }), "application/json"), events: [{ type: "verification" }] };
  }
  const event = payload?.type === "event_callback" ? payload.event : undefined;
  // Bots (ourselves included) and edits carry bot_id or a subtype: answering them would loop.
  if (!event || event.bot_id || event.subtype || typeof event.user !== "string" || typeof event.text !== "string") return { reply: answer(""), events: [] };
  const direct = event.type === "message" && event.channel_type === "im";
  if (event.type !== "app_mention" && !direct) return { reply: answer(""), events: [] };
  return {
    reply: answer(""),
    events: [
      {
        type: "message",
        eventId: String(payload.event_id ?? event.ts),
        sender: event.user,
        chat: { id: event.channel, group: !direct },
        mentioned: event.type === "app_mention",
        // Mentions arrive as <@U123>; the words around them are the request.
        content: { kind: "text", text: event.text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, "").replace(/\s+/g, " ").trim() },
        replyTo: { to: "chat", id: event.channel },
      },
    ],
  };
}

function decodeCommand(form: URLSearchParams, now: number): InboundEvent {
  const user = form.get("user_id");
  const channel = form.get("channel_id");
  if (!user || !channel) throw new InboundRejected("IM_BODY_INVALID", "command without user_id or channel_id");
  const responseUrl = form.get("response_url");
  return {
    type: "message",
    eventId: `command:${form.get("trigger_id") ?? `${user}:${now}`}`,
    sender: user,
    // D… channels are direct messages with the app.
    chat: { id: channel, group: !channel.startsWith("D") },
    mentioned: true,
    content: { kind: "text", text: (form.get("text") ?? "").trim() },
    replyTo: { to: "chat", id: channel, ...(responseUrl ? { session: { url: responseUrl, expiresAt: now + RESPONSE_URL_LIFETIME_MS } } : {}) },
  };
}

function decodeInteraction(raw: string | null, now: number): InboundEvent | undefined {
  let payload: any;
  try {
    payload = JSON.parse(raw ?? "");
  } catch {
    throw new InboundRejected("IM_BODY_INVALID", "interactivity payload is not JSON");
  }
  if (payload?.type !== "block_actions") return undefined;
  const action = payload.actions?.[0];
  const decoded = decodeAction(action?.value);
  const user = payload.user?.id;
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  if (!decoded || !user || !channel || !ts) return undefined;
  return {
    type: "click",
    eventId: `action:${ts}:${action.action_ts ?? user}`,
    sender: user,
    decision: decoded.decision,
    request: decoded.request,
    card: { id: ts, chat: channel },
    replyTo: { to: "chat", id: channel, ...(payload.response_url ? { session: { url: payload.response_url, expiresAt: now + RESPONSE_URL_LIFETIME_MS } } : {}) },
  };
}
