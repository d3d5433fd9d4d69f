/**
 * A local Slack: chat.postMessage, chat.update and chat.postEphemeral with the bot token checked
 * (`not_authed`, `invalid_auth`), HTTP 429 with Retry-After past about one message a second per
 * channel, response_urls, and the platform side of signed requests (events, slash commands,
 * interactivity), built here independently of src/.
 * Formats: api.slack.com "chat.postMessage", "chat.update", "Rate limits", "Verifying requests
 * from Slack", "Events API", "Slash commands", "Handling user interaction".
 */
import { createHmac } from "node:crypto";
import { startFakeServer, WindowCounter, type FakeServer } from "./server.ts";

export const SLACK = { signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", botToken: "xoxb-test-bot-token" };

export interface SlackPost {
  method: string;
  channel: string;
  ts: string;
  text: string;
  blocks?: any[];
  user?: string;
}

export interface FakeSlack extends FakeServer {
  posts: SlackPost[];
  responses: { url: string; body: any }[];
  /** A response_url as Slack hands one out with a command or a click. */
  responseUrl(): string;
}

export async function startFakeSlack(options: { now?: () => number } = {}): Promise<FakeSlack> {
  let counter = 0;
  const perChannel = new Map<string, WindowCounter>();
  const state = { posts: [] as SlackPost[], responses: [] as FakeSlack["responses"], responseUrl: () => `${server.url}/commands/T1/${++counter}/hook` };
  const server = await startFakeServer((req) => {
    const now = server.now();
    if (req.path.startsWith("/commands/")) {
      state.responses.push({ url: req.path, body: req.json });
      return { body: { ok: true } };
    }
    const method = req.path.replace(/^\/api\//, "");
    if (!["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(method)) return { status: 404, body: { ok: false, error: "unknown_method" } };
    const auth = String(req.headers.authorization ?? "");
    if (!auth) return { body: { ok: false, error: "not_authed" } };
    if (auth !== `Bearer ${SLACK.botToken}`) return { body: { ok: false, error: "invalid_auth" } };
    const body = req.json;
    if (!body?.channel) return { body: { ok: false, error: "channel_not_found" } };
    if (!body.text && !body.blocks) return { body: { ok: false, error: "no_text" } };
    if (method === "chat.postMessage") {
      let window = perChannel.get(body.channel);
      if (!window) perChannel.set(body.channel, (window = new WindowCounter(1, 1000)));
      if (!window.admit(now)) return { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
      // A user id as channel opens the app's direct message with that user.
      const channel = body.channel.startsWith("U") || /^[a-z]/.test(body.channel) ? `D-${body.channel}` : body.channel;
      const ts = `${Math.floor(now / 1000)}.${String(++counter).padStart(6, "0")}`;
      state.posts.push({ method, channel, ts, text: body.text, blocks: body.blocks });
      return { body: { ok: true, channel, ts, message: { text: body.text } } };
    }
    if (method === "chat.update") {
      const original = state.posts.find((p) => p.channel === body.channel && p.ts === body.ts);
      if (!original) return { body: { ok: false, error: "message_not_found" } };
      state.posts.push({ method, channel: body.channel, ts: body.ts, text: body.text, blocks: body.blocks });
      return { body: { ok: true, channel: body.channel, ts: body.ts } };
    }
    if (!body.user) return { body: { ok: false, error: "user_not_in_channel" } };
    state.posts.push({ method, channel: body.channel, ts: "", text: body.text, blocks: body.blocks, user: body.user });
    return { body: { ok: true, message_ts: `${Math.floor(now / 1000)}.000000` } };
  }, options.now);
  return Object.assign(server, state);
}

// ---- the platform side of requests --------------------------------------------------------------

/** Headers Slack signs a request with. */
export function slackSigned(body: string, at: number, secret = SLACK.signingSecret): Headers {
  const timestamp = String(Math.floor(at / 1000));
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return new Headers({ "x-slack-request-timestamp": timestamp, "x-slack-signature": signature });
}

export function slackEvent(o: { eventId: string; user: string; channel: string; text: string; type?: "app_mention" | "message"; botId?: string }) {
  const type = o.type ?? "message";
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: o.eventId,
    event_time: 1700000000,
    event: {
      type,
      user: o.user,
      text: o.text,
      ts: "1700000000.000100",
      channel: o.channel,
      event_ts: "1700000000.000100",
      ...(type === "message" ? { channel_type: "im" } : {}),
      ...(o.botId ? { bot_id: o.botId } : {}),
    },
  });
}

export function slackCommand(o: { user: string; channel: string; text: string; responseUrl: string; triggerId: string }) {
  return new URLSearchParams({
    token: "legacy",
    team_id: "T1",
    team_domain: "acme",
    channel_id: o.channel,
    channel_name: "directmessage",
    user_id: o.user,
    user_name: o.user,
    command: "/attendance",
    text: o.text,
    response_url: o.responseUrl,
    trigger_id: o.triggerId,
  }).toString();
}

export function slackBlockAction(o: { user: string; channel: string; messageTs: string; actionId: string; value: string; responseUrl: string }) {
  const payload = {
    type: "block_actions",
    user: { id: o.user, username: o.user, team_id: "T1" },
    api_app_id: "A1",
    container: { type: "message", message_ts: o.messageTs, channel_id: o.channel, is_ephemeral: false },
    trigger_id: "trigger-1",
    team: { id: "T1", domain: "acme" },
    channel: { id: o.channel, name: "directmessage" },
    message: { type: "message", ts: o.messageTs, text: "..." },
    response_url: o.responseUrl,
    actions: [{ action_id: o.actionId, block_id: "b1", text: { type: "plain_text", text: "x" }, value: o.value, type: "button", action_ts: "1700000001.000200" }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
