/**
 * A local Feishu: tenant_access_token/internal, im/v1/messages (send with uuid de-duplication,
 * PATCH of shared cards), bot/v3/info (the bot's open_id), bearer tokens checked, the documented codes for missing or invalid
 * tokens and for the frequency limit (HTTP 429, 99991400), and the platform side of event and
 * card callbacks (encrypted, signed), built here independently of src/.
 * Formats: open.feishu.cn "获取自建应用 tenant_access_token", "发送消息", "获取机器人信息", "更新应用发送的消息卡片",
 * "服务端错误码说明", "事件订阅概述", "接收消息", "卡片回传交互".
 */
import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { startFakeServer, WindowCounter, type FakeServer, type SeenRequest } from "./server.ts";

export const FEISHU = {
  appId: "cli_a1b2c3d4e5f60718",
  appSecret: "feishu-secret-for-tests",
  encryptKey: "test key",
  verificationToken: "feishu-verification-token",
  /** The custom group bot's 签名校验 secret, and its hook's path. */
  robotSecret: "feishu-robot-secret",
  robotPath: "/open-apis/bot/v2/hook/2c8c7e0a-hook-for-tests",
  /** A second group's bot (a team's own), with its own secret. */
  teamRobotSecret: "feishu-team-robot-secret",
  teamRobotPath: "/open-apis/bot/v2/hook/7f3e9b1c-team-hook-for-tests",
};

/** The product's environment for an app on the local Feishu at `url`. */
export function feishuEnv(url: string): Record<string, string> {
  return { FEISHU_APP_ID: FEISHU.appId, FEISHU_APP_SECRET: FEISHU.appSecret, FEISHU_ENCRYPT_KEY: FEISHU.encryptKey, FEISHU_VERIFICATION_TOKEN: FEISHU.verificationToken, FEISHU_API_BASE: url };
}

export interface FeishuMessage {
  message_id: string;
  receive_id_type: string;
  receive_id: string;
  msg_type: string;
  content: any;
  uuid?: string;
}

/** The bot's open_id, as bot/v3/info gives it. */
export const FEISHU_BOT_OPEN_ID = "ou_e6e14f667cfe239d7b129b521dce0569";

export interface FakeFeishu extends FakeServer {
  tokens: Map<string, number>;
  /** How many times bot/v3/info was asked. */
  botInfoCalls: number;
  /** Messages delivered (a repeated uuid is not delivered again). */
  messages: FeishuMessage[];
  /** PATCHes applied: message id and the new card. */
  patches: { messageId: string; content: any }[];
  throttled: number;
  /** Files in messages, by `messageId/fileKey`, as GET .../messages/:id/resources/:key serves them. */
  resources: Map<string, Uint8Array>;
  /** Texts the custom group bots posted (signature and timestamp checked). */
  robotTexts: string[];
  /** The same, with the hook's path each went to. */
  robotPosts: { path: string; text: string }[];
}

