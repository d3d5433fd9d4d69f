/**
 * Single sign-on's two stops: `/api/auth/oidc/start` sends the browser to the provider with a
 * state bound to it by a cookie; the provider sends it back to `/api/auth/oidc/callback`, which
 * ends in a session cookie and the app, or in a page saying why not (in both languages).
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { OidcOutcome, OidcSignIn } from "../../auth/oidc.ts";
import type { AuthService } from "../../auth/sign-in.ts";
import { setSessionCookie } from "../auth.ts";
import type { ClientEnv } from "../client.ts";
import { ApiError } from "../errors.ts";

const STATE_COOKIE = "oidc_state";
const COOKIE_PATH = "/api/auth/oidc";

/** What the refusal page says, per reason: Chinese first, then English. */
const REFUSALS: Record<Exclude<OidcOutcome, { ok: true }>["reason"], [string, string]> = {
  unknown: ["你的账号不在本公司的员工名录中，请联系人事部门添加。", "Your account is not in this company's directory. Ask HR to add you."],
  left: ["你已离职，无法登录。如有疑问请联系人事部门。", "You have left the company and cannot sign in. Ask HR if this is wrong."],
  "no-claim": ["登录服务没有提供可识别你的邮箱或用户名。", "The sign-in service did not say which email or user name is yours."],
  "bad-state": ["登录已过期或不是从本站发起的，请重新登录。", "This sign-in expired or did not start here. Please sign in again."],
  "provider-error": ["登录服务未能完成登录，请重试。", "The sign-in service could not complete the sign-in. Please try again."],
};

const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A small page, no script (the CSP allows none inline), that says why and links back. */
function refusalPage(reason: keyof typeof REFUSALS, provider: string): string {
  const [zh, en] = REFUSALS[reason];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>无法登录 · Cannot sign in</title></head>
<body><main><h1>无法登录 · Cannot sign in</h1><p>${escape(zh)}</p><p lang="en">${escape(en)}</p><p><small>${escape(provider)}</small></p><p><a href="/">返回登录页 · Back to sign-in</a></p></main></body></html>`;
}

/** This server's address as the browser reaches it: PUBLIC_BASE_URL, or the request's own host. */
function baseUrl<E extends ClientEnv>(c: Context<E>, publicBaseUrl?: string): string {
  if (publicBaseUrl) return publicBaseUrl.replace(/\/+$/, "");
  const client = c.get("client");
  return `${client.secure ? "https" : "http"}://${client.host ?? new URL(c.req.url).host}`;
}

export function oidcRoutes(auth: AuthService, oidc: OidcSignIn | null | undefined, publicBaseUrl?: string) {
  const configured = () => {
    if (!oidc) throw new ApiError(404, "OIDC_NOT_CONFIGURED", "Single sign-on is not set up on this server (OIDC_ISSUER)");
    return oidc;
  };
  return new Hono<ClientEnv>()
    .get("/start", async (c) => {
      const redirectUri = `${baseUrl(c, publicBaseUrl)}${COOKIE_PATH}/callback`;
      const { url, state } = await configured().begin(redirectUri);
      setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: "Lax", secure: c.get("client").secure, path: COOKIE_PATH, maxAge: 600 });
      return c.redirect(url, 302);
    })
    .get("/callback", async (c) => {
      const sso = configured();
      const client = c.get("client");
      const info = { address: client.address, userAgent: c.req.header("user-agent") ?? null };
      const outcome = await sso.complete(new URL(c.req.url).search, getCookie(c, STATE_COOKIE), info);
      deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH, secure: client.secure, httpOnly: true, sameSite: "Lax" });
      if (!outcome.ok) return c.html(refusalPage(outcome.reason, sso.settings.name), outcome.reason === "bad-state" || outcome.reason === "provider-error" ? 400 : 403);
      setSessionCookie(c, await auth.startVerifiedSession(outcome.user, info), (await auth.sessions.limits()).maxAgeMs);
      return c.redirect("/", 302);
    });
}
