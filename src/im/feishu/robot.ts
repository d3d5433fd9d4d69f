/**
 * Feishu's custom group bot ("自定义机器人", a webhook `.../open-apis/bot/v2/hook/<token>`), for
 * team digests. With "签名校验" on, the body carries `timestamp` (seconds) and `sign` =
 * base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")); Feishu refuses a timestamp
 * over an hour off. Answers are `{code, msg}`: 0 is sent; 11232 is its rate limit (100 a minute,
 * 5 a second), worth retrying, as are HTTP 429 and 5xx; anything else (9499 bad request, 19021
 * sign mismatch, 19024 keyword missing) is a refusal.
 */
import { createHmac } from "node:crypto";
import { callJson, httpFailure, PlatformError } from "../http.ts";
import { plainText, type OutgoingMessage } from "../message.ts";

const RATE_LIMITED = new Set([11232]);

/** The custom bot's sign for a timestamp in seconds. */
export function feishuRobotSign(timestampSeconds: string, secret: string): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

/** The body a custom bot takes for a message: text (a digest's lines), signed when there is a secret. */
export function feishuRobotBody(message: OutgoingMessage, secret: string | undefined, nowMs: number): Record<string, unknown> {
  const body: Record<string, unknown> = { msg_type: "text", content: { text: plainText(message) } };
  if (!secret) return body;
  const timestamp = String(Math.floor(nowMs / 1000));
  return { timestamp, sign: feishuRobotSign(timestamp, secret), ...body };
}

/** Posts to the custom bot's webhook; throws the platform's refusal as a `PlatformError`. */
export async function postFeishuRobot(webhook: string, body: Record<string, unknown>, fetchImpl: typeof fetch = fetch): Promise<void> {
  const answer = await callJson("feishu", webhook, { json: body }, fetchImpl);
  const code = (answer.body as { code?: number } | undefined)?.code;
  if (answer.status === 200 && code === 0) return;
  if (code === undefined) throw httpFailure("feishu", answer);
  const msg = (answer.body as { msg?: string }).msg ?? "";
  throw new PlatformError("feishu", String(code), `Feishu bot code ${code}: ${msg}`, RATE_LIMITED.has(code) || answer.status === 429 || answer.status >= 500, answer.status);
}
