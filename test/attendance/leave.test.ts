import { describe, expect, it } from "vitest";
import { annualEntitlement } from "../../src/attendance/balances.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";
import { demoSystem, rowCounts } from "../helpers.ts";

const code = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "no error";
};

describe("leave requests", () => {
  it("count working days, skipping the weekend, and half days as 0.5", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    expect((await sys.leave.preview(wang, "wang", { type: "annual", startDate: "2026-12-04", endDate: "2026-12-08" })).days).toBe(3);
    expect((await sys.leave.preview(wang, "wang", { type: "annual", startDate: "2026-12-04", halfDay: "pm" })).days).toBe(0.5);
  });

  it("count maternity and paternity leave in calendar days", async () => {
    const sys = await demoSystem();
    expect((await sys.leave.preview(sys.user("wang"), "wang", { type: "paternity", startDate: "2026-12-04", endDate: "2026-12-08" })).days).toBe(5);
  });

  it("refuse dates with no working day", async () => {
    const sys = await demoSystem();
    expect(await code(sys.leave.request(sys.user("wang"), "wang", { type: "annual", startDate: "2026-12-05", endDate: "2026-12-06" }))).toBe("LEAVE_NO_WORKDAYS");
  });

  it("refuse to overlap pending or approved leave, but allow the other half of a day", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    await sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" });
    expect(await code(sys.leave.request(wang, "wang", { type: "sick", startDate: "2026-12-03" }))).toBe("LEAVE_OVERLAP");
    await sys.leave.request(wang, "wang", { type: "personal", startDate: "2026-12-04", halfDay: "am" });
    expect((await sys.leave.request(wang, "wang", { type: "personal", startDate: "2026-12-04", halfDay: "pm" })).status).toBe("pending");
    expect(await code(sys.leave.request(wang, "wang", { type: "personal", startDate: "2026-12-04", halfDay: "pm" }))).toBe("LEAVE_OVERLAP");
  });

  it("draw pending and approved requests from the balance, and refuse what is not left", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    await sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" });
    const before = rowCounts(sys);
    expect(await code(sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-07", endDate: "2026-12-09" }))).toBe("LEAVE_INSUFFICIENT_BALANCE");
    expect(rowCounts(sys)).toEqual(before);
    const annual = (await sys.leave.balances(wang, "wang")).find((b) => b.type === "annual")!;
    expect(annual).toMatchObject({ entitled: 5, pending: 3, used: 0, remaining: 2 });
  });

  it("may start at most 30 days back for an employee, any date for HR", async () => {
    const sys = await demoSystem();
    expect(await code(sys.leave.request(sys.user("wang"), "wang", { type: "sick", startDate: "2026-10-26" }))).toBe("LEAVE_TOO_FAR_BACK");
    expect((await sys.leave.request(sys.user("wang"), "wang", { type: "sick", startDate: "2026-10-27" })).days).toBe(1);
    expect((await sys.leave.request(sys.user("zhao"), "wang", { type: "sick", startDate: "2026-09-01" })).days).toBe(1);
  });

  it("are decided by the requester's manager or HR, never by the requester or another manager", async () => {
    const sys = await demoSystem();
    const l = await sys.leave.request(sys.user("wang"), "wang", { type: "annual", startDate: "2026-12-01" });
    expect(await code(sys.leave.decide(sys.user("wang"), l.id, "approved"))).toBe("SELF_APPROVAL");
    // To anyone else, another team's request does not exist.
    expect(await code(sys.leave.decide(sys.user("lin"), l.id, "approved"))).toBe("NOT_FOUND");
    expect(await code(sys.leave.decide(sys.user("li"), l.id, "approved"))).toBe("NOT_FOUND");
    expect((await sys.leave.pendingFor(sys.user("chen"))).map((p) => p.id)).toEqual([l.id]);
    expect((await sys.leave.decide(sys.user("chen"), l.id, "approved")).status).toBe("approved");
    expect(await code(sys.leave.decide(sys.user("zhao"), l.id, "rejected"))).toBe("LEAVE_NOT_PENDING");
  });

  it("can be cancelled by their owner, which gives the days back and is audited", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    await sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" });
    const cancelled = await sys.leave.cancel(wang, { startDate: "2026-12-02" });
    expect(cancelled.status).toBe("cancelled");
    expect((await sys.leave.balances(wang, "wang")).find((b) => b.type === "annual")!.remaining).toBe(5);
    expect(await code(sys.leave.cancel(wang, { leaveId: cancelled.id }))).toBe("LEAVE_NOT_CANCELLABLE");
    const actions = (await sys.store.audit.recent()).map((r) => r.action);
    expect(actions).toContain("cancel");
    expect(actions).toContain("request");
  });

  it("cover at most a year, and never before the hire date", async () => {
    const sys = await demoSystem();
    expect(await code(sys.leave.request(sys.user("wang"), "wang", { type: "personal", startDate: "2026-11-27", endDate: "2126-12-31" }))).toBe("LEAVE_TOO_LONG");
    expect(await code(sys.leave.request(sys.user("zhao"), "ma", { type: "sick", startDate: "2026-09-11" }))).toBe("LEAVE_BEFORE_HIRE");
  });

  it("once approved and started, can be changed only by HR", async () => {
    const sys = await demoSystem("2026-11-26T08:55:00+08:00");
    const l = await sys.leave.request(sys.user("zhao"), "wang", { type: "annual", startDate: "2026-11-25", endDate: "2026-11-27" }, { approve: true });
    expect(await code(sys.leave.cancel(sys.user("wang"), { leaveId: l.id }))).toBe("LEAVE_NOT_CANCELLABLE");
    expect(await code(sys.leave.cancel(sys.user("zhao"), { leaveId: l.id }, { ownOnly: true }))).toBe("NOT_FOUND");
    expect((await sys.leave.cancel(sys.user("zhao"), { leaveId: l.id })).status).toBe("cancelled");
  });

  it("reject unknown types, bad and reversed dates", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    expect(await code(sys.leave.request(wang, "wang", { type: "holiday", startDate: "2026-12-01" }))).toBe("UNKNOWN_LEAVE_TYPE");
    expect(await code(sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-02-30" }))).toBe("INVALID_DATE");
    expect(await code(sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-03", endDate: "2026-12-01" }))).toBe("DATE_RANGE_REVERSED");
  });
});

describe("annual leave entitlement", () => {
  it("is 5, 10 or 15 days by seniority at the start of the year", async () => {
    const e = (careerStart: string) => annualEntitlement({ hireDate: "2015-01-01", careerStart }, 2026, DEFAULT_POLICY);
    expect(e("2017-01-02")).toBe(5); // 8 years
    expect(e("2016-01-01")).toBe(10); // 10 years on Jan 1
    expect(e("2006-06-01")).toBe(10); // 19 years on Jan 1: still under 20
    expect(annualEntitlement({ hireDate: "2015-01-01", careerStart: "2006-01-01" }, 2026, DEFAULT_POLICY)).toBe(15);
  });

  it("is pro-rated and rounded down in the year of hire", async () => {
    // Hired Sep 14 2026: 109 of 365 days left; 5 * 109 / 365 = 1.49 -> 1.
    expect(annualEntitlement({ hireDate: "2026-09-14", careerStart: "2026-09-14" }, 2026, DEFAULT_POLICY)).toBe(1);
    expect(annualEntitlement({ hireDate: "2026-01-01", careerStart: "2026-01-01" }, 2026, DEFAULT_POLICY)).toBe(5);
  });

  it("comes with HR's compensatory grants, which HR alone can make", async () => {
    const sys = await demoSystem();
    expect(await code(sys.leave.grant(sys.user("chen"), "wang", "compensatory", 2026, 2))).toBe("FORBIDDEN");
    expect((await sys.leave.grant(sys.user("zhao"), "wang", "compensatory", 2026, 2)).remaining).toBe(2);
    expect(await code(sys.leave.request(sys.user("wang"), "wang", { type: "compensatory", startDate: "2026-12-01", endDate: "2026-12-03" }))).toBe("LEAVE_INSUFFICIENT_BALANCE");
  });
});

describe("punches", () => {
  it("return the first punch for a second check-in within 60 seconds", async () => {
    const sys = await demoSystem("2026-11-26T08:55:10+08:00");
    const first = await sys.attendance.punch(sys.user("wang"), { method: "voice" });
    sys.clock.set("2026-11-26T08:56:05+08:00");
    const again = await sys.attendance.punch(sys.user("wang"), { method: "voice" });
    expect(again.duplicate).toBe(true);
    expect(again.punch.id).toBe(first.punch.id);
    sys.clock.set("2026-11-26T08:56:15+08:00");
    expect((await sys.attendance.punch(sys.user("wang"), { method: "voice" })).duplicate).toBe(false);
  });

  it("are corrected only by HR, with an audit entry", async () => {
    const sys = await demoSystem();
    expect(await code(sys.attendance.correctPunches(sys.user("chen"), "wang", [Date.parse("2026-11-25T09:00:00+08:00")]))).toBe("FORBIDDEN");
    await sys.attendance.correctPunches(sys.user("zhao"), "wang", [Date.parse("2026-11-25T09:00:00+08:00")], "badge reader down");
    const [entry] = await sys.store.audit.recent(1);
    expect(entry).toMatchObject({ action: "correct", entity: "punch", actor_id: sys.user("zhao").id });
  });
});
