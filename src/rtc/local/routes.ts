/**
 * Signalling over HTTP: `POST /offer` with `{ sdp }` -> `{ sdp, sessionId }`. Mounted at
 * /api/rtc behind the auth middleware, which answers unsigned requests with 401 itself. Errors
 * are thrown as ApiError for the app's one error handler.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";
import { valid } from "../../http/validate.ts";
import { RtcOfferError, type LocalRtc } from "./rtc.ts";

/** What the routes need; without `rtc` (a server built without voice) they answer 503. */
export interface RtcRoutesOptions<User> {
  rtc?: LocalRtc<User>;
  /** The signed-in user of the request (set by the auth middleware). */
  currentUser(c: Context): User;
}

const Offer = z.object({ sdp: z.string({ error: "the body must be JSON: {\"sdp\": \"...\"}" }) });

/** The Hono sub-app. */
export function rtcRoutes<User>({ rtc, currentUser }: RtcRoutesOptions<User>) {
  return new Hono().post(
    "/offer",
    async (_c, next) => {
      if (!rtc) throw new ApiError(503, "RTC_UNAVAILABLE", "Voice calls are not running on this server");
      await next();
    },
    valid("json", Offer, "BAD_SDP"),
    async (c) => {
      try {
        return c.json(await rtc!.offer(c.req.valid("json").sdp, currentUser(c)));
      } catch (err) {
        if (err instanceof RtcOfferError) throw err.code === "TOO_MANY_VOICE_SESSIONS" ? new ApiError(429, err.code, err.message, true) : new ApiError(400, "BAD_SDP", err.message);
        throw err;
      }
    },
  );
}
