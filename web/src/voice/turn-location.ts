/**
 * Where the device is for a typed turn, sent with it so that "check me in" typed in the text box
 * is judged like the punch button's and a spoken punch (issue 15). Asked only when the person's
 * location rule needs one; a refusal sends the turn without it, and the server's answer says what
 * a punch needs.
 */
import { api } from "../api.ts";
import { deviceLocation, type PunchLocation } from "../components/punch-place.ts";

/** The device's location for a typed turn, or undefined when the rule needs none or there is none. */
export async function turnLocation(): Promise<PunchLocation | undefined> {
  const rule = await api.myPlace().catch(() => undefined);
  if (!rule || rule.rule === "none") return undefined;
  const got = await deviceLocation();
  return "location" in got ? got.location : undefined;
}
