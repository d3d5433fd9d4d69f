/**
 * WeCom's server API for a self-built app ("服务端API"): `GET /cgi-bin/gettoken` (access_token,
 * 7200 s, cached), `POST /cgi-bin/message/send`, `POST /cgi-bin/message/update_template_card`,
 * `GET /cgi-bin/media/get` (a voice message's audio, by its MediaId), and a group robot's webhook (`POST .../cgi-bin/webhook/send?key=...`). Every answer is HTTP 200 with
 * `{errcode, errmsg}`; the errcode says what went wrong ("全局错误码").
 */
import { callFile, callJson, httpFailure, PlatformError, type JsonAnswer } from "../http.ts";
import { TokenCache } from "../token-cache.ts";

export const WECOM_API_BASE = "https://qyapi.weixin.qq.com";

/** Error codes that mean "fetch a new access_token": 40014 invalid, 42001 expired. */
const TOKEN_EXPIRED = new Set([40014, 42001]);
/** Error codes worth trying again later: -1 system busy, 45009 call rate exceeded, 45033 too many concurrent calls. */
const RETRYABLE = new Set([-1, 45009, 45033]);

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

export interface WecomApiOptions {
  corpId: string;
  secret: string;
  baseUrl?: string;
  now?: () => number;
  fetch?: typeof fetch;
}

export class WecomApi {
  readonly tokens: TokenCache;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: WecomApiOptions) {
    this.base = (options.baseUrl ?? WECOM_API_BASE).replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? fetch;
    this.tokens = new TokenCache(() => this.fetchToken(), options.now);
  }

  /** message/send; resolves to its answer (`msgid`, and `response_code` for cards). */
  async sendMessage(body: Record<string, unknown>): Promise<WecomAnswer> {
    const result = await this.post("/cgi-bin/message/send", body);
    // errcode 0 with invaliduser set means the one recipient we name is not reachable.
    if (typeof result.invaliduser === "string" && result.invaliduser !== "") {
      throw new PlatformError("wecom", "INVALID_USER", `WeCom does not know user ${result.invaliduser}`, false);
    }
    return result;
  }

  /** message/update_template_card, with a response_code from a send or a click (usable once). */
  updateTemplateCard(body: Record<string, unknown>): Promise<WecomAnswer> {
    return this.post("/cgi-bin/message/update_template_card", body);
  }

  /**
   * A temporary media file ("获取临时素材", kept three days): the bytes, served like any HTTP download
   * (a voice message's is AMR, `audio/amr`), or the usual `{errcode, errmsg}` JSON (40007 for an
   * unknown or expired media_id).
   */
  async media(mediaId: string): Promise<Uint8Array> {
    return this.tokens.withToken(
      async (token) => {
        const url = `${this.base}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
        const got = await callFile("wecom", url, {}, this.fetchImpl);
        if (got.file) return got.file;
        check(got.answer);
        throw new PlatformError("wecom", "NO_FILE", "media/get answered without a file", false, got.answer.status);
      },
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
  }

  /** A group robot's webhook: the URL carries its own key, no access token. */
  async sendRobot(url: string, body: Record<string, unknown>): Promise<void> {
    check(await callJson("wecom", url, { json: body }, this.fetchImpl));
  }

  private post(path: string, body: Record<string, unknown>): Promise<WecomAnswer> {
    return this.tokens.withToken(
      async (token) => check(await callJson("wecom", `${this.base}${path}?access_token=${encodeURIComponent(token)}`, { json: body }, this.fetchImpl)),
      (err) => err instanceof PlatformError && err.tokenExpired,
    );
  }

  private async fetchToken() {
    const url = `${this.base}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.options.corpId)}&corpsecret=${encodeURIComponent(this.options.secret)}`;
    const result = check(await callJson("wecom", url, {}, this.fetchImpl));
    if (typeof result.access_token !== "string") throw new PlatformError("wecom", "NO_TOKEN", "gettoken answered without access_token", true);
    return { token: result.access_token, expiresInSeconds: Number(result.expires_in ?? 7200) };
  }
}

/** Turns a WeCom answer into its body or the matching error. */
function check(answer: JsonAnswer): WecomAnswer {
  if (answer.status !== 200) throw httpFailure("wecom", answer);
  const body = answer.body as WecomAnswer | undefined;
  if (!body || typeof body !== "object") throw new PlatformError("wecom", "BAD_ANSWER", "WeCom answered without JSON", true, 200);
  const code = Number(body.errcode ?? 0);
  if (code === 0) return body;
  throw new PlatformError("wecom", String(code), `WeCom errcode ${code}: ${body.errmsg ?? ""}`, RETRYABLE.has(code), 200, undefined, TOKEN_EXPIRED.has(code));
}
