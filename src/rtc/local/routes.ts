/**
 * Signalling over HTTP: `POST /offer` with `{ sdp }` -> `{ sdp, sessionId }`. Mounted at
 * /api/rtc behind the auth middleware, which answers unsigned requests with 401 itself. Errors
 * are thrown as ApiError for the app's one error handler.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { LocationSchema } from "../../attendance/schemas.ts";
import { ApiError } from "../../http/errors.ts";
import { valid } from "../../http/validate.ts";
import { RtcOfferError, type LocalRtc } from "./rtc.ts";

/** What the routes need; without `rtc` (a server built without voice) they answer 503. */
export interface RtcRoutesOptions<User> {
  rtc?: LocalRtc<User>;
  /** The signed-in user of the request (set by the auth middleware). */
  currentUser(c: Context): User;
  /** The client's address, as the app works it out (the socket's, or a trusted proxy's header). */
  clientAddress(c: Context): string | null;
}

const Offer = z.object({
  sdp: z.string({ error: "the body must be JSON: {\"sdp\": \"...\"}" }),
  /** The page's location, when the caller's punches need one (later ones come on the data channel). */
  location: LocationSchema.nullish(),
});

/** The Hono sub-app. */
export function rtcRoutes<User>({ rtc, currentUser, clientAddress }: RtcRoutesOptions<User>) {
  return new Hono().post(
    "/offer",
    async (_c, next) => {
      if (!rtc) throw new ApiError(503, "RTC_UNAVAILABLE", "Voice calls are not running on this server");
      await next();
    },
    valid("json", Offer, "BAD_SDP"),
    async (c) => {
      try {
        const { sdp, location } = c.req.valid("json");
        return c.json(await rtc!.offer(sdp, currentUser(c), { address: clientAddress(c), location: location ?? null }));
      } catch (err) {
        if (err instanceof RtcOfferError) throw err.code === "TOO_MANY_VOICE_SESSIONS" ? new ApiError(429, err.code, err.message, true) : new ApiError(400, "BAD_SDP", err.message);
        throw err;
      }
    },
  );
}
