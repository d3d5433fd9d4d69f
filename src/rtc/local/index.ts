/** Local WebRTC transport (werift + Opus) and its signalling routes. */
export { RtcOfferError, checkOffer, createLocalRtc, type CallLocation, type CallPlace, type EndReason, type IceServer, type LocalRtc, type LocalRtcOptions } from "./rtc.ts";
export { rtcRoutes, type RtcRoutesOptions } from "./routes.ts";
