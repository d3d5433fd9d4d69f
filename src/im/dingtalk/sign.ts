/**
 * DingTalk's two HMAC signatures, both HmacSHA256 with the secret as key over
 * `timestamp + "\n" + secret`, base64:
 * - HTTP-mode robot callbacks ("机器人接收消息", HTTP 模式): headers `timestamp` (ms) and `sign`;
 *   the timestamp must be within an hour of now, the key is the app secret. The signature does not
 *   cover the body, so the body is trusted only as far as its robotCode matches ours.
 * - custom group robot webhooks ("自定义机器人安全设置 / 加签"): `&timestamp=...&sign=...` on the URL,
 *   the sign url-encoded, the key is the robot's `SEC...` secret.
 */
import { createHmac } from "node:crypto";
import { InboundRejected } from "../channel.ts";
import { requireFresh, sameSignature } from "../http.ts";

/** DingTalk accepts a signed timestamp within one hour of its own clock, both ways. */
export const DINGTALK_TIMESTAMP_WINDOW_MS = 60 * 60_000;

export function dingtalkSign(timestampMs: string, secret: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** Throws unless a callback's `timestamp` and `sign` headers are right and recent. */
export function verifyCallbackSign(timestamp: string, sign: string, appSecret: string, now: number): void {
  if (!timestamp || !sign || !sameSignature(dingtalkSign(timestamp, appSecret), sign)) {
    throw new InboundRejected("IM_SIGNATURE_INVALID", "sign does not match timestamp and app secret");
  }
  requireFresh(Number(timestamp), now, DINGTALK_TIMESTAMP_WINDOW_MS);
}

/** A custom robot's webhook URL, signed for this moment. */
export function signedRobotUrl(webhook: string, secret: string | undefined, now: number): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  const timestamp = String(now);
  url.searchParams.set("timestamp", timestamp);
  url.searchParams.set("sign", dingtalkSign(timestamp, secret));
  return url.toString();
}
