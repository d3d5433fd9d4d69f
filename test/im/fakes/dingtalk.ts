/**
 * A local DingTalk: the new open API (oauth2/accessToken, robot oToMessages/batchSend and
 * groupMessages/send with `x-acs-dingtalk-access-token`), message sessionWebhooks, a custom group
 * robot webhook with 加签 verification and its 20-a-minute limit, and the platform side of
 * HTTP-mode robot callbacks (signed headers), built here independently of src/.
 * Formats: open.dingtalk.com "获取企业内部应用的accessToken", "批量发送人与机器人会话中机器人消息",
 * "机器人发送群聊消息", "机器人接收消息", "自定义机器人安全设置", and the stream gateway of "Stream 模式协议"
 * (connections/open hands out a ticket for a WebSocket that pushes CALLBACK frames and wants each acked).
 */
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { startFakeServer, WindowCounter, type FakeServer, type SeenRequest } from "./server.ts";

export const DINGTALK = {
  appKey: "dingappkeyfortests",
  appSecret: "dingtalk-app-secret-for-tests",
  robotCode: "dingappkeyfortests",
  robotToken: "custom-robot-token",
  robotSecret: "SEC0123456789abcdef",
};

/** The environment that configures the DingTalk channel against a fake at `apiBase`. */
export function dingtalkEnv(apiBase: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DINGTALK_APP_KEY: DINGTALK.appKey, DINGTALK_APP_SECRET: DINGTALK.appSecret, DINGTALK_ROBOT_CODE: DINGTALK.robotCode, DINGTALK_API_BASE: apiBase, ...extra };
}

const MSG_KEYS = new Set(["sampleText", "sampleMarkdown", "sampleActionCard", "sampleActionCard2"]);

export interface FakeDingtalk extends FakeServer {
  tokens: Map<string, number>;
  /** One-to-one and group robot messages: where to, msgKey and parsed msgParam. */
  robotMessages: { kind: "user" | "group"; to: string; msgKey: string; param: any }[];
  /** Bodies posted to session webhooks, by session. */
  sessionReplies: { session: string; body: any }[];
  /** Messages the custom group robot accepted, with the fake time. */
  groupRobot: { at: number; body: any }[];
  robotWebhook: string;
  /** Opens a session webhook, as DingTalk hands one out with each message (valid until `expiresAt`). */
  openSession(expiresAt: number): string;
  /** The stream gateway: tickets handed out, and the socket the app connected with one. */
  stream: FakeStreamGateway;
}

export interface FakeStreamGateway {
  /** Bodies POSTed to connections/open. */
  opened: any[];
  /** Waits until the app has connected `n` times (default 1) with valid tickets. */
  connection(n?: number): Promise<void>;
  /** Pushes a robot message as a CALLBACK frame; resolves with the app's ack frame. */
  push(message: unknown, messageId?: string): Promise<any>;
  /** Sends a SYSTEM frame (`ping`, `disconnect`); resolves with the app's answer, or on close for `disconnect`. */
  system(topic: "ping" | "disconnect", data?: string): Promise<any>;
  /** Frames the app sent up that answer nothing we asked. */
  stray: any[];
}

