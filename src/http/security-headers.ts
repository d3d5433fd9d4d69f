/**
 * Headers every response carries (ASVS 14.4): a Content-Security-Policy the page passes (its own
 * scripts only, no inline script; Agora's servers in `connect-src` only when Agora is
 * configured), no framing, no sniffing, no referrer, microphone and geolocation for this origin
 * only; HSTS over HTTPS with a real certificate; and `Cache-Control: no-store` on every API
 * answer, which carries personal data (attendance, leave reasons, locations).
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
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

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler<ClientEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:"],
      mediaSrc: ["'self'", "blob:"],
      connectSrc: ["'self'", ...(options.agora ? AGORA_CONNECT_SOURCES : [])],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    strictTransportSecurity: false,
    permissionsPolicy: { microphone: ["self"], geolocation: ["self"], camera: [], payment: [], usb: [] },
  });
  return async function securityHeaders(c, next) {
    await headers(c, async () => {
      await next();
    });
    if (options.hsts && c.get("client").secure) c.header("strict-transport-security", "max-age=31536000");
    if (API_PATH.test(c.req.path)) c.header("cache-control", "no-store");
  };
}
