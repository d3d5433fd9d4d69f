import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { createApp } from "../../src/http/app.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

// Rules v2 over real HTTP on a real database file: punch kinds, correction requests (补卡) and
// overtime (加班) with their approvals, and the compensatory balance they grant.

async function setup(now: string) {
  const sys = await demoSystem(now);
  const app = createApp(sys);
  const call = async (login: string, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${await sys.token(login)}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { sys, call };
}

describe("punch kinds", () => {
  it("records a 17:03 check-in as an arrival that counts as half a day absent", async () => {
    const { call } = await setup("2026-11-26T17:03:00+08:00");
    const r = await call("wang", "POST", "/api/punches/check-in");
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "in", intent: "in", workDate: "2026-11-26", inMinute: 17 * 60 + 3, absentLateMinutes: 483 });
  });

  it("refuses a check-in after the shift end, writing nothing, and records a check-out with no check-in", async () => {
    const { sys, call } = await setup("2026-11-26T18:30:00+08:00");
    const refused = await call("wang", "POST", "/api/punches/check-in");
    expect(refused).toMatchObject({ status: 422, body: { error: { code: "CHECK_IN_AFTER_SHIFT_END", details: { end: "18:00" } } } });
    expect(rowCounts(sys).punches).toBe(0);
    const out = await call("wang", "POST", "/api/punches/check-out");
    expect(out).toMatchObject({ status: 201, body: { kind: "out", inMinute: null, outMinute: 18 * 60 + 30 } });
  });

  it("picks the kind of a smart punch, and lets its owner change it within 10 minutes only", async () => {
    const { sys, call } = await setup("2026-11-26T17:03:00+08:00");
    expect((await call("wang", "POST", "/api/punches", {})).body).toMatchObject({ intent: "auto", kind: "in" });
    sys.clock.set("2026-11-26T17:12:00+08:00");
    const changed = await call("wang", "POST", "/api/punches/last/kind", {});
    expect(changed).toMatchObject({ status: 200, body: { kind: "out", inMinute: null, outMinute: 17 * 60 + 3 } });
    // A second smart punch after an out-punch, before the shift end, with no in-punch: in.
    expect((await call("wang", "POST", "/api/punches", {})).body).toMatchObject({ kind: "in", inMinute: 17 * 60 + 12 });
    sys.clock.set("2026-11-26T17:23:00+08:00");
    expect(await call("wang", "POST", "/api/punches/last/kind", { kind: "out" })).toMatchObject({ status: 409, body: { error: { code: "PUNCH_KIND_LOCKED" } } });
    const day = await call("wang", "GET", "/api/day?date=2026-11-26");
    expect(day.body.punches.map((p: { kind: string; minute: number }) => `${p.kind} ${p.minute}`)).toEqual([`out ${17 * 60 + 3}`, `in ${17 * 60 + 12}`]);
  });
});

