/**
 * Feishu / Lark server API for a custom app: `POST /open-apis/auth/v3/tenant_access_token/internal`
 * (7200 s, cached), `POST /open-apis/im/v1/messages?receive_id_type=...` (with `uuid`, Feishu's
 * idempotency key: one message per uuid within an hour), `PATCH /open-apis/im/v1/messages/:id`
 * (update a shared card), `GET /open-apis/bot/v3/info` (the bot's own open_id). Answers are `{code, msg, data}`; "服务端错误码说明" lists the codes.
 */
import { callFile, callJson, httpFailure, PlatformError, type JsonAnswer } from "../http.ts";
import { TokenCache } from "../token-cache.ts";
import type { FeishuBody } from "./render.ts";

export const FEISHU_API_BASE = { feishu: "https://open.feishu.cn", lark: "https://open.larksuite.com" } as const;

/** Codes meaning the tenant_access_token is missing, invalid or expired. */
const TOKEN_EXPIRED = new Set([99991661, 99991663, 99991668, 99991677]);
/** "request trigger frequency limit", answered with HTTP 429. */
const RATE_LIMITED = 99991400;

export type ReceiveIdType = "chat_id" | "user_id" | "open_id";

export interface FeishuApiOptions {
  appId: string;
  appSecret: string;
  domain?: keyof typeof FEISHU_API_BASE;
  baseUrl?: string;
  now?: () => number;
  fetch?: typeof fetch;
}

export class FeishuApi {
  readonly tokens: TokenCache;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: FeishuApiOptions) {
    this.base = (options.baseUrl ?? FEISHU_API_BASE[options.domain ?? "feishu"]).replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? fetch;
    this.tokens = new TokenCache(() => this.fetchToken(), options.now);
  }

  /** Sends a message; resolves to its message_id. */
  async send(receiveIdType: ReceiveIdType, receiveId: string, body: FeishuBody, uuid: string): Promise<string> {
    const data = await this.call("POST", `/open-apis/im/v1/messages?receive_id_type=${receiveIdType}`, { receive_id: receiveId, ...body, uuid });
    return String(data?.message_id ?? "");
  }

  /** The bot's own identity ("获取机器人信息", GET /open-apis/bot/v3/info): its open_id and name. */
  async botInfo(): Promise<{ openId: string; name: string }> {
    const body = await this.tokens.withToken(
      async (token) => check(await callJson("feishu", `${this.base}/open-apis/bot/v3/info`, { method: "GET", headers: { authorization: `Bearer ${token}` } }, this.fetchImpl)),
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
    const openId = body?.bot?.open_id;
    if (typeof openId !== "string" || !openId) throw new PlatformError("feishu", "NO_BOT", "bot/v3/info has no open_id: is the bot ability on?", true);
    return { openId, name: String(body.bot.app_name ?? "") };
  }

  /**
   * A file in a message ("获取消息中的资源文件": GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file,
   * `file` for audio, video and files): the bytes, or the usual `{code, msg}` JSON on failure.
   */
  async resource(messageId: string, fileKey: string): Promise<Uint8Array> {
    const url = `${this.base}/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}?type=file`;
    return this.tokens.withToken(
      async (token) => {
        const got = await callFile("feishu", url, { headers: { authorization: `Bearer ${token}` } }, this.fetchImpl);
        if (got.file) return got.file;
        check(got.answer);
        throw new PlatformError("feishu", "NO_FILE", "the resource answer carried no file", false, got.answer.status);
      },
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
  }

  /** Replaces a shared card's content. */
  async patch(messageId: string, content: string): Promise<void> {
    await this.call("PATCH", `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, { content });
  }

  private call(method: string, path: string, json: unknown): Promise<any> {
    return this.tokens.withToken(
      async (token) => check(await callJson("feishu", `${this.base}${path}`, { method, json, headers: { authorization: `Bearer ${token}` } }, this.fetchImpl)).data,
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
  }

  private async fetchToken() {
    const answer = await callJson(
      "feishu",
      `${this.base}/open-apis/auth/v3/tenant_access_token/internal`,
      { json: { app_id: this.options.appId, app_secret: this.options.appSecret } },
      this.fetchImpl,
    );
    const body = check(answer);
    if (typeof body.tenant_access_token !== "string") throw new PlatformError("feishu", "NO_TOKEN", "no tenant_access_token in answer", true);
    return { token: body.tenant_access_token, expiresInSeconds: Number(body.expire ?? 7200) };
  }
}

function check(answer: JsonAnswer): any {
  const body = answer.body as { code?: number; msg?: string } | undefined;
  const code = typeof body?.code === "number" ? body.code : undefined;
  if (answer.status === 200 && code === 0) return body;
  if (code === undefined || code === 0) throw httpFailure("feishu", answer);
  const retryable = code === RATE_LIMITED || answer.status === 429 || answer.status >= 500;
  // A throttled call says when the window resets ("频控策略": x-ogw-ratelimit-reset, seconds).
  const reset = Number(answer.headers.get("x-ogw-ratelimit-reset"));
  const retryAfterMs = httpFailure("feishu", answer).retryAfterMs ?? (reset > 0 ? reset * 1000 : undefined);
  throw new PlatformError("feishu", String(code), `Feishu code ${code}: ${body?.msg ?? ""}`, retryable, answer.status, retryAfterMs, TOKEN_EXPIRED.has(code));
}
