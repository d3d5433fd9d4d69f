/**
 * A local DingTalk: the new open API (oauth2/accessToken, robot oToMessages/batchSend and
 * groupMessages/send with `x-acs-dingtalk-access-token`), message sessionWebhooks, a custom group
 * robot webhook with 加签 verification and its 20-a-minute limit, and the platform side of
 * HTTP-mode robot callbacks (signed headers), built here independently of src/.
 * Formats: open.dingtalk.com "获取企业内部应用的accessToken", "批量发送人与机器人会话中机器人消息",
 * "机器人发送群聊消息", "机器人接收消息", "自定义机器人安全设置".
 */
import { createHmac } from "node:crypto";
import { startFakeServer, WindowCounter, type FakeServer, type SeenRequest } from "./server.ts";

export const DINGTALK = {
  appKey: "dingappkeyfortests",
  appSecret: "dingtalk-app-secret-for-tests",
  robotCode: "dingappkeyfortests",
  robotToken: "custom-robot-token",
  robotSecret: "SEC0123456789abcdef",
};

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

  const server = await startFakeServer((req) => {
    const now = server.now();
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
  return Object.assign(server, state);
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
