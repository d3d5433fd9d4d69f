/**
 * The one way the senders talk to platform APIs: `fetch`, a timeout, and one error type that tells
 * the outbox whether trying again can help. Retries themselves belong to the outbox (it owns
 * backoff and rate limits), so nothing here loops except a single refresh of an expired token.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { InboundRejected } from "./channel.ts";
import type { Platform } from "./message.ts";

/** A failed call to a platform API. */
export class PlatformError extends Error {
  constructor(
    /** The chat platform, or email (the SMTP server's refusal). */
    readonly platform: Platform | "email",
    /** The platform's own error code (`45009`, `99991400`, `ratelimited`), or `HTTP_<status>`, or `NETWORK`. */
    readonly code: string,
    message: string,
    /** Whether the same send may succeed later: 5xx, 429, rate-limit codes, network failures. */
    readonly retryable: boolean,
    /** HTTP status, when there was an answer. */
    readonly status?: number,
    /** What the platform asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs?: number,
    /** The access token was invalid or expired: fetch a new one and try once more. */
    readonly tokenExpired = false,
  ) {
    super(message);
    this.name = "PlatformError";
  }
}

/** A platform's answer: HTTP status, headers, and the body parsed as JSON (undefined when it is not). */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Time allowed for one API call before it counts as a network failure. */
const CALL_TIMEOUT_MS = 10_000;

/** Calls a platform API; network failures and timeouts become retryable `PlatformError`s. */
export async function callJson(
  platform: Platform,
  url: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown },
  fetchImpl: typeof fetch = fetch,
): Promise<JsonAnswer> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: { ...(init.json === undefined ? {} : { "content-type": "application/json; charset=utf-8" }), ...init.headers },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (err) {
    throw new PlatformError(platform, "NETWORK", `${platform} unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body };
}

/** A download's answer: the file's bytes, or (an error answer, or JSON where a file was asked for) the JSON answer to check. */
export type FileAnswer = { file: Uint8Array } | { file?: undefined; answer: JsonAnswer };

/**
 * Downloads a file from a platform API. Platforms answer a good download with the bytes and a
 * media content type, and a refusal with their usual JSON error body (often with HTTP 200).
 */
export async function callFile(platform: Platform, url: string, init: { headers?: Record<string, string> }, fetchImpl: typeof fetch = fetch): Promise<FileAnswer> {
  let res: Response;
  let bytes: Uint8Array;
  try {
    res = await fetchImpl(url, { headers: init.headers, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new PlatformError(platform, "NETWORK", `${platform} unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  if (res.ok && !(res.headers.get("content-type") ?? "").includes("json")) return { file: bytes };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  return { answer: { status: res.status, headers: res.headers, body } };
}

/** The error for an answer whose HTTP status alone says it failed: 429 and 5xx may be retried. */
export function httpFailure(platform: Platform, answer: JsonAnswer, code?: string, message?: string): PlatformError {
  const retryable = answer.status === 429 || answer.status >= 500;
  return new PlatformError(
    platform,
    code ?? `HTTP_${answer.status}`,
    message ?? `${platform} answered HTTP ${answer.status}`,
    retryable,
    answer.status,
    retryAfterMs(answer.headers),
  );
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Compares two signatures in constant time (different lengths are simply unequal). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses a request whose timestamp is further than `windowMs` from now, either way. */
export function requireFresh(timestampMs: number, nowMs: number, windowMs: number): void {
  if (!Number.isFinite(timestampMs)) throw new InboundRejected("IM_TIMESTAMP_STALE", "timestamp missing or not a number");
  if (Math.abs(nowMs - timestampMs) > windowMs) {
    throw new InboundRejected("IM_TIMESTAMP_STALE", `timestamp is ${Math.round((nowMs - timestampMs) / 1000)} s from now`);
  }
}

/** A short stable id derived from an idempotency key, for platforms that cap id length or charset. */
export function shortId(key: string, length = 24): string {
  return createHash("sha256").update(key).digest("hex").slice(0, length);
}
