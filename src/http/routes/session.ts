/**
 * Signing in and out, first-run setup, one's own password and API tokens. Sign-in answers with
 * the person and a session cookie, never a token the page would have to keep.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AuthService, SignInResult } from "../../auth/sign-in.ts";
import { MAX_PASSWORD_LENGTH } from "../../auth/passwords.ts";
import { MAX_TOKEN_HOURS } from "../../auth/sessions.ts";
import { clearSessionCookie, sameSiteOnly, setSessionCookie, signedInUser, type AuthEnv } from "../auth.ts";
import type { ClientEnv } from "../client.ts";
import { ApiError, errorBody } from "../errors.ts";
import { IdParam, valid } from "../validate.ts";

const Login = z.string().min(1).max(64);
const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const SignIn = z.object({ login: Login, password: Password.optional(), newPassword: Password.optional() });
const Setup = z.object({ code: z.string().min(1).max(32), login: Login, name: z.string().trim().min(1).max(100), password: Password, language: z.enum(["zh", "en"]).optional() });
const PasswordChange = z.object({ current: Password, next: Password });
const NewToken = z.object({ name: z.string().trim().min(1).max(100), hours: z.number().positive().max(MAX_TOKEN_HOURS).default(24 * 30) });

/** The answer to a sign-in, setup or password change: the person and a cookie, or why not. */
async function answer<E extends ClientEnv>(c: Context<E>, auth: AuthService, result: SignInResult) {
  if (result.ok) {
    setSessionCookie(c, result.session, (await auth.sessions.limits()).maxAgeMs);
    return c.json({ user: result.user });
  }
  if (result.reason === "throttled") {
    c.header("retry-after", String(Math.ceil(result.retryAfterMs / 1000)));
    const [code, message] =
      result.scope === "address"
        ? ["TOO_MANY_ATTEMPTS", "Too many sign-in attempts from your address; wait a minute"]
        : ["SIGN_IN_LOCKED", "Too many wrong passwords for this login; it is locked for a while"];
    return c.json(errorBody(code, message, { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) }), 429);
  }
  if (result.reason === "password-change-required") return c.json(errorBody("PASSWORD_CHANGE_REQUIRED", "This is a one-time password: choose a new one to finish signing in"), 403);
  return c.json(errorBody("BAD_CREDENTIALS", auth.demoMode ? "No such person, or a wrong password" : "Wrong login or password"), 401);
}

/** Open to everyone: how to sign in (with single sign-on's name when set up), signing in, the demo list, first-run setup. */
export function sessionRoutes(auth: AuthService, singleSignOn?: string) {
  return new Hono<ClientEnv>()
    // `password` false: only admins use one (PASSWORD_SIGN_IN=0); `oidc`: the "Sign in with <name>" button.
    .get("/methods", async (c) =>
      c.json({ demo: auth.demoMode, password: auth.passwordSignIn, setup: await auth.setupRequired(), ...(singleSignOn ? { oidc: { name: singleSignOn, start: "/api/auth/oidc/start" } } : {}) }),
    )
    // Who the cookie signs in, if anyone: the page cannot read its HttpOnly cookie, so it asks.
    .get("/session", async (c) => c.json({ user: (await signedInUser(auth, c))?.user ?? null }))
    // Login CSRF: another site must not sign the visitor in as someone else.
    .post("/sign-in", sameSiteOnly(false), valid("json", SignIn), async (c) => answer(c, auth, await auth.signIn(c.req.valid("json"), c.get("client"))))
    .get("/demo-people", async (c) => {
      const people = auth.demoPeople();
      if (!people) throw new ApiError(404, "NOT_DEMO", "Demo sign-in is off on this server");
      return c.json(await people);
    })
    .post("/setup", sameSiteOnly(false), valid("json", Setup), async (c) => {
      if (!(await auth.setupRequired())) throw new ApiError(409, "SETUP_DONE", "This server is set up already; sign in instead");
      return answer(c, auth, await auth.completeSetup(c.req.valid("json"), c.get("client")));
    });
}

/** For the signed-in: sign out, change one's password, one's API tokens. */
export function accountRoutes(auth: AuthService) {
  return new Hono<AuthEnv>()
    .post("/auth/sign-out", async (c) => {
      const { id } = c.get("credential");
      if (id !== null) await auth.endCredential(c.get("user"), id);
      clearSessionCookie(c);
      return c.json({ signedOut: true });
    })
    .post("/auth/password", valid("json", PasswordChange), async (c) => {
      const body = c.req.valid("json");
      return answer(c, auth, await auth.changePassword(c.get("user"), body.current, body.next, c.get("client")));
    })
    .get("/auth/tokens", async (c) => c.json(await auth.sessions.list(c.get("user"), "token")))
    .post("/auth/tokens", valid("json", NewToken), async (c) => {
      const body = c.req.valid("json");
      const { token, view } = await auth.sessions.createToken(c.get("user"), { name: body.name, hours: body.hours, client: c.get("client") });
      return c.json({ ...view, token }, 201);
    })
    .delete("/auth/tokens/:id", valid("param", z.object({ id: IdParam })), async (c) => {
      const { id } = c.req.valid("param");
      if (!(await auth.endCredential(c.get("user"), id))) throw new ApiError(404, "NOT_FOUND", `No token #${id} of yours`);
      return c.json({ revoked: id });
    });
}
