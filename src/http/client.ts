/**
 * Who is on the other end of a request: the client's address and whether it came over HTTPS.
 * Behind a reverse proxy (TRUST_PROXY=1) these come from X-Forwarded-For (the address the proxy
 * saw, the last one it appended) and X-Forwarded-Proto; without it those headers are ignored,
 * since anyone can send them. Sign-in throttling, the audit log and secure cookies use this; so
 * can anything else that needs the address (office networks).
 */
import type { Context, MiddlewareHandler } from "hono";
import { isIP } from "node:net";

/** The request's client, as far as this server can tell. */
export interface Client {
  /** IP address; null when unknown (a request made in-process, as tests do). */
  address: string | null;
  /** Came over HTTPS (to this server, or to the trusted proxy in front of it). */
  secure: boolean;
  userAgent: string | null;
  /** The host the client asked for (the proxy's `X-Forwarded-Host` when trusted). */
  host: string | null;
}

export type ClientEnv = { Variables: { client: Client } };

/** The Node request behind a Hono context, when it came through Node's HTTP server. */
function incomingOf(c: Context): { socket?: { remoteAddress?: string; encrypted?: boolean } } | undefined {
  type Incoming = { socket?: { remoteAddress?: string; encrypted?: boolean } };
  const env = c.env as { incoming?: Incoming; server?: { incoming?: Incoming } } | undefined;
  return env?.incoming ?? env?.server?.incoming;
}

/** The socket's remote address, when the request came through Node's HTTP server. */
function socketAddress(c: Context): string | null {
  const address = incomingOf(c)?.socket?.remoteAddress;
  return address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "") : null;
}

/** The last valid address in X-Forwarded-For: the one our proxy appended. */
function forwardedAddress(header: string | undefined): string | null {
  const last = header?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last && isIP(last) ? last : null;
}

/** Works out the client of a request (see {@link Client}). */
export function clientOf(c: Context, trustProxy: boolean): Client {
  // From Node's socket when there is one: parsing the request's URL costs more than the rest of
  // this together. A request made in code (tests) has only its URL.
  const socket = incomingOf(c)?.socket;
  const url = socket ? null : new URL(c.req.url);
  const viaProxy = trustProxy ? c.req.header("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() : undefined;
  return {
    address: (trustProxy && forwardedAddress(c.req.header("x-forwarded-for"))) || socketAddress(c),
    secure: viaProxy ? viaProxy === "https" : socket ? socket.encrypted === true : url!.protocol === "https:",
    userAgent: c.req.header("user-agent")?.slice(0, 300) ?? null,
    host: (trustProxy && c.req.header("x-forwarded-host")?.split(",")[0].trim()) || c.req.header("host") || url?.host || null,
  };
}

/** Puts the request's {@link Client} on the context as `client`. */
export function clientInfo(options: { trustProxy: boolean }): MiddlewareHandler<ClientEnv> {
  return async function clientInfo(c, next) {
    c.set("client", clientOf(c, options.trustProxy));
    await next();
  };
}
