/**
 * A local WeCom: the server API of a self-built app (gettoken, message/send,
 * message/update_template_card, media/get) and a group robot webhook, answering with WeCom's errcodes, and
 * the platform side of callbacks (encrypted, signed XML built here independently of src/).
 * Formats: "服务端API" / "全局错误码" / "接收消息与事件" / "获取临时素材" / "群机器人配置说明" on developer.work.weixin.qq.com.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { startFakeServer, WindowCounter, type FakeServer, type SeenRequest } from "./server.ts";

// The official sample's values (sbzhu/weworkapi_python callback/Sample.py).
export const WECOM = {
  corpId: "ww1436e0e65a779aee",
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
  encodingAesKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
  agentId: "1000002",
  secret: "app-secret-for-tests",
  robotKey: "robot-key-0001",
};

/** The environment that configures the WeCom channel against a fake at `apiBase`. */
export function wecomEnv<Base extends string | undefined>(apiBase: Base): Record<string, string | Base> {
  return {
    WECOM_CORP_ID: WECOM.corpId,
    WECOM_AGENT_ID: WECOM.agentId,
    WECOM_SECRET: WECOM.secret,
    WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
    WECOM_API_BASE: apiBase,
  };
}

export interface FakeWecom extends FakeServer {
  /** Tokens the fake issued, with when they expire (fake clock, ms). */
  tokens: Map<string, number>;
  /** Accepted message/send bodies. */
  sent: any[];
  /** Accepted update_template_card bodies. */
  updates: any[];
  /** Accepted robot messages, with the fake time each was accepted. */
  robot: { at: number; body: any }[];
  /** Robot sends refused for the 20-a-minute limit. */
  robotRefusals: number;
  /** Temporary media by media_id, as members' voice messages leave them for media/get (AMR bytes). */
  media: Map<string, Uint8Array>;
  /** WeCom user ids message/send accepts; others get errcode 81013. */
  users: Set<string>;
  robotUrl: string;
  /** A response_code as WeCom puts on a card click, usable once for update_template_card. */
  issueResponseCode(): string;
}

export async function startFakeWecom(options: { now?: () => number; users?: string[] } = {}): Promise<FakeWecom> {
  let counter = 0;
  const responseCodes = new Set<string>();
  const robotWindow = new WindowCounter(20, 60_000);
  const state = {
    tokens: new Map<string, number>(),
    sent: [] as any[],
    updates: [] as any[],
    robot: [] as { at: number; body: any }[],
    robotRefusals: 0,
    media: new Map<string, Uint8Array>(),
    users: new Set(options.users ?? ["wang", "chen", "zhao", "lin", "admin"]),
    robotUrl: "",
    issueResponseCode: () => {
      const code = `rc-${++counter}`;
      responseCodes.add(code);
      return code;
    },
  };

  const tokenProblem = (req: SeenRequest, now: number) => {
    const token = req.query.get("access_token");
    if (!token) return { errcode: 41001, errmsg: "access_token missing" };
    const expires = state.tokens.get(token);
    if (expires === undefined) return { errcode: 40014, errmsg: "invalid access_token" };
    if (now >= expires) return { errcode: 42001, errmsg: "access_token expired" };
    return undefined;
  };

  const server = await startFakeServer((req) => {
    const now = server.now();
    if (req.method === "GET" && req.path === "/cgi-bin/gettoken") {
      if (req.query.get("corpid") !== WECOM.corpId) return { body: { errcode: 40013, errmsg: "invalid corpid" } };
      if (req.query.get("corpsecret") !== WECOM.secret) return { body: { errcode: 40001, errmsg: "invalid credential" } };
      const token = `wecom-token-${++counter}`;
      state.tokens.set(token, now + 7200_000);
      return { body: { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 } };
    }
    if (req.method === "POST" && req.path === "/cgi-bin/message/send") {
      const problem = tokenProblem(req, now) ?? sendProblem(req.json);
      if (problem) return { body: problem };
      if (!state.users.has(req.json.touser)) return { body: { errcode: 81013, errmsg: "user & party & tag all invalid" } };
      state.sent.push(req.json);
      const card = req.json.msgtype === "template_card" ? { response_code: state.issueResponseCode() } : {};
      return { body: { errcode: 0, errmsg: "ok", invaliduser: "", msgid: `msg-${++counter}`, ...card } };
    }
    if (req.method === "POST" && req.path === "/cgi-bin/message/update_template_card") {
      const problem = tokenProblem(req, now);
      if (problem) return { body: problem };
      if (String(req.json?.agentid) !== WECOM.agentId) return { body: { errcode: 40056, errmsg: "invalid agentid" } };
      if (!responseCodes.delete(req.json?.response_code)) return { body: { errcode: 40058, errmsg: "invalid response_code" } };
      state.updates.push(req.json);
      return { body: { errcode: 0, errmsg: "ok", invaliduser: [] } };
    }
    if (req.method === "GET" && req.path === "/cgi-bin/media/get") {
      const problem = tokenProblem(req, now);
      if (problem) return { body: problem };
      const id = req.query.get("media_id") ?? "";
      const file = state.media.get(id);
      if (!file) return { body: { errcode: 40007, errmsg: "invalid media_id" } };
      // "正确时返回(和普通的http下载相同)": the file, its type, and an attachment name.
      return { body: undefined, raw: file, contentType: "audio/amr", headers: { "content-disposition": `attachment; filename="${id}.amr"`, "cache-control": "no-cache, must-revalidate" } };
    }
    if (req.method === "POST" && req.path === "/cgi-bin/webhook/send") {
      if (req.query.get("key") !== WECOM.robotKey) return { body: { errcode: 93000, errmsg: "invalid webhook url" } };
      if (!robotWindow.admit(now)) {
        state.robotRefusals += 1;
        return { body: { errcode: 45009, errmsg: "api freq out of limit" } };
      }
      state.robot.push({ at: now, body: req.json });
      return { body: { errcode: 0, errmsg: "ok" } };
    }
    return { status: 404, body: { errcode: 404, errmsg: "not found" } };
  }, options.now);
  state.robotUrl = `${server.url}/cgi-bin/webhook/send?key=${WECOM.robotKey}`;
  return Object.assign(server, state);
}

