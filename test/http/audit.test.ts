import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { demoSystem, tempDbPath } from "../helpers.ts";

// HR's audit log over real HTTP on a real database file: who may read it, the filters (person,
// kind, dates), paging, refusals worded by code, and never cached.

async function setup() {
  // Wednesday 25 November 2026 in Shanghai; the next day's entries are made after the clock moves.
  const sys = await demoSystem("2026-11-25T09:00:00+08:00");
  const app = createApp(sys);
  const get = async (login: string, path: string) => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${await sys.token(login)}` } });
    return { status: res.status, cache: res.headers.get("cache-control"), body: (await res.json()) as any };
  };
  // Day 1: wang checks in; HR (zhao) records a punch for li. Day 2: wang asks for leave, chen approves it.
  await sys.attendance.punch(sys.user("wang"), { kind: "in", method: "web" });
  await sys.attendance.correctPunches(sys.user("zhao"), "li", [{ atMs: Date.parse("2026-11-25T08:58:00+08:00"), kind: "in" }], "forgot the phone");
  sys.clock.set("2026-11-26T10:00:00+08:00");
  const leave = await sys.leave.request(sys.user("wang"), "wang", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-01" });
  await sys.leave.decide(sys.user("chen"), leave.id, "approved");
  return { sys, get };
}

const summary = (entries: { action: string; kind: string; actor: { login: string } | null; subject: { login: string } | null }[]) =>
  entries.map((e) => `${e.actor?.login ?? "system"} ${e.action} ${e.kind} ${e.subject?.login ?? "-"}`);

describe("GET /api/audit", () => {
  it("is for HR and admins only, and is never cached", async () => {
    const { get } = await setup();
    for (const login of ["wang", "chen"]) expect(await get(login, "/api/audit")).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    for (const login of ["zhao", "admin"]) {
      const r = await get(login, "/api/audit");
      expect(r.status).toBe(200);
      expect(r.cache).toBe("no-store");
      expect(summary(r.body.entries).slice(0, 4)).toEqual(["chen approve leave wang", "wang request leave wang", "zhao correct punch li", "wang punch punch wang"]);
    }
  });

  it("filters by the person who acted or whom it concerns, by kind, and by dates in the company's time zone", async () => {
    const { get } = await setup();
    expect(summary((await get("zhao", "/api/audit?login=li")).body.entries)).toEqual(["zhao correct punch li"]);
    expect(summary((await get("zhao", "/api/audit?login=chen")).body.entries)).toEqual(["chen approve leave wang"]);
    expect(summary((await get("zhao", "/api/audit?login=wang&kind=punch")).body.entries)).toEqual(["wang punch punch wang"]);
    expect(summary((await get("zhao", "/api/audit?kind=leave")).body.entries)).toEqual(["chen approve leave wang", "wang request leave wang"]);
    const day2 = (await get("zhao", "/api/audit?from=2026-11-26&to=2026-11-26")).body.entries;
    expect(summary(day2)).toEqual(["chen approve leave wang", "wang request leave wang"]);
    const day1 = (await get("zhao", "/api/audit?from=2026-11-25&to=2026-11-25&login=wang")).body.entries;
    expect(summary(day1)).toEqual(["wang punch punch wang"]);
    // The record before and after the change is there to read.
    expect(day1[0].after).toMatchObject({ kind: "in" });
  });

  it("pages back with `before` until `next` is null, each entry once", async () => {
    const { get } = await setup();
    const all = (await get("zhao", "/api/audit?limit=200")).body;
    expect(all.next).toBeNull();
    const seen: number[] = [];
    let before: number | null | undefined;
    do {
      const page = (await get("zhao", `/api/audit?limit=2${before ? `&before=${before}` : ""}`)).body;
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e: { id: number }) => e.id));
      before = page.next;
    } while (before);
    expect(seen).toEqual(all.entries.map((e: { id: number }) => e.id));
  });

  it("refuses an unknown person, a reversed range and a bad date with codes the page words", async () => {
    const { get } = await setup();
    expect(await get("zhao", "/api/audit?login=nobody")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", details: { what: "person", name: "nobody" } } } });
    expect(await get("zhao", "/api/audit?from=2026-11-26&to=2026-11-25")).toMatchObject({ body: { error: { code: "DATE_RANGE_REVERSED" } } });
    expect(await get("zhao", "/api/audit?from=2026-13-01")).toMatchObject({ body: { error: { code: "INVALID_DATE" } } });
    expect(await get("zhao", "/api/audit?limit=5000")).toMatchObject({ status: 400 });
  });

  it("knows whom entries written before this version concern (the step reads their records)", async () => {
    const file = tempDbPath();
    const { MIGRATIONS, migrate, SqliteDb } = await import("../../src/attendance/store/index.ts");
    const old = new SqliteDb(file);
    await migrate(old, MIGRATIONS.filter((m) => m.id < "019"));
    old.native.exec(`INSERT INTO departments (code, name, name_en) VALUES ('ENG', '研发部', 'Engineering');
      INSERT INTO employees (login, name, name_en, department_id, role, hire_date, career_start) VALUES ('wang', '王小明', 'Wang', 1, 'employee', '2021-03-15', '2021-03-15');
      INSERT INTO employees (login, name, name_en, department_id, role, hire_date, career_start) VALUES ('zhao', '赵敏', 'Zhao', 1, 'hr', '2021-03-15', '2021-03-15');
      INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, after_json) VALUES (1764118500000, 2, 'correct', 'punch', '1', '{"id":1,"employeeId":1,"kind":"in"}');
      INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, before_json) VALUES (1764118600000, 2, 'update-employee', 'employee', '1', '{"id":1}');
      INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, after_json) VALUES (1764118700000, 2, 'update', 'policy', NULL, '{"graceMinutes":5}');`);
    await old.close();
    const sys = await openSystem({ db: file, seed: "none" });
    const { entries } = await sys.audit.entries(SYSTEM_ACTOR, { login: "wang" });
    expect(summary(entries)).toEqual(["zhao update-employee employee wang", "zhao correct punch wang"]);
    await sys.close();
  });
});