export async function startFakeFeishu(options: { now?: () => number } = {}): Promise<FakeFeishu> {
  let counter = 0;
  const byUuid = new Map<string, { id: string; at: number }>();
  const perSecond = new WindowCounter(5, 1000);
  const perMinute = new WindowCounter(100, 60_000);
  const state = { tokens: new Map<string, number>(), messages: [] as FeishuMessage[], patches: [] as FakeFeishu["patches"], throttled: 0, botInfoCalls: 0, resources: new Map<string, Uint8Array>(), robotTexts: [] as string[], robotPosts: [] as FakeFeishu["robotPosts"] };
  const robotSecrets = new Map([
    [FEISHU.robotPath, FEISHU.robotSecret],
    [FEISHU.teamRobotPath, FEISHU.teamRobotSecret],
  ]);

  const authProblem = (req: SeenRequest, now: number) => {
    const auth = String(req.headers.authorization ?? "");
    if (!auth.startsWith("Bearer ")) return { status: 400, body: { code: 99991661, msg: "Missing access token for authorization." } };
    const expires = state.tokens.get(auth.slice(7));
    if (expires === undefined || now >= expires) {
      return { status: 400, body: { code: 99991663, msg: "Invalid access token for authorization. Please make a request with token attached." } };
    }
    return undefined;
  };

  const server = await startFakeServer((req) => {
    const now = server.now();
    if (req.method === "POST" && req.path === "/open-apis/auth/v3/tenant_access_token/internal") {
      if (req.json?.app_id !== FEISHU.appId) return { status: 400, body: { code: 10003, msg: "invalid param" } };
      if (req.json?.app_secret !== FEISHU.appSecret) return { status: 400, body: { code: 10014, msg: "app secret invalid" } };
      const token = `t-${++counter}`;
      state.tokens.set(token, now + 7200_000);
      return { body: { code: 0, msg: "ok", tenant_access_token: token, expire: 7200 } };
    }
    if (req.method === "GET" && req.path === "/open-apis/bot/v3/info") {
      const problem = authProblem(req, now);
      if (problem) return problem;
      // Counted on the server object the test holds (Object.assign below copied the starting 0 onto it).
      (server as unknown as FakeFeishu).botInfoCalls += 1;
      // The documented answer: no `data`, the bot beside code and msg.
      return { body: { code: 0, msg: "ok", bot: { activate_status: 2, app_name: "考勤助手", avatar_url: "https://s1-imfile.feishucdn.com/static-resource/v1/da5xxxx14b16113", ip_white_list: [], open_id: FEISHU_BOT_OPEN_ID } } };
    }
    if (req.method === "POST" && req.path === "/open-apis/im/v1/messages") {
      const problem = authProblem(req, now) ?? sendProblem(req);
      if (problem) return problem;
      const uuid = req.json.uuid;
      const earlier = uuid ? byUuid.get(uuid) : undefined;
      if (earlier && now - earlier.at < 3600_000) return { body: { code: 0, msg: "success", data: { message_id: earlier.id } } };
      if (!perSecond.admit(now) || !perMinute.admit(now)) {
        state.throttled += 1;
        return { status: 429, headers: { "x-ogw-ratelimit-limit": "5", "x-ogw-ratelimit-reset": "1" }, body: { code: 99991400, msg: "request trigger frequency limit" } };
      }
      const message_id = `om_${++counter}`;
      if (uuid) byUuid.set(uuid, { id: message_id, at: now });
      state.messages.push({ message_id, receive_id_type: req.query.get("receive_id_type") ?? "", receive_id: req.json.receive_id, msg_type: req.json.msg_type, content: JSON.parse(req.json.content), uuid });
      return { body: { code: 0, msg: "success", data: { message_id, msg_type: req.json.msg_type } } };
    }
    if (req.method === "POST" && robotSecrets.has(req.path)) {
      // "自定义机器人 / 签名校验": base64(HmacSHA256(key = timestamp + "\n" + secret, "")), timestamp within an hour.
      const ts = String(req.json?.timestamp ?? "");
      const expected = createHmac("sha256", `${ts}\n${robotSecrets.get(req.path)}`).update("").digest("base64");
      if (req.json?.sign !== expected || Math.abs(now / 1000 - Number(ts)) > 3600) return { body: { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time", data: {} } };
      if (req.json?.msg_type !== "text" || typeof req.json?.content?.text !== "string") return { body: { code: 9499, msg: "Bad Request", data: {} } };
      state.robotTexts.push(req.json.content.text);
      state.robotPosts.push({ path: req.path, text: req.json.content.text });
      return { body: { StatusCode: 0, StatusMessage: "success", code: 0, data: {}, msg: "success" } };
    }
    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(req.path);
    if (req.method === "GET" && resource) {
      const problem = authProblem(req, now);
      if (problem) return problem;
      if (req.query.get("type") !== "file" && req.query.get("type") !== "image") return { status: 400, body: { code: 234001, msg: "Invalid request param: type" } };
      const bytes = state.resources.get(`${resource[1]}/${resource[2]}`);
      if (!bytes) return { status: 400, body: { code: 234003, msg: "File not in msg." } };
      return { body: undefined, raw: bytes, contentType: "application/octet-stream" };
    }
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(req.path);
    if (req.method === "PATCH" && patch) {
      const problem = authProblem(req, now);
      if (problem) return problem;
      const original = state.messages.find((m) => m.message_id === patch[1]);
      if (!original || original.msg_type !== "interactive") return { status: 400, body: { code: 230001, msg: "param invalid: message is not a card this app sent" } };
      if (original.content?.config?.update_multi !== true) return { status: 400, body: { code: 230001, msg: "card is not shared (update_multi)" } };
      const content = JSON.parse(req.json.content);
      state.patches.push({ messageId: patch[1], content });
      original.content = content;
      return { body: { code: 0, msg: "success", data: {} } };
    }
    return { status: 404, body: { code: 404, msg: "not found" } };
  }, options.now);
  return Object.assign(server, state);
}

function sendProblem(req: SeenRequest) {
  const type = req.query.get("receive_id_type");
  if (!["open_id", "user_id", "union_id", "email", "chat_id"].includes(type ?? "")) return { status: 400, body: { code: 99992402, msg: "field validation failed: receive_id_type" } };
  const body = req.json;
  if (!body?.receive_id || !["text", "post", "interactive"].includes(body.msg_type) || typeof body.content !== "string") {
    return { status: 400, body: { code: 99992402, msg: "field validation failed" } };
  }
  try {
    JSON.parse(body.content);
  } catch {
    return { status: 400, body: { code: 230001, msg: "content is not a JSON string" } };
  }
  if (body.uuid !== undefined && (typeof body.uuid !== "string" || body.uuid.length > 50)) return { status: 400, body: { code: 99992402, msg: "uuid too long" } };
  return undefined;
}

// ---- the platform side of callbacks -------------------------------------------------------------

export function feishuEncryptAsPlatform(plain: string, key = FEISHU.encryptKey): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", createHash("sha256").update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

/** A callback as Feishu pushes it: encrypted body, timestamp (s), nonce and signature headers. */
export function feishuPush(payload: unknown, at: number, options: { encrypt?: boolean; sign?: boolean } = {}) {
  const body = options.encrypt === false ? JSON.stringify(payload) : JSON.stringify({ encrypt: feishuEncryptAsPlatform(JSON.stringify(payload)) });
  const headers = new Headers({ "content-type": "application/json" });
  if (options.sign !== false) {
    const timestamp = String(Math.floor(at / 1000));
    const nonce = randomBytes(8).toString("hex");
    headers.set("x-lark-request-timestamp", timestamp);
    headers.set("x-lark-request-nonce", nonce);
    headers.set("x-lark-signature", createHash("sha256").update(timestamp + nonce + FEISHU.encryptKey + body).digest("hex"));
  }
  return { headers, body };
}

/** An im.message.receive_v1 event (schema 2.0). */
export function feishuMessageEvent(o: {
  eventId: string;
  userId: string;
  chatId: string;
  text: string;
  group?: boolean;
  mentionBot?: boolean;
  /** A colleague @mentioned instead of the bot (their user id). */
  mentionUser?: string;
  location?: { name: string; latitude: number; longitude: number };
  /** A voice message instead of text: its file key (the audio is put in the fake's `resources`). */
  audio?: { fileKey: string; durationMs: number };
}) {
  // A mention's id holds the mentioned party's open_id (a bot has no user_id).
  const mentions = o.mentionBot
    ? [{ key: "@_user_1", id: { open_id: FEISHU_BOT_OPEN_ID, user_id: "", union_id: "on_bot" }, name: "考勤助手", tenant_key: "tk" }]
    : o.mentionUser
      ? [{ key: "@_user_1", id: { open_id: `ou_${o.mentionUser}`, user_id: o.mentionUser, union_id: `on_${o.mentionUser}` }, name: o.mentionUser, tenant_key: "tk" }]
      : [];
  return {
    schema: "2.0",
    header: { event_id: o.eventId, event_type: "im.message.receive_v1", create_time: "1608725989000", token: FEISHU.verificationToken, app_id: FEISHU.appId, tenant_key: "tk" },
    event: {
      sender: { sender_id: { union_id: `on_${o.userId}`, user_id: o.userId, open_id: `ou_${o.userId}` }, sender_type: "user", tenant_key: "tk" },
      message: {
        message_id: `om_in_${o.eventId}`,
        create_time: "1609073151345",
        chat_id: o.chatId,
        chat_type: o.group ? "group" : "p2p",
        message_type: o.location ? "location" : o.audio ? "audio" : "text",
        // A location's content: {"name","longitude","latitude"}, the numbers as strings.
        // An audio's content: {"file_key","duration"} (ms).
        content: JSON.stringify(
          o.location
            ? { name: o.location.name, longitude: String(o.location.longitude), latitude: String(o.location.latitude) }
            : o.audio
              ? { file_key: o.audio.fileKey, duration: o.audio.durationMs }
              : { text: mentions.length ? `@_user_1 ${o.text}` : o.text },
        ),
        mentions,
      },
    },
  };
}

/** A card.action.trigger callback for a button whose value we set. */
export function feishuCardAction(o: { eventId: string; userId: string; messageId: string; chatId: string; action: string }) {
  return {
    schema: "2.0",
    header: { event_id: o.eventId, token: FEISHU.verificationToken, create_time: "1700000000000000", event_type: "card.action.trigger", tenant_key: "tk", app_id: FEISHU.appId },
    event: {
      operator: { tenant_key: "tk", user_id: o.userId, open_id: `ou_${o.userId}`, union_id: `on_${o.userId}` },
      token: "c-update-token",
      action: { value: { action: o.action }, tag: "button" },
      host: "im_message",
      context: { open_message_id: o.messageId, open_chat_id: o.chatId },
    },
  };
}