export async function startFakeDingtalk(options: { now?: () => number } = {}): Promise<FakeDingtalk> {
  let counter = 0;
  const sessions = new Map<string, number>();
  const robotWindow = new WindowCounter(20, 60_000);
  const state = {
    tokens: new Map<string, number>(),
    robotMessages: [] as FakeDingtalk["robotMessages"],
    sessionReplies: [] as FakeDingtalk["sessionReplies"],
    groupRobot: [] as FakeDingtalk["groupRobot"],
    robotWebhook: "",
    openSession: (expiresAt: number) => {
      const id = `session-${++counter}`;
      sessions.set(id, expiresAt);
      return `${server.url}/robot/sendBySession?session=${id}`;
    },
  };

  const authProblem = (req: SeenRequest, now: number) => {
    const token = String(req.headers["x-acs-dingtalk-access-token"] ?? "");
    const expires = state.tokens.get(token);
    if (!token || expires === undefined || now >= expires) return { status: 401, body: { code: "InvalidAuthentication", message: "不合法的access_token", requestid: `req-${++counter}` } };
    return undefined;
  };
  const robotProblem = (body: any) => {
    if (body?.robotCode !== DINGTALK.robotCode) return { status: 400, body: { code: "resource.not.found", message: "robotCode 不存在" } };
    if (!MSG_KEYS.has(body.msgKey) || typeof body.msgParam !== "string") return { status: 400, body: { code: "invalidParameter", message: "msgKey 或 msgParam 不合法" } };
    return undefined;
  };

  const gateway = await startStreamGateway();
  const server = await startFakeServer((req) => {
    const now = server.now();
    if (req.method === "POST" && req.path === "/v1.0/gateway/connections/open") {
      gateway.opened.push(req.json);
      if (req.json?.clientId !== DINGTALK.appKey || req.json?.clientSecret !== DINGTALK.appSecret) {
        return { status: 401, body: { code: "InvalidAuthentication", message: "clientId 或 clientSecret 不正确" } };
      }
      return { body: { endpoint: gateway.url, ticket: gateway.issueTicket() } };
    }
    if (req.method === "POST" && req.path === "/v1.0/oauth2/accessToken") {
      if (req.json?.appKey !== DINGTALK.appKey || req.json?.appSecret !== DINGTALK.appSecret) {
        return { status: 400, body: { code: "invalidClientIdOrSecret", message: "无效的clientId或者clientSecret" } };
      }
      const accessToken = `ding-token-${++counter}`;
      state.tokens.set(accessToken, now + 7200_000);
      return { body: { accessToken, expireIn: 7200 } };
    }
    if (req.method === "POST" && (req.path === "/v1.0/robot/oToMessages/batchSend" || req.path === "/v1.0/robot/groupMessages/send")) {
      const problem = authProblem(req, now) ?? robotProblem(req.json);
      if (problem) return problem;
      const group = req.path.endsWith("groupMessages/send");
      state.robotMessages.push({ kind: group ? "group" : "user", to: group ? req.json.openConversationId : req.json.userIds?.[0], msgKey: req.json.msgKey, param: JSON.parse(req.json.msgParam) });
      return { body: group ? { processQueryKey: `pq-${++counter}` } : { processQueryKey: `pq-${++counter}`, invalidStaffIdList: [], flowControlledStaffIdList: [] } };
    }
    if (req.method === "POST" && req.path === "/robot/sendBySession") {
      const session = req.query.get("session") ?? "";
      const expires = sessions.get(session);
      if (expires === undefined || now >= expires) return { body: { errcode: 300001, errmsg: "session 不存在或已过期" } };
      state.sessionReplies.push({ session, body: req.json });
      return { body: { errcode: 0, errmsg: "ok" } };
    }
    if (req.method === "POST" && req.path === "/robot/send") {
      if (req.query.get("access_token") !== DINGTALK.robotToken) return { body: { errcode: 300001, errmsg: "token is not exist" } };
      const timestamp = req.query.get("timestamp") ?? "";
      if (Math.abs(now - Number(timestamp)) > 3600_000) return { body: { errcode: 310000, errmsg: "invalid timestamp" } };
      // The query string is decoded once by the server: the sign must then equal the plain base64.
      if (req.query.get("sign") !== hmac(timestamp, DINGTALK.robotSecret)) return { body: { errcode: 310000, errmsg: "sign not match" } };
      if (!robotWindow.admit(now)) return { body: { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" } };
      state.groupRobot.push({ at: now, body: req.json });
      return { body: { errcode: 0, errmsg: "ok" } };
    }
    return { status: 404, body: { code: "NotFound", message: "not found" } };
  }, options.now);
  state.robotWebhook = `${server.url}/robot/send?access_token=${DINGTALK.robotToken}`;
  const closeHttp = server.close;
  return Object.assign(server, state, {
    stream: gateway,
    close: async () => {
      await gateway.close();
      await closeHttp();
    },
  });
}

/** The WebSocket side of the stream gateway: one ticket per connection, frames as DingTalk sends them. */
async function startStreamGateway() {
  const tickets = new Set<string>();
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  let socket: WebSocket | undefined;
  let counter = 0;
  const waiting = new Map<string, (frame: any) => void>();
  let connections = 0;
  const connected: Array<{ n: number; resolve: () => void }> = [];
  const gateway = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/connect`,
    opened: [] as any[],
    stray: [] as any[],
    issueTicket: () => {
      const ticket = `ticket-${++counter}`;
      tickets.add(ticket);
      return ticket;
    },
    connection: (n = 1) => new Promise<void>((resolve) => (connections >= n ? resolve() : connected.push({ n, resolve }))),
    push: (message: unknown, messageId = `msg-frame-${++counter}`) => {
      const frame = {
        specVersion: "1.0",
        type: "CALLBACK",
        headers: { appId: DINGTALK.appKey, connectionId: "conn-1", contentType: "application/json", messageId, time: String(Date.now()), topic: "/v1.0/im/bot/messages/get" },
        data: JSON.stringify(message),
      };
      return send(frame, messageId);
    },
    system: (topic: "ping" | "disconnect", data = JSON.stringify({ opaque: `p-${++counter}` })) => {
      const messageId = `sys-${++counter}`;
      const frame = { specVersion: "1.0", type: "SYSTEM", headers: { contentType: "application/json", messageId, time: String(Date.now()), topic }, data };
      if (topic === "disconnect") {
        const s = socket!;
        return new Promise<any>((resolve) => {
          s.once("close", () => resolve({ closed: true }));
          s.send(JSON.stringify(frame));
        });
      }
      return send(frame, messageId);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  function send(frame: unknown, messageId: string): Promise<any> {
    return new Promise((resolve, reject) => {
      if (!socket) return reject(new Error("no app is connected to the stream gateway"));
      waiting.set(messageId, resolve);
      socket.send(JSON.stringify(frame));
    });
  }
  wss.on("connection", (ws, req) => {
    const ticket = new URL(req.url ?? "", "ws://x").searchParams.get("ticket") ?? "";
    // A ticket opens one connection, as DingTalk's do.
    if (!tickets.delete(ticket)) return ws.close(1008, "invalid ticket");
    socket = ws;
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw));
      const id = frame?.headers?.messageId;
      const resolve = waiting.get(id);
      if (resolve) {
        waiting.delete(id);
        resolve(frame);
      } else gateway.stray.push(frame);
    });
    connections++;
    for (const w of connected.filter((w) => connections >= w.n)) {
      connected.splice(connected.indexOf(w), 1);
      w.resolve();
    }
  });
  return gateway;
}

function hmac(timestamp: string, secret: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

// ---- the platform side of callbacks -------------------------------------------------------------

/** An HTTP-mode robot callback: JSON body, `timestamp` (ms) and `sign` headers. */
export function dingtalkPush(message: unknown, at: number, appSecret = DINGTALK.appSecret) {
  const timestamp = String(at);
  return { headers: new Headers({ "content-type": "application/json", timestamp, sign: hmac(timestamp, appSecret) }), body: JSON.stringify(message) };
}

/** A text message to the robot (RobotMessage fields of dingtalk-stream-sdk-nodejs). */
export function dingtalkText(o: { msgId: string; staffId: string; text: string; group?: boolean; atBot?: boolean; sessionWebhook?: string; sessionExpiresAt?: number; conversationId?: string }) {
  return {
    conversationId: o.conversationId ?? (o.group ? "cidGroupAbc==" : `cid-${o.staffId}`),
    atUsers: o.atBot ? [{ dingtalkId: "$:LWCP_v1:$bot" }] : [],
    chatbotCorpId: "dingcorp",
    chatbotUserId: "$:LWCP_v1:$bot",
    msgId: o.msgId,
    senderNick: o.staffId,
    isAdmin: false,
    senderStaffId: o.staffId,
    sessionWebhookExpiredTime: o.sessionExpiresAt ?? 0,
    createAt: 0,
    senderCorpId: "dingcorp",
    conversationType: o.group ? "2" : "1",
    senderId: `$:LWCP_v1:$${o.staffId}`,
    isInAtList: o.atBot ?? !o.group,
    sessionWebhook: o.sessionWebhook ?? "https://oapi.dingtalk.com/robot/sendBySession?session=unused",
    text: { content: o.atBot ? ` ${o.text}` : o.text },
    robotCode: DINGTALK.robotCode,
    msgtype: "text",
  };
}
