/** A demo organisation on a real SQLite file with the HTTP app over it, calls made from a given client address. */
import { createApp } from "../../src/http/app.ts";
import { demoSystem } from "../helpers.ts";

/** Headquarters, WGS-84 (People's Square, Shanghai). */
export const HQ = { latitude: 31.2304, longitude: 121.4737 };
/** geolib's sphere (radius 6,378,137 m): metres per degree of latitude. */
const M_PER_DEGREE = (6_378_137 * Math.PI) / 180;
/** A point `metres` due north of headquarters. */
export const northOfHq = (metres: number, accuracyM = 20) => ({ latitude: HQ.latitude + metres / M_PER_DEGREE, longitude: HQ.longitude, accuracyM });

export async function placesApp(options: { now?: string; trustProxy?: boolean } = {}) {
  const sys = await demoSystem(options.now ?? "2026-11-26T08:55:00+08:00");
  const app = createApp(sys, { trustProxy: options.trustProxy ?? false });
  const tokens = new Map<string, string>();
  const token = async (login: string) => tokens.get(login) ?? tokens.set(login, await sys.token(login, 24 * 30)).get(login)!;
  /** A request as if it came over a socket from `from` (the address Node's server would see). */
  const call = async (login: string, method: string, path: string, body?: unknown, from = "192.0.2.10", headers: Record<string, string> = {}) => {
    const res = await app.request(
      path,
      { method, headers: { authorization: `Bearer ${await token(login)}`, "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) },
      { incoming: { socket: { remoteAddress: from } } },
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  /** HR sets up headquarters (300 m, its office network) and gives Engineering `rule`. */
  const setUp = async (rule: "none" | "site" | "siteOrField") => {
    const site = await call("zhao", "POST", "/api/sites", { name: "总部", ...HQ, networks: ["203.0.113.0/24"] });
    if (site.status !== 201) throw new Error(JSON.stringify(site.body));
    const set = await call("zhao", "PUT", "/api/departments/ENG/location", { rule, sites: [site.body.id] });
    if (set.status !== 200) throw new Error(JSON.stringify(set.body));
    return site.body as { id: number };
  };
  return { sys, app, call, setUp };
}
