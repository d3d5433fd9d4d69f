/**
 * Who is signed in: an API token or per-agent key in `Authorization: Bearer`, or the web
 * session's cookie. A request carried by the cookie that changes something must come from our
 * own page (ASVS 4.2.2, 13.2.3): its `Origin` (or `Sec-Fetch-Site`) says so, or, from a client
 * that sends neither, an `X-Requested-With` header, which a cross-site form cannot set.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Employee } from "../attendance/types.ts";
import type { AuthService } from "../auth/sign-in.ts";
import type { Client, ClientEnv } from "./client.ts";
import { ApiError } from "./errors.ts";

/** How the caller proved who they are; `id` names the session or token (null for agent keys). */
export interface Credential {
  kind: "session" | "token" | "agent-key";
  id: number | null;
}

export type AuthEnv = { Variables: ClientEnv["Variables"] & { user: Employee; credential: Credential } };

/** The session cookie's name: `__Host-` over HTTPS, so no other site or path can set it. */
export const sessionCookieName = (client: Pick<Client, "secure">) => (client.secure ? "__Host-session" : "session");

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie<E extends ClientEnv>(c: Context<E>, secret: string, maxAgeMs: number): void {
  const client = c.get("client");
  setCookie(c, sessionCookieName(client), secret, { httpOnly: true, sameSite: "Lax", secure: client.secure, path: "/", maxAge: Math.floor(maxAgeMs / 1000) });
}

export function clearSessionCookie<E extends ClientEnv>(c: Context<E>): void {
  const client = c.get("client");
  deleteCookie(c, sessionCookieName(client), { path: "/", secure: client.secure, httpOnly: true, sameSite: "Lax" });
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a request may have been made by another site on the user's behalf. `strict` (a request
 * a cookie signs in): without `Origin` or `Sec-Fetch-Site`, only `X-Requested-With` clears it.
 * Not strict (sign-in itself, which carries no credential yet): only a foreign origin counts,
 * so scripts and the command line can sign in without extra headers.
 */
export function crossSite<E extends ClientEnv>(c: Context<E>, strict = true): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = c.req.header("origin");
  if (origin) {
    try {
      return new URL(origin).host !== c.get("client").host;
    } catch {
      return true; // "null" and other opaque origins
    }
  }
  if (site || !strict) return false;
  return !c.req.header("x-requested-with");
}

/** Refuses a state-changing request that another site may have made (403 CROSS_SITE_REQUEST). */
export function refuseCrossSite<E extends ClientEnv>(c: Context<E>, strict = true): void {
  if (UNSAFE.has(c.req.method) && crossSite(c, strict)) throw new ApiError(403, "CROSS_SITE_REQUEST", "Refused: this request did not come from this site's own page");
}

/** Middleware form of {@link refuseCrossSite}, for routes that sign in (`strict` false). */
export function sameSiteOnly(strict = true): MiddlewareHandler<ClientEnv> {
  return async function sameSiteOnly(c, next) {
    refuseCrossSite(c, strict);
    await next();
  };
}

/** The signed-in user of a request, or null (no credential, or one no longer valid). */
export async function signedInUser<E extends ClientEnv>(auth: AuthService, c: Context<E>, options: { agentKeys?: boolean } = {}): Promise<{ user: Employee; credential: Credential } | null> {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const found = await auth.bearer(header, options);
    return found && { user: found.user, credential: found.tokenId === null ? { kind: "agent-key", id: null } : { kind: "token", id: found.tokenId } };
  }
  const found = await auth.userForSession(getCookie(c, sessionCookieName(c.get("client"))));
  if (!found) return null;
  refuseCrossSite(c);
  return { user: found.user, credential: { kind: "session", id: found.session.credential.id } };
}

/**
 * Requires a signed-in user and puts them on the context as `user` (and how, as `credential`).
 * Per-agent keys count only where `agentKeys` says so (the chat endpoint Agora's engine calls).
 */
export function requireUser(auth: AuthService, options: { agentKeys?: boolean } = {}): MiddlewareHandler<AuthEnv> {
  return async function requireUser(c, next) {
    const found = await signedInUser(auth, c, options);
    if (!found) throw new ApiError(401, "UNAUTHORIZED", "Sign in first (the session cookie, or Authorization: Bearer <token>)");
    c.set("user", found.user);
    c.set("credential", found.credential);
    await next();
  };
}
