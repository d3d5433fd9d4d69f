/**
 * Where a punch from this page is made (issue 15). The device is asked for its location only when
 * the person's rule needs one (or they ticked "attach my location"); the server then says where a
 * punch would be judged to be, by the same rule the punch uses, so an expected refusal (outside
 * every site, a field punch's remark missing) is shown from an answer rather than a failed request.
 */
import { api, ApiError, type LocationRule } from "../api.ts";
import { errorText, isNetworkError } from "../i18n/errors.ts";
import { t } from "../i18n/index.ts";

/** A location as the punch sends it: WGS-84, as the browser gives it. */
export interface PunchLocation {
  latitude: number;
  longitude: number;
  accuracyM?: number;
}

/** Why the browser gave no location, in the page's words. */
function whyNoLocation(error: unknown): string {
  const code = (error as GeolocationPositionError | undefined)?.code;
  if (code === 1) return t("place.denied");
  return t("place.unavailable", { message: (error as Error)?.message || "—" });
}

/** The device's location, or why there is none. */
export function deviceLocation(): Promise<{ location: PunchLocation } | { problem: string }> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve({ problem: t("place.unsupported") });
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ location: { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) } }),
      (error) => resolve({ problem: whyNoLocation(error) }),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 },
    );
  });
}

/** What to punch with, or why not to punch yet (and whether a field remark is what is missing). */
export type PunchPlan = { location?: PunchLocation; notice?: string } | { stop: string; askRemark?: boolean };

/**
 * Gets ready to punch under `rule`: with no rule, the location only if `attach` asks for it; under
 * `site` or `siteOrField`, the device's location judged by the server first.
 */
export async function planPunch(rule: LocationRule | undefined, options: { attach: boolean; remark: string | null; say(text: string): void }): Promise<PunchPlan> {
  if (!rule || rule === "none") {
    if (!options.attach) return {};
    options.say(t("attendance.locating"));
    const got = await deviceLocation();
    return "location" in got ? { location: got.location } : { notice: t("attendance.noLocation", { message: got.problem }) };
  }
  options.say(t("attendance.locating"));
  const got = await deviceLocation();
  const location = "location" in got ? got.location : undefined;
  let judged: Awaited<ReturnType<typeof api.judgePlace>>;
  try {
    judged = await api.judgePlace(location, options.remark ?? undefined);
  } catch (error) {
    // No connection: the punch is kept with what it has, and the server judges it when it arrives.
    if (isNetworkError(error)) return { location };
    throw error;
  }
  if (judged.place) return { location };
  const { code, message, details } = judged.refusal;
  // No location and none of the sites' networks: the browser's refusal is the thing to fix.
  if (code === "LOCATION_REQUIRED" && "problem" in got) return { stop: got.problem };
  return { stop: errorText(new ApiError(422, code, message, details)), askRemark: code === "FIELD_REMARK_REQUIRED" };
}
