/**
 * Slack Web API with a bot token (`Authorization: Bearer xoxb-...`): `chat.postMessage`,
 * `chat.update`, `chat.postEphemeral`, and a command's or action's `response_url`. Answers are
 * `{ok, error}`; throttling is HTTP 429 with `Retry-After` seconds ("Rate limits"). Bot tokens do
 * not expire (unless token rotation is turned on, which this app does not use), so there is no
 * token to fetch or refresh: an `invalid_auth` is final.
 */
import { callJson, httpFailure, PlatformError, type JsonAnswer } from "../http.ts";
import type { SlackBody } from "./render.ts";

export const SLACK_API_BASE = "https://slack.com/api";

/** Errors Slack documents as transient. */
const RETRYABLE = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

export class SlackApi {
  private readonly base: string;

  constructor(
    private readonly botToken: string,
    baseUrl?: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = (baseUrl ?? SLACK_API_BASE).replace(/\/$/, "");
  }

  /** Posts into a channel, or to a user id (the app's direct message with them); resolves to channel and ts. */
  async postMessage(channel: string, body: SlackBody): Promise<{ channel: string; ts: string }> {
    const result = await this.call("chat.postMessage", { channel, ...body });
    return { channel: String(result.channel), ts: String(result.ts) };
  }

  async update(channel: string, ts: string, body: SlackBody): Promise<void> {
    await this.call("chat.update", { channel, ts, ...body });
  }

  /** A message only `user` sees in `channel`. */
  async postEphemeral(channel: string, user: string, body: SlackBody): Promise<void> {
    await this.call("chat.postEphemeral", { channel, user, ...body });
  }

  /** Answers through a response_url (no token: the URL is the credential). */
  async respond(responseUrl: string, body: SlackBody): Promise<void> {
    check(await callJson("slack", responseUrl, { json: { response_type: "in_channel", ...body } }, this.fetchImpl));
  }

  private async call(method: string, json: Record<string, unknown>): Promise<any> {
    return check(await callJson("slack", `${this.base}/${method}`, { json, headers: { authorization: `Bearer ${this.botToken}` } }, this.fetchImpl));
  }
}

function check(answer: JsonAnswer): any {
  const body = answer.body as { ok?: boolean; error?: string } | undefined;
  if (answer.status === 200 && body?.ok !== false) return body ?? {};
  if (answer.status !== 200 || !body?.error) throw httpFailure("slack", answer, body?.error);
  throw new PlatformError("slack", body.error, `Slack error: ${body.error}`, RETRYABLE.has(body.error), 200);
}
