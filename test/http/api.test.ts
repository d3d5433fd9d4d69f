import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

async function setup(now?: string) {
  const sys = await demoSystem(now);
  const app = createApp(sys);
  const tokens = new Map<string, string>();
  const token = async (login: string) => tokens.get(login) ?? tokens.set(login, await sys.token(login)).get(login)!;
  const call = async (login: string | null, method: string, path: string, body?: unknown, raw?: string) =>
    app.request(path, {
      method,
      headers: { ...(login ? { authorization: `Bearer ${await token(login)}` } : {}), "content-type": "application/json" },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  return { sys, app, call };
}

describe("the REST API", () => {
  it("answers health without signing in", async () => {
    const { call } = await setup();
    const res = await call(null, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("refuses unsigned, forged and expired tokens with 401", async () => {
    const { app, sys } = await setup();
    expect((await app.request("/api/me")).status).toBe(401);
    const forged = (await sys.token("wang")).replace(/.$/, (ch) => (ch === "x" ? "y" : "x"));
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const short = await sys.token("wang", 1);
    sys.clock.set("2026-11-26T10:00:00+08:00");
    const res = await app.request("/api/me", { headers: { authorization: `Bearer ${short}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });

  it("answers 401, never 500, to a token of a person who no longer exists", async () => {
    const { app, sys } = await setup();
    const [engineering] = await sys.store.people.departments();
    const temp = await sys.store.people.add({ login: "temp", name: "临时", nameEn: "Temp", departmentId: engineering.id, managerId: null, role: "employee", hireDate: "2026-11-01", language: "en" });
    const auth = { authorization: `Bearer ${await sys.token("temp")}` };
    expect((await app.request("/api/me", { headers: auth })).status).toBe(200);
    await sys.store.people.remove(temp.id);
    const res = await app.request("/api/punches/check-in", { method: "POST", headers: auth });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    expect(rowCounts(sys).punches).toBe(0);
  });

  it("signs in a demo person by login and checks them in once", async () => {
    const { app, sys } = await setup();
    const signIn = await app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "wang" }) });
    expect(await signIn.json()).toMatchObject({ user: { login: "wang" } });
    const cookie = /^session=[^;]+/.exec(signIn.headers.get("set-cookie") ?? "")![0];
    const auth = { cookie, "x-requested-with": "fetch" };
    const first = await app.request("/api/punches/check-in", { method: "POST", headers: auth });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ kind: "in", duplicate: false, lateMinutes: 0 });
    const again = await app.request("/api/punches/check-in", { method: "POST", headers: auth });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(rowCounts(sys).punches).toBe(1);
  });

  it("gives an employee their own summary and a 403 that leaks nothing for anyone else's", async () => {
    const { call } = await setup();
    const own = await call("wang", "GET", "/api/summary?month=2026-11");
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ login: "wang", month: "2026-11", requiredDays: 21 });
    for (const login of ["li", "chen", "zhao", "nobody"]) {
      const other = await call("wang", "GET", `/api/summary?month=2026-11&login=${login}`);
      expect(other.status).toBe(403);
      const text = await other.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String) } });
      expect(text).not.toMatch(/requiredDays|李雷|陈静/);
    }
    expect((await call("wang", "GET", "/api/punches?login=li")).status).toBe(403);
    expect((await call("wang", "GET", "/api/leave?login=li")).status).toBe(403);
    expect((await call("wang", "GET", "/api/balances?login=li")).status).toBe(403);
    expect((await call("wang", "GET", "/api/team/today")).status).toBe(403);
    expect((await call("wang", "GET", "/api/departments/today")).status).toBe(403);
    expect((await call("wang", "GET", "/api/export/summaries.csv")).status).toBe(403);
  });

  it("lets a manager see their reports but not another team, and HR everyone", async () => {
    const { call } = await setup();
    expect((await call("chen", "GET", "/api/summary?login=wang")).status).toBe(200);
    expect((await call("chen", "GET", "/api/summary?login=he")).status).toBe(403);
    expect((await call("zhao", "GET", "/api/summary?login=he")).status).toBe(200);
    const team = (await (await call("chen", "GET", "/api/team/today")).json()) as { members: { login: string }[] };
    expect(team.members.map((m) => m.login)).toContain("wang");
    expect(team.members.map((m) => m.login)).not.toContain("he");
    const depts = (await (await call("zhao", "GET", "/api/departments/today")).json()) as { departments: { code: string }[] };
    expect(depts.departments.map((d) => d.code)).toEqual(["ENG", "SALES", "PEOPLE"]);
  });

  it("exports a manager's own reports only, and lets everyone signed in read the policy and holidays (as the README says)", async () => {
    const { sys, call } = await setup();
    const csv = await call("chen", "GET", "/api/export/summaries.csv?month=2026-11");
    expect(csv.status).toBe(200);
    const logins = (await csv.text()).trim().split("\n").slice(1).map((l) => l.split(",")[1]);
    const reports = (await sys.store.people.list()).filter((e) => e.managerId === sys.user("chen").id).map((e) => e.login);
    expect(logins.sort()).toEqual(reports.sort());
    expect(logins).toContain("wang");
    expect(logins).not.toContain("he");
    expect((await call("wang", "GET", "/api/policy")).status).toBe(200);
    expect((await call("wang", "GET", "/api/holidays")).status).toBe(200);
    expect((await call(null, "GET", "/api/policy")).status).toBe(401);
    expect((await call("wang", "PUT", "/api/policy", { graceMinutes: 30 })).status).toBe(403);
  });

  it("previews, files, approves and cancels leave", async () => {
    const { call } = await setup();
    const preview = await call("wang", "POST", "/api/leave/preview", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" });
    expect(await preview.json()).toMatchObject({ days: 3, remainingBefore: 5, remainingAfter: 2 });
    const filed = await call("wang", "POST", "/api/leave", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: number };
    const pending = (await (await call("chen", "GET", "/api/leave/pending")).json()) as { id: number }[];
    expect(pending.map((p) => p.id)).toEqual([id]);
    expect((await call("wang", "POST", `/api/leave/${id}/approve`)).status).toBe(403);
    expect(await (await call("chen", "POST", `/api/leave/${id}/approve`)).json()).toMatchObject({ status: "approved" });
    expect(await (await call("wang", "POST", `/api/leave/${id}/cancel`)).json()).toMatchObject({ status: "cancelled" });
  });

  it("rejects bad input with a 4xx JSON error and writes nothing", async () => {
    const { call, sys } = await setup();
    await call("wang", "POST", "/api/leave", { type: "annual", startDate: "2026-12-01" });
    const before = rowCounts(sys);
    const cases: [string, string, unknown, number, string, string?][] = [
      ["POST", "/api/leave", { type: "annual", startDate: "2026-13-01" }, 400, "INVALID_DATE"],
      ["POST", "/api/leave", { type: "annual", startDate: "2026-02-30" }, 400, "INVALID_DATE"],
      ["POST", "/api/leave", { type: "annual", startDate: "2026-12-05", endDate: "2026-12-01" }, 400, "DATE_RANGE_REVERSED"],
      ["POST", "/api/leave", { type: "vacation", startDate: "2026-12-07" }, 400, "INVALID_INPUT"],
      ["POST", "/api/leave", { type: "annual", startDate: "2026-12-01" }, 409, "LEAVE_OVERLAP"],
      ["POST", "/api/leave", { type: "annual", startDate: "2026-12-07", endDate: "2026-12-31" }, 422, "LEAVE_INSUFFICIENT_BALANCE"],
      ["POST", "/api/leave", { startDate: "2026-12-07" }, 400, "INVALID_INPUT"],
      ["POST", "/api/leave", null, 400, "MALFORMED_JSON", "{not json"],
      ["POST", "/api/punches/check-in", null, 400, "MALFORMED_JSON", "[1,"],
      ["POST", "/api/punches/check-in", { location: { latitude: 200, longitude: 0 } }, 400, "INVALID_INPUT"],
      ["GET", "/api/summary?month=2026-13", undefined, 400, "INVALID_INPUT"],
      ["GET", "/api/calendar?month=0099-01", undefined, 400, "INVALID_DATE"],
      ["POST", "/api/leave", { type: "personal", startDate: "2026-11-27", endDate: "2126-12-31" }, 422, "LEAVE_TOO_LONG"],
      ["POST", "/api/leave/abc/cancel", undefined, 400, "INVALID_INPUT"],
      ["POST", "/api/corrections", { login: "li", at: ["2026-11-25T09:00:00+08:00"] }, 403, "FORBIDDEN"],
      ["PUT", "/api/policy", { graceMinutes: 10 }, 403, "FORBIDDEN"],
    ];
    for (const [method, path, body, status, code, raw] of cases) {
      const res = await call("wang", method, path, body ?? undefined, raw);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const huge = await call("wang", "POST", "/api/leave", undefined, JSON.stringify({ type: "annual", startDate: "2026-12-08", reason: "x".repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("BODY_TOO_LARGE");
    expect(rowCounts(sys)).toEqual(before);
  });

  it("refuses HR corrections without a time-zone offset, which would be read in the server's zone", async () => {
    const { call, sys } = await setup();
    const before = rowCounts(sys);
    const res = await call("zhao", "POST", "/api/corrections", { login: "wang", at: ["2026-11-20T09:00"] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/offset/);
    expect(rowCounts(sys)).toEqual(before);
  });

  it("does not take a per-agent key for anything but the chat endpoint", async () => {
    const { app, sys } = await setup();
    const key = sys.auth.issueAgentKey("zhao", 60_000);
    const res = await app.request("/api/policy", { method: "PUT", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ graceMinutes: 30 }) });
    expect(res.status).toBe(401);
    expect((await sys.attendance.policy(SYSTEM_ACTOR)).graceMinutes).toBe(5);
  });

  it("lets HR correct punches, change the policy, import holidays and export CSV", async () => {
    const { call, sys } = await setup();
    expect((await call("zhao", "POST", "/api/corrections", { login: "wang", at: ["2026-11-25T09:00:00+08:00", "2026-11-25T18:00:00+08:00"], note: "forgot" })).status).toBe(201);
    expect(await (await call("zhao", "PUT", "/api/policy", { graceMinutes: 10 })).json()).toMatchObject({ graceMinutes: 10 });
    const bad = await call("zhao", "POST", "/api/holidays", { year: 2027, days: [{ name: "元旦", date: "2026-01-01", isOffDay: true }] });
    expect(bad.status).toBe(400);
    const twice = await call("zhao", "POST", "/api/holidays", { year: 2027, days: [{ name: "元旦", date: "2027-01-01", isOffDay: true }, { name: "元旦", date: "2027-01-01", isOffDay: true }] });
    expect(twice.status).toBe(400);
    expect((await call("zhao", "PUT", "/api/policy", { shiftStart: "25:99" })).status).toBe(400);
    expect((await call("zhao", "PUT", "/api/policy", { midpoint: "19:00" })).status).toBe(400);
    const ok = await call("zhao", "POST", "/api/holidays", { year: 2027, days: [{ name: "元旦", date: "2027-01-01", isOffDay: true }, { name: "补班", date: "2027-01-09", isOffDay: false }] });
    expect(ok.status).toBe(201);
    expect((await sys.attendance.monthDays(SYSTEM_ACTOR, "wang", "2027-01")).find((d) => d.date === "2027-01-09")?.workday).toBe(true);
    // An import that would drop stored days of the year needs replace: true, and says how many.
    const shipped2026 = ((await (await call("zhao", "GET", "/api/holidays")).json()) as { date: string }[]).filter((d) => d.date.startsWith("2026-"));
    const partial = { year: 2026, days: [{ name: "元旦", date: "2026-01-01", isOffDay: true }] };
    const refused = await call("zhao", "POST", "/api/holidays", partial);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "HOLIDAYS_WOULD_BE_REMOVED", details: { year: 2026, removed: shipped2026.length - 1 } } });
    expect(((await (await call("zhao", "GET", "/api/holidays")).json()) as { date: string }[]).filter((d) => d.date.startsWith("2026-"))).toHaveLength(shipped2026.length);
    expect((await call("zhao", "POST", "/api/holidays", { ...partial, replace: true })).status).toBe(201);
    expect(((await (await call("zhao", "GET", "/api/holidays")).json()) as { date: string }[]).filter((d) => d.date.startsWith("2026-"))).toHaveLength(1);
    const csv = await call("zhao", "GET", "/api/export/summaries.csv?month=2026-11&lang=en");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^Month,Login,Name,Department,Required days,Attended days/);
    expect(lines.length).toBe((await sys.store.people.list()).filter((e) => e.role !== "admin").length + 1);
    expect(lines.find((l) => l.startsWith("2026-11,wang,"))).toMatch(/^2026-11,wang,Wang Xiaoming,Engineering,21,1,/);
  });
});