/** What message/send checks before accepting ("发送应用消息" parameters). */
function sendProblem(body: any): { errcode: number; errmsg: string } | undefined {
  if (!body || typeof body !== "object") return { errcode: 44004, errmsg: "empty content" };
  if (String(body.agentid) !== WECOM.agentId) return { errcode: 40056, errmsg: "invalid agentid" };
  const kind = body.msgtype;
  if (!["text", "markdown", "template_card"].includes(kind) || !body[kind]) return { errcode: 40008, errmsg: "invalid message type" };
  if (kind === "text" && !body.text.content) return { errcode: 44004, errmsg: "empty content" };
  if (kind === "template_card") {
    const card = body.template_card;
    if (!/^[A-Za-z0-9_\-@]{1,128}$/.test(card.task_id ?? "")) return { errcode: 40058, errmsg: "invalid task_id" };
    if (card.card_type === "button_interaction" && (!Array.isArray(card.button_list) || card.button_list.length === 0 || card.button_list.length > 6)) {
      return { errcode: 40058, errmsg: "button_list must have 1 to 6 buttons" };
    }
  }
  return undefined;
}

// ---- the platform side of callbacks -------------------------------------------------------------

/** Encrypts as WeCom does: random(16) + length(4, big-endian) + message + corp id, PKCS#7 to 32 bytes. */
export function wecomEncrypt(message: string, corpId = WECOM.corpId, key = WECOM.encodingAesKey): string {
  const aes = Buffer.from(`${key}=`, "base64");
  const body = Buffer.from(message);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(corpId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv("aes-256-cbc", aes, aes.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
}

export function wecomSign(timestamp: string, nonce: string, encrypted: string, token = WECOM.token): string {
  return createHash("sha1").update([token, timestamp, nonce, encrypted].sort().join("")).digest("hex");
}

/** A POST callback as WeCom sends it: query and body. */
export function wecomCallback(innerXml: string, at: number, options: { corpId?: string } = {}) {
  const timestamp = String(Math.floor(at / 1000));
  const nonce = String(100000 + Math.floor(Math.random() * 900000));
  const encrypted = wecomEncrypt(innerXml, options.corpId);
  const query = new URLSearchParams({ msg_signature: wecomSign(timestamp, nonce, encrypted), timestamp, nonce });
  const body = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${WECOM.agentId}]]></AgentID></xml>`;
  return { query, body };
}

/** A text message's plain XML ("消息格式 / 文本消息"). */
export function wecomTextXml(from: string, content: string, msgId: string, at: number): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

/** A voice message ("消息格式 / 语音消息"): MediaId for media/get, Format amr, and Recognition only where the account transcribes. */
export function wecomVoiceXml(from: string, mediaId: string, msgId: string, at: number, recognition?: string): string {
  const heard = recognition === undefined ? "" : `<Recognition><![CDATA[${recognition}]]></Recognition>`;
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[${mediaId}]]></MediaId><Format><![CDATA[amr]]></Format>${heard}<MsgId>${msgId}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

/** A location message ("消息格式 / location消息"): Location_X is the latitude, Location_Y the longitude (GCJ-02). */
export function wecomLocationXml(from: string, latitude: number, longitude: number, label: string, msgId: string, at: number): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>${latitude}</Location_X><Location_Y>${longitude}</Location_Y><Scale>15</Scale><Label><![CDATA[${label}]]></Label><MsgId>${msgId}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

/** A template card button click ("事件格式 / 模板卡片事件推送"). */
export function wecomCardEventXml(from: string, eventKey: string, taskId: string, responseCode: string, at: number): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${WECOM.agentId}</AgentID></xml>`;
}