describe("correction requests", () => {
  it("change nothing while pending, add the punch when the manager approves, and keep to the window and quota", async () => {
    const { call } = await setup("2026-11-26T10:00:00+08:00");
    const filed = await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-25", kind: "out", time: "18:00", reason: "忘打卡" });
    expect(filed).toMatchObject({ status: 201, body: { status: "pending", date: "2026-11-25", kind: "out", time: "18:00" } });
    expect((await call("wang", "GET", "/api/day?date=2026-11-25")).body.punches).toEqual([]);

    const queue = await call("chen", "GET", "/api/approvals");
    expect(queue.body.corrections).toEqual([expect.objectContaining({ id: filed.body.id, login: "wang" })]);
    expect((await call("wang", "POST", `/api/corrections/requests/${filed.body.id}/approve`, {})).body.error.code).toBe("SELF_APPROVAL");
    const approved = await call("chen", "POST", `/api/corrections/requests/${filed.body.id}/approve`, { comment: "ok" });
    expect(approved).toMatchObject({ status: 200, body: { status: "approved", comment: "ok" } });
    expect((await call("wang", "GET", "/api/day?date=2026-11-25")).body.punches).toEqual([expect.objectContaining({ kind: "out", minute: 18 * 60, method: "correction" })]);

    expect((await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-25", kind: "out", time: "18:10" })).body.error.code).toBe("CORRECTION_PUNCH_EXISTS");
    expect((await call("wang", "POST", "/api/corrections/requests", { date: "2026-10-23", kind: "in", time: "09:00" })).body.error.code).toBe("CORRECTION_TOO_FAR_BACK");
    expect((await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-21", kind: "in", time: "09:00" })).body.error.code).toBe("NOT_A_WORKDAY");
    const second = await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-24", kind: "in", time: "08:58" });
    expect((await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-23", kind: "in", time: "08:58" })).status).toBe(201);
    const fourth = await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-20", kind: "in", time: "08:58" });
    expect(fourth).toMatchObject({ status: 422, body: { error: { code: "CORRECTION_QUOTA", details: { max: 3 } } } });
    expect((await call("wang", "POST", `/api/corrections/requests/${second.body.id}/cancel`)).body.status).toBe("cancelled");
    expect((await call("wang", "POST", "/api/corrections/requests", { date: "2026-11-20", kind: "in", time: "08:58" })).status).toBe(201);
  });
});

describe("overtime", () => {
  it("counts hours outside the shift by category, and grants compensatory days on approval", async () => {
    const { call } = await setup("2026-11-30T10:00:00+08:00");
    const saturday = await call("wang", "POST", "/api/overtime/requests", { date: "2026-11-28", start: "09:00", end: "14:00", compensation: "leave" });
    expect(saturday).toMatchObject({ status: 201, body: { minutes: 240, category: "restDay", compensation: "leave", status: "pending" } });
    const evening = await call("wang", "POST", "/api/overtime/requests", { date: "2026-11-26", start: "17:30", end: "21:00" });
    expect(evening).toMatchObject({ status: 201, body: { minutes: 180, category: "workday", compensation: "pay" } });
    expect((await call("wang", "POST", "/api/overtime/requests", { date: "2026-11-26", start: "20:00", end: "22:00" })).body.error.code).toBe("OVERTIME_OVERLAP");

    const compensatory = async () => (await call("wang", "GET", "/api/balances?at=2026-11-30")).body.find((b: { type: string }) => b.type === "compensatory");
    expect((await compensatory()).remaining).toBe(0);
    expect((await call("chen", "GET", "/api/approvals")).body.overtime).toHaveLength(2);
    await call("chen", "POST", `/api/overtime/requests/${saturday.body.id}/approve`, {});
    await call("chen", "POST", `/api/overtime/requests/${evening.body.id}/reject`, { comment: "not needed" });
    expect(await compensatory()).toMatchObject({ remaining: 0.5, expiring: [{ days: 0.5, expiresOn: "2027-05-27" }] });
    const summary = await call("wang", "GET", "/api/summary?month=2026-11");
    expect(summary.body.overtimeHours).toEqual({ workday: 0, restDay: 4, holiday: 0 });
  });
});

describe("the roster", () => {
  it("removes a dated entry so the usual shift applies again: HR or the person's manager, audited; a second removal is 404", async () => {
    const { sys, call } = await setup("2026-11-26T10:00:00+08:00");
    const set = await call("zhao", "POST", "/api/roster", { entries: [{ login: "wang", date: "2026-11-27", shift: "off" }, { login: "wang", date: "2026-11-30", shift: "off" }] });
    expect(set.status).toBe(201);
    expect((await sys.attendance.day(SYSTEM_ACTOR, "wang", "2026-11-27")).workday).toBe(false);

    const before = rowCounts(sys);
    const refused = await call("wang", "DELETE", "/api/roster/wang/2026-11-27");
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(rowCounts(sys)).toEqual(before);

    const removed = await call("zhao", "DELETE", "/api/roster/wang/2026-11-27");
    expect(removed).toMatchObject({ status: 200, body: { date: "2026-11-27", shiftCode: null } });
    expect((await sys.attendance.day(SYSTEM_ACTOR, "wang", "2026-11-27")).workday).toBe(true);
    expect(rowCounts(sys).audit).toBe(before.audit + 1);
    expect(await call("zhao", "DELETE", "/api/roster/wang/2026-11-27")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND", details: { what: "rosterEntry" } } } });

    // chen manages wang; the other entry stays until removed.
    expect((await call("chen", "DELETE", "/api/roster/wang/2026-11-30")).status).toBe(200);
    expect(await sys.shifts.roster(SYSTEM_ACTOR, "wang", "2026-11-01", "2026-11-30")).toEqual([]);
    expect((await call("zhao", "DELETE", "/api/roster/wang/2026-11-31")).status).toBe(400);
  });
});
