/**
 * Signalling over HTTP: `POST /offer` with `{ sdp }` -> `{ sdp, sessionId }`. Mounted at
 * /api/rtc behind the auth middleware, which answers unsigned requests with 401 itself.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { RtcOfferError, type LocalRtc } from "./rtc.ts";

/** What the routes need. */
export interface RtcRoutesOptions<User> {
  rtc: LocalRtc<User>;
  /** The signed-in user of the request (set by the auth middleware). */
  currentUser(c: Context): User;
}

const bad = (c: Context, message: string) => c.json({ error: { code: "BAD_SDP", message } }, 400);

/** The Hono sub-app. */
export function rtcRoutes<User>({ rtc, currentUser }: RtcRoutesOptions<User>) {
  return new Hono().post("/offer", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return bad(c, "the body must be JSON: {\"sdp\": \"...\"}");
    }
    const sdp = (body as { sdp?: unknown } | null)?.sdp;
    try {
      return c.json(await rtc.offer(sdp as string, currentUser(c)));
    } catch (err) {
      if (err instanceof RtcOfferError) return bad(c, err.message);
      throw err;
    }
  });
}
