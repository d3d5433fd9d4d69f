/**
 * Agora's Notification Callback Service (NCS) for meeting check-in: `POST /api/agora/events`.
 * Each notice is verified first, on the raw body: `Agora-Signature-V2` is the hex HMAC-SHA256 of
 * the body keyed with the NCS secret (`AGORA_NCS_SECRET`); then taken once by its `noticeId`
 * (Agora resends a notice until it is answered 200). A user joining a channel (103 broadcaster
 * join, 105 audience join) checks in the participants of the meetings held there.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { MeetingService } from "../../attendance/meeting-service.ts";
import { ApiError } from "../../http/errors.ts";

/** RTC channel events that mean someone joined. */
const JOIN_EVENTS = new Set([103, 105]);

/** The signature Agora sends for `body`: hex HMAC-SHA256 keyed with the NCS secret. */
export function ncsSignature(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

/** Whether `header` is the right signature of `body`, compared in constant time. */
export function verifyNcs(body: string, header: string | undefined, secret: string): boolean {
  if (!header || !/^[0-9a-f]{64}$/i.test(header)) return false;
  return timingSafeEqual(Buffer.from(ncsSignature(body, secret), "hex"), Buffer.from(header.toLowerCase(), "hex"));
}

/** The fields of a notice we read. */
interface Notice {
  noticeId?: unknown;
  eventType?: unknown;
  notifyMs?: unknown;
  payload?: { channelName?: unknown; uid?: unknown; account?: unknown; ts?: unknown };
}

/** When the join happened: the payload's `ts` (seconds), else when the notice was sent. */
function joinedAtMs(n: Notice, fallback: number): number {
  const ts = Number(n.payload?.ts);
  if (Number.isFinite(ts) && ts > 0) return ts < 1e12 ? ts * 1000 : ts;
  const sent = Number(n.notifyMs);
  return Number.isFinite(sent) && sent > 0 ? sent : fallback;
}

export function agoraEventRoutes(deps: { secret?: string; meetings: MeetingService; now: () => number }) {
  return new Hono().post("/", async (c) => {
    if (!deps.secret) throw new ApiError(503, "AGORA_NCS_NOT_CONFIGURED", "Set AGORA_NCS_SECRET to receive Agora's notifications");
    const body = await c.req.text();
    if (!verifyNcs(body, c.req.header("agora-signature-v2"), deps.secret)) throw new ApiError(401, "BAD_SIGNATURE", "Agora-Signature-V2 does not match the body");
    let notice: Notice;
    try {
      notice = JSON.parse(body) as Notice;
    } catch {
      throw new ApiError(400, "MALFORMED_JSON", "The notice is not JSON");
    }
    if (typeof notice.noticeId !== "string" || !notice.noticeId) throw new ApiError(400, "INVALID_INPUT", "noticeId: missing");
    if (!(await deps.meetings.takeNotice(notice.noticeId))) return c.json({ ok: true, duplicate: true });
    const channel = notice.payload?.channelName;
    if (!JOIN_EVENTS.has(Number(notice.eventType)) || typeof channel !== "string") return c.json({ ok: true, punches: 0 });
    const account = notice.payload?.account;
    const who = typeof account === "string" && account ? { login: account } : { uid: Number(notice.payload?.uid) };
    const punches = await deps.meetings.joinedChannel(channel, who, joinedAtMs(notice, deps.now()));
    return c.json({ ok: true, punches: punches.length });
  });
}
