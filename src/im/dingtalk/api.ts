/**
 * DingTalk's APIs for an internal app's robot:
 * - new open API (api.dingtalk.com, header `x-acs-dingtalk-access-token`):
 *   `POST /v1.0/oauth2/accessToken` {appKey, appSecret} -> {accessToken, expireIn} (7200 s, cached),
 *   `POST /v1.0/robot/oToMessages/batchSend` (one-to-one), `POST /v1.0/robot/groupMessages/send`;
 *   failures are HTTP 4xx/5xx with `{code, message}` ("InvalidAuthentication" for a bad token,
 *   "Forbidden.AccessDenied.QpsLimitForApi" / "...QpsLimitForAppkeyAndApi" when throttled);
 * - webhooks (a message's sessionWebhook, a custom group robot): `{errcode, errmsg}` answers,
 *   130101 "send too fast, exceed 20 times per minute" when throttled.
 */
import { callJson, httpFailure, PlatformError, type JsonAnswer } from "../http.ts";
import { TokenCache } from "../token-cache.ts";

export const DINGTALK_API_BASE = "https://api.dingtalk.com";

const THROTTLED_CODES = /QpsLimit|send\.too\.fast|too\.many|Throttling/i;
const WEBHOOK_THROTTLED = new Set([130101]);

export interface DingtalkApiOptions {
  appKey: string;
  appSecret: string;
  robotCode: string;
  baseUrl?: string;
  now?: () => number;
  fetch?: typeof fetch;
}

export class DingtalkApi {
  readonly tokens: TokenCache;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: DingtalkApiOptions) {
    this.base = (options.baseUrl ?? DINGTALK_API_BASE).replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? fetch;
    this.tokens = new TokenCache(() => this.fetchToken(), options.now);
  }

  /** One-to-one robot message to a member (by staff id). */
  async sendToUser(userId: string, message: { msgKey: string; msgParam: string }): Promise<void> {
    const body = await this.call("/v1.0/robot/oToMessages/batchSend", { robotCode: this.options.robotCode, userIds: [userId], ...message });
    // The call succeeds as a whole; these lists say who was not reached ("批量发送人与机器人会话中机器人消息").
    if (Array.isArray(body?.flowControlledStaffIdList) && body.flowControlledStaffIdList.includes(userId)) {
      throw new PlatformError("dingtalk", "FLOW_CONTROLLED", `DingTalk throttled messages to ${userId}`, true);
    }
    if (Array.isArray(body?.invalidStaffIdList) && body.invalidStaffIdList.includes(userId)) {
      throw new PlatformError("dingtalk", "INVALID_USER", `DingTalk does not know staff id ${userId}`, false);
    }
  }

  /** A robot message into a group conversation the robot is in. */
  async sendToGroup(openConversationId: string, message: { msgKey: string; msgParam: string }): Promise<void> {
    await this.call("/v1.0/robot/groupMessages/send", { robotCode: this.options.robotCode, openConversationId, ...message });
  }

  /** Posts a webhook body (a sessionWebhook or a signed custom robot URL). */
  async postWebhook(url: string, body: Record<string, unknown>): Promise<void> {
    const answer = await callJson("dingtalk", url, { json: body }, this.fetchImpl);
    if (answer.status !== 200) throw httpFailure("dingtalk", answer);
    const result = answer.body as { errcode?: number; errmsg?: string } | undefined;
    const code = Number(result?.errcode ?? 0);
    if (code !== 0) throw new PlatformError("dingtalk", String(code), `DingTalk errcode ${code}: ${result?.errmsg ?? ""}`, WEBHOOK_THROTTLED.has(code), 200);
  }

  private call(path: string, json: unknown): Promise<any> {
    return this.tokens.withToken(
      async (token) => check(await callJson("dingtalk", `${this.base}${path}`, { json, headers: { "x-acs-dingtalk-access-token": token } }, this.fetchImpl)),
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
  }

  private async fetchToken() {
    const body = check(await callJson("dingtalk", `${this.base}/v1.0/oauth2/accessToken`, { json: { appKey: this.options.appKey, appSecret: this.options.appSecret } }, this.fetchImpl));
    if (typeof body?.accessToken !== "string") throw new PlatformError("dingtalk", "NO_TOKEN", "no accessToken in answer", true);
    return { token: body.accessToken, expiresInSeconds: Number(body.expireIn ?? 7200) };
  }
}

function check(answer: JsonAnswer): any {
  if (answer.status === 200) return answer.body;
  const body = answer.body as { code?: string; message?: string } | undefined;
  if (!body?.code) throw httpFailure("dingtalk", answer);
  const retryable = answer.status === 429 || answer.status >= 500 || THROTTLED_CODES.test(body.code);
  const expired = /^InvalidAuthentication$/i.test(body.code);
  throw new PlatformError("dingtalk", body.code, `DingTalk ${body.code}: ${body.message ?? ""}`, retryable, answer.status, httpFailure("dingtalk", answer).retryAfterMs, expired);
}
