/**
 * Headers every response carries (ASVS 14.4): a Content-Security-Policy the page passes (its own
 * scripts only, no inline script; Agora's servers in `connect-src` only when Agora is
 * configured), no framing, no sniffing, no referrer, microphone and geolocation for this origin
 * only; HSTS over HTTPS with a real certificate; and `Cache-Control: no-store` on every API
 * answer, which carries personal data (attendance, leave reasons, locations).
 *
 * The set is the one hono's `secureHeaders` sends with these options, worked out once. It is put
 * on the context before the route runs, so `c.json` builds the response with it: setting headers
 * on a finished response (as `secureHeaders` does) makes @hono/node-server turn its light
 * response into a full Fetch Response, which was a tenth of a check-in's time.
 */
import type { MiddlewareHandler } from "hono";
import type { ClientEnv } from "./client.ts";

/** Where agora-rtc-sdk-ng connects (signalling, gateways, statistics): Agora's published domains. */
export const AGORA_CONNECT_SOURCES = ["https://*.agora.io", "wss://*.agora.io", "https://*.sd-rtn.com", "wss://*.sd-rtn.com", "https://*.agoraio.cn", "wss://*.agoraio.cn"];

/** What the headers depend on. */
export interface SecurityHeaderOptions {
  /** Agora is configured: the page may connect to Agora's servers. */
  agora: boolean;
  /**
   * Send HSTS on requests that came over HTTPS. Off for a self-signed certificate: a browser
   * that saw HSTS would never again let anyone past that certificate's warning for the host.
   */
  hsts: boolean;
}

const API_PATH = /^\/(api|v1)(\/|$)/;
const HSTS: [string, string] = ["strict-transport-security", "max-age=31536000"];

/** The headers every response carries, in the order `secureHeaders` writes them. */
export function securityHeaderSet(options: Pick<SecurityHeaderOptions, "agora">): [string, string][] {
  const csp = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "connect-src": ["'self'", ...(options.agora ? AGORA_CONNECT_SOURCES : [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return [
    ["content-security-policy", Object.entries(csp).map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ")],
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ["origin-agent-cluster", "?1"],
    ["referrer-policy", "no-referrer"],
    ["x-content-type-options", "nosniff"],
    ["x-dns-prefetch-control", "off"],
    ["x-download-options", "noopen"],
    ["x-frame-options", "DENY"],
    ["x-permitted-cross-domain-policies", "none"],
    ["x-xss-protection", "0"],
    ["permissions-policy", "microphone=(self), geolocation=(self), camera=(), payment=(), usb=()"],
  ];
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler<ClientEnv> {
  const plain = securityHeaderSet(options);
  const withHsts = [...plain, HSTS];
  return async function securityHeaders(c, next) {
    const set = options.hsts && c.get("client").secure ? withHsts : plain;
    const api = API_PATH.test(c.req.path);
    for (const [name, value] of set) c.header(name, value);
    if (api) c.header("cache-control", "no-store");
    await next();
    // A route that builds its own Response (static files) or overrides one of ours: set them on
    // the finished response, as before. The routes answering with c.json never get here.
    const headers = c.res.headers;
    if (headers.get("x-content-type-options") !== "nosniff" || headers.get("content-security-policy") !== set[0][1]) for (const [name, value] of set) c.header(name, value);
    if (api && headers.get("cache-control") !== "no-store") c.header("cache-control", "no-store");
  };
}
