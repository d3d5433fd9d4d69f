/**
 * Where the device is during a voice call, for a spoken punch to be judged like the button's:
 * asked only when the person's location rule needs it, then followed (watchPosition) until the
 * call ends. A refused or failing location leaves the call as it is: the assistant says what a
 * punch needs when one is asked for.
 */
import { api } from "../api.ts";
import { deviceLocation, type PunchLocation } from "../components/punch-place.ts";

export interface CallLocationWatch {
  /** Where the device was when the call started, if it said. */
  location?: PunchLocation;
  /** Calls `send` with each new position until `stop`. */
  follow(send: (location: PunchLocation) => void): void;
  stop(): void;
}

/** The device's location for a call, or undefined when the person's rule needs none. */
export async function callLocation(): Promise<CallLocationWatch | undefined> {
  const rule = await api.myPlace().catch(() => undefined);
  if (!rule || rule.rule === "none") return undefined;
  const got = await deviceLocation();
  let watch: number | undefined;
  let stopped = false;
  return {
    location: "location" in got ? got.location : undefined,
    follow(send) {
      if (stopped || !navigator.geolocation) return;
      watch = navigator.geolocation.watchPosition(
        (p) => send({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
        () => undefined,
        { enableHighAccuracy: true, maximumAge: 30_000 },
      );
    },
    stop() {
      stopped = true;
      if (watch !== undefined) navigator.geolocation.clearWatch(watch);
    },
  };
}
