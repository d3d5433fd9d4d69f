/**
 * Which sign-in the server offers, decided once at start-up from where it listens: demo sign-in
 * (pick a person, no password) only on a loopback address or with DEMO_MODE=1, so that `npm
 * start` on a shared network never hands out an admin to whoever asks. Behind a reverse proxy
 * (TRUST_PROXY=1) a loopback address proves nothing: the proxy brings the network in.
 */
import { isIP } from "node:net";

/** The decision and the reason, for the start-up log. */
export interface SignInMode {
  /** Demo sign-in may be on (it is, for a database seeded with the demo organisation). */
  demoAllowed: boolean;
  /** One line: why. */
  why: string;
}

/** Whether `host` is a loopback address, reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

export function signInMode(config: { host: string; demoMode?: boolean; trustProxy: boolean }): SignInMode {
  if (config.demoMode === true) return { demoAllowed: true, why: "DEMO_MODE=1" };
  if (config.demoMode === false) return { demoAllowed: false, why: "DEMO_MODE is set to something other than 1" };
  if (config.trustProxy) return { demoAllowed: false, why: "TRUST_PROXY=1: the proxy may bring in the network; set DEMO_MODE=1 to allow it" };
  if (isLoopback(config.host)) return { demoAllowed: true, why: `listening on loopback (${config.host}) only` };
  return { demoAllowed: false, why: `listening on ${config.host}, not a loopback address; set DEMO_MODE=1 to allow it` };
}
