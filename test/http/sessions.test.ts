import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { CHEAP_HASHING, demoSystem, rowCounts } from "../helpers.ts";
import { sessionCookie } from "./server-process.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { openSystem } from "../../src/system.ts";
import { loadConfig } from "../../src/config.ts";
import type { SqliteDb } from "../../src/attendance/store/index.ts";

const PASSWORD = "correct horse battery";
const page = { "content-type": "application/json", "x-requested-with": "fetch" };

async function setup() {
  const sys = await demoSystem();
  const app = createApp(sys);
  await sys.auth.setPassword(SYSTEM_ACTOR, "wang", PASSWORD);
  const signIn = (body: Record<string, unknown>) => app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const asCookie = (cookie: string, path: string, init: RequestInit = {}) => app.request(path, { ...init, headers: { ...page, cookie, ...(init.headers as Record<string, string>) } });
  return { sys, app, signIn, asCookie };
}

describe("web sessions", () => {
  it("set an HttpOnly, SameSite=Lax cookie holding no token the page could keep", async () => {
    const { signIn } = await setup();
    const res = await signIn({ login: "wang", password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["user"]);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it("end at sign-out: the same cookie then gets 401", async () => {
    const { signIn, asCookie } = await setup();
    const cookie = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    expect((await asCookie(cookie, "/api/me")).status).toBe(200);
    expect((await asCookie(cookie, "/api/auth/sign-out", { method: "POST" })).status).toBe(200);
    expect((await asCookie(cookie, "/api/me")).status).toBe(401);
  });

  it("all end, tokens too, when the password changes; the one changing it gets a new session", async () => {
    const { sys, signIn, asCookie, app } = await setup();
    const laptop = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    const phone = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    const token = await sys.token("wang");
    const changed = await asCookie(phone, "/api/auth/password", { method: "POST", body: JSON.stringify({ current: PASSWORD, next: "another long password" }) });
    expect(changed.status).toBe(200);
    const fresh = sessionCookie(changed);
    expect((await asCookie(laptop, "/api/me")).status).toBe(401);
    expect((await asCookie(phone, "/api/me")).status).toBe(401);
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await asCookie(fresh, "/api/me")).status).toBe(200);
    expect((await signIn({ login: "wang", password: PASSWORD })).status).toBe(401);
    expect((await signIn({ login: "wang", password: "another long password" })).status).toBe(200);
  });

  it("end after 8 idle hours, and 7 days after sign-in however busy", async () => {
    const { sys, signIn, asCookie } = await setup();
    const cookie = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    sys.clock.set("2026-11-26T16:50:00+08:00"); // 7 h 55 min later
    expect((await asCookie(cookie, "/api/me")).status).toBe(200);
    sys.clock.set("2026-11-27T00:51:00+08:00"); // 8 h 1 min after it was last seen
    expect((await asCookie(cookie, "/api/me")).status).toBe(401);

    const busy = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    for (let day = 1; day <= 6; day++) {
      sys.clock.set(new Date(Date.parse("2026-11-27T00:51:00+08:00") + day * 86_400_000 - 3_600_000).toISOString());
      for (let h = 0; h < 24; h += 6) {
        sys.clock.set(new Date(Date.parse("2026-11-27T00:51:00+08:00") + (day - 1) * 86_400_000 + h * 3_600_000).toISOString());
        expect((await asCookie(busy, "/api/me")).status).toBe(200);
      }
    }
    sys.clock.set("2026-12-04T00:52:00+08:00"); // 7 days and a minute after sign-in
    expect((await asCookie(busy, "/api/me")).status).toBe(401);
  });

  it("refuse a cross-site POST carrying the cookie, and write nothing", async () => {
    const { sys, signIn, app } = await setup();
    const cookie = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    const post = (headers: Record<string, string>) => app.request("/api/punches/check-in", { method: "POST", headers: { cookie, ...headers } });
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      {}, // no Origin and no X-Requested-With: a plain form post from an old browser
    ]) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "CROSS_SITE_REQUEST" } });
    }
    // A form's own body types are not JSON: refused before anything reads the cookie.
    expect((await post({ origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect(rowCounts(sys).punches).toBe(0);
    expect((await post({ origin: "http://localhost", "sec-fetch-site": "same-origin" })).status).toBe(201);
    // Reading is not refused: a GET changes nothing.
    expect((await app.request("/api/me", { headers: { cookie, origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("are listed, revoked (then 401), and last at most 90 days", async () => {
    const { sys, app, signIn, asCookie } = await setup();
    const cookie = sessionCookie(await signIn({ login: "wang", password: PASSWORD }));
    const tooLong = await asCookie(cookie, "/api/auth/tokens", { method: "POST", body: JSON.stringify({ name: "laptop", hours: 2161 }) });
    expect(tooLong.status).toBe(400);
    const made = await asCookie(cookie, "/api/auth/tokens", { method: "POST", body: JSON.stringify({ name: "laptop", hours: 24 }) });
    expect(made.status).toBe(201);
    const { id, token, expiresMs } = (await made.json()) as { id: number; token: string; expiresMs: number };
    expect(expiresMs).toBe(sys.clock() + 24 * 3_600_000);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.request("/api/me", { headers: bearer })).status).toBe(200);
    expect(await (await asCookie(cookie, "/api/auth/tokens")).json()).toEqual([expect.objectContaining({ id, name: "laptop" })]);
    // Someone else's token cannot be revoked by id.
    const chen = await sys.token("chen");
    const chenId = (await sys.auth.tokens("chen"))[0].id;
    expect((await asCookie(cookie, `/api/auth/tokens/${chenId}`, { method: "DELETE" })).status).toBe(404);
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${chen}` } })).status).toBe(200);
    expect((await asCookie(cookie, `/api/auth/tokens/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await app.request("/api/me", { headers: bearer })).status).toBe(401);
  });
});

describe("sign-in throttling", () => {
  it("locks a login after 5 wrong passwords: the right one then waits out the minute, and works after it", async () => {
    const { sys, signIn } = await setup();
    for (let i = 0; i < 5; i++) expect((await signIn({ login: "wang", password: `wrong password ${i}` })).status).toBe(401);
    const sixth = await signIn({ login: "wang", password: "wrong password 5" });
    expect(sixth.status).toBe(429);
    const right = await signIn({ login: "wang", password: PASSWORD });
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: { code: "SIGN_IN_LOCKED", details: { retryAfterSeconds: 60 } } });
    expect(right.headers.get("retry-after")).toBe("60");
    sys.clock.set("2026-11-26T08:56:01+08:00");
    expect((await signIn({ login: "wang", password: PASSWORD })).status).toBe(200);
    // Unknown logins lock the same way (the answers never say which exist).
    for (let i = 0; i < 5; i++) expect((await signIn({ login: "nobody", password: `guess ${i}` })).status).toBe(401);
    expect((await signIn({ login: "nobody", password: "guess 5" })).status).toBe(429);
    const audit = (sys.store.db as SqliteDb).native.prepare("SELECT action, entity_id AS login, after_json AS detail FROM audit_log WHERE entity = 'sign-in' AND entity_id = 'wang' ORDER BY id").all() as { action: string; detail: string }[];
    // Each failure and the success; the lockout once, with the failure that started it (a
    // locked login's refused attempts are not each written: a flood must not fill the log).
    expect(audit.map((a) => a.action)).toEqual([...Array(5).fill("sign-in-failed"), "sign-in"]);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ address: null, why: "bad-credentials" });
    expect(JSON.parse(audit[4].detail)).toMatchObject({ lockedUntil: "2026-11-26T00:56:00.000Z" });
  });

  it("doubles the lockout after each further failure", async () => {
    const { sys, signIn } = await setup();
    for (let i = 0; i < 5; i++) await signIn({ login: "wang", password: `wrong password ${i}` });
    sys.clock.set("2026-11-26T08:56:01+08:00");
    expect((await signIn({ login: "wang", password: "wrong again" })).status).toBe(401);
    const locked = await signIn({ login: "wang", password: PASSWORD });
    expect(locked.headers.get("retry-after")).toBe("120");
  });

  it("answers 429 with Retry-After to the 21st attempt in a minute from one address", async () => {
    const { sys, signIn } = await setup();
    for (let i = 0; i < 20; i++) expect((await signIn({ login: `user${i}`, password: "some password" })).status).toBe(401);
    const res = await signIn({ login: "wang", password: PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: "TOO_MANY_ATTEMPTS" } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // The rest of the minute stays blocked, the correct password too.
    sys.clock.set("2026-11-26T08:55:30+08:00");
    for (let i = 0; i < 5; i++) {
      const again = await signIn({ login: "wang", password: PASSWORD });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }
    sys.clock.set("2026-11-26T08:56:01+08:00");
    expect((await signIn({ login: "wang", password: PASSWORD })).status).toBe(200);
  });
});

describe("demo sign-in", () => {
  it("is off for a database opened to listen on a network address", async () => {
    const sys = await openSystem({ db: (await demoSystem()).databaseFile, config: loadConfig({ HOST: "0.0.0.0" }), passwordHashing: CHEAP_HASHING });
    const app = createApp(sys);
    const res = await app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "admin" }) });
    expect(res.status).toBe(401);
    await sys.close();
  });
});
