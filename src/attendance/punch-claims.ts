/**
 * Punches made offline (issue 18): the page queues a punch with the instant it was made and an
 * idempotency key, and sends it when the connection returns. A claimed instant is not proof, so
 * one arriving well after it is recorded at the claimed minute but waits for the manager's
 * review (the same review a field punch gets); one in the future or too old is refused.
 */
import { createHash } from "node:crypto";
import { DomainError } from "./errors.ts";

/** A punch arriving more than this after its claimed instant waits for the manager's review. */
export const LATE_ARRIVAL_MS = 10 * 60_000;
/** The oldest claimed instant accepted: a phone offline over a long weekend still gets its punches in. */
export const MAX_CLAIM_AGE_MS = 72 * 3_600_000;
/** A device clock may run this far ahead of the server's before its claim counts as the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** When a punch is recorded, and whether its late arrival needs the manager's review. */
export interface PunchInstant {
  /** The recorded instant, truncated to the minute. */
  atMs: number;
  /** Arrived more than LATE_ARRIVAL_MS after the claimed instant. */
  arrivedLate: boolean;
}

/** The instant a punch is recorded at: the claimed one (checked against `nowMs`), else now. */
export function punchInstant(claimedMs: number | null | undefined, nowMs: number): PunchInstant {
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  if (claimedMs === null || claimedMs === undefined) return { atMs: minute(nowMs), arrivedLate: false };
  const at = new Date(claimedMs).toISOString();
  if (claimedMs > nowMs + CLOCK_SKEW_MS) throw new DomainError("PUNCH_TIME_IN_FUTURE", `The punch's time ${at} is in the future: check the device's clock`, { at });
  const hours = MAX_CLAIM_AGE_MS / 3_600_000;
  if (nowMs - claimedMs > MAX_CLAIM_AGE_MS) throw new DomainError("PUNCH_TIME_TOO_OLD", `The punch's time ${at} is more than ${hours} hours ago: ask for a correction instead`, { at, hours });
  return { atMs: minute(Math.min(claimedMs, nowMs)), arrivedLate: nowMs - claimedMs > LATE_ARRIVAL_MS };
}

/** Whether a recorded punch arrived late for its instant (its review then says why it waits). */
export function arrivedLate(p: { atMs: number; recordedAtMs: number; method: string }): boolean {
  return p.method !== "correction" && p.recordedAtMs - p.atMs > LATE_ARRIVAL_MS;
}

/** A request's fingerprint: a key sent again with a different punch is a client bug, not a retry. */
export function punchFingerprint(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("base64url");
}
