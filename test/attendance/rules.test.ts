import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { demoSystem } from "../helpers.ts";

const at = (s: string) => Date.parse(s);

/** wang's month after recording punches and approved leave through the CLI's services. */
async function month(
  monthId: string,
  punches: string[],
  leaves: { type: string; from: string; to?: string; half?: "am" | "pm" }[] = [],
  now = "2026-11-26T08:55:00+08:00",
) {
  const sys = await demoSystem(now);
  if (punches.length) await sys.attendance.correctPunches(SYSTEM_ACTOR, "wang", punches.map(at));
  for (const l of leaves) await sys.leave.request(SYSTEM_ACTOR, "wang", { type: l.type, startDate: l.from, endDate: l.to, halfDay: l.half }, { approve: true });
  return await sys.attendance.monthlySummary(SYSTEM_ACTOR, "wang", monthId);
}

/** Both punches on every working day of October 2026 except the dates given. */
function fullOctober(except: string[] = []): string[] {
  const days = ["09", "12", "13", "14", "15", "16", "19", "20", "21", "22", "23", "26", "27", "28", "29", "30"].map((d) => `2026-10-${d}`);
  return days.filter((d) => !except.includes(d)).flatMap((d) => [`${d}T08:50:00+08:00`, `${d}T18:05:00+08:00`]);
}

describe("the monthly summary", () => {
  it("counts the make-up working Saturday (Oct 10 2026) and skips the National Day week", async () => {
    const s = await month("2026-10", fullOctober());
    // Oct 2026: 22 weekdays, minus Oct 1-2 and 5-7 off, plus Saturday Oct 10 = 18.
    expect(s.requiredDays).toBe(18);
    expect(s.attendedDays).toBe(16);
    expect(s.absentDays).toBe(2); // Oct 8 and the make-up Saturday Oct 10 had no punch
  });

  it("treats 9:05 as on time and 9:06 as late, counting late minutes from 9:00", async () => {
    const s = await month("2026-10", [...fullOctober(["2026-10-12", "2026-10-13"]), "2026-10-12T09:05:59+08:00", "2026-10-12T18:00:00+08:00", "2026-10-13T09:06:00+08:00", "2026-10-13T18:00:00+08:00"]);
    expect(s.lateCount).toBe(1);
    expect(s.lateMinutes).toBe(6);
    expect(s.seriousLateCount).toBe(0);
  });

  it("counts 30 minutes late as serious", async () => {
    const s = await month("2026-10", [...fullOctober(["2026-10-12"]), "2026-10-12T09:30:00+08:00", "2026-10-12T18:00:00+08:00"]);
    expect(s).toMatchObject({ lateCount: 1, lateMinutes: 30, seriousLateCount: 1 });
  });

  it("takes a lone first punch as an arrival whatever the clock says, and a second as a leaving", async () => {
    const s = await month("2026-10", [
      ...fullOctober(["2026-10-12", "2026-10-13", "2026-10-14"]),
      "2026-10-12T13:29:00+08:00", // a check-in 269 minutes late: half a day absent, and the out-punch missing
      "2026-10-13T13:30:00+08:00", // the same at 13:30: no midpoint makes it a check-out
      "2026-10-14T08:59:00+08:00",
      "2026-10-14T12:00:00+08:00", // leaving at noon: 360 minutes early, half a day absent
    ]);
    expect(s).toMatchObject({ missingPunchCount: 2, lateCount: 0, absentLateCount: 2, absentEarlyCount: 1, earlyLeaveCount: 0, absentDays: 2 + 1.5, attendedDays: 16 });
  });

  it("gives a punch before 04:00 to the previous day", async () => {
    const s = await month("2026-10", [...fullOctober(["2026-10-12"]), "2026-10-12T08:55:00+08:00", "2026-10-13T03:59:00+08:00"]);
    expect(s.earlyLeaveCount).toBe(0);
    expect(s.missingPunchCount).toBe(0);
  });

  it("waives the in-punch and lateness with a morning leave, and counts half a day of absence with no punch", async () => {
    const s = await month(
      "2026-10",
      [...fullOctober(["2026-10-12", "2026-10-13"]), "2026-10-12T14:00:00+08:00", "2026-10-12T18:00:00+08:00"],
      [
        { type: "annual", from: "2026-10-12", half: "am" },
        { type: "annual", from: "2026-10-13", half: "pm" },
      ],
    );
    expect(s.missingPunchCount).toBe(0);
    expect(s.lateCount).toBe(0);
    expect(s.absentDays).toBe(2.5); // Oct 8, Oct 10, and the morning of Oct 13
    expect(s.leaveDays).toEqual({ total: 1, byType: { annual: 1 } });
  });

  it("waives the out-punch and early leave with an afternoon leave", async () => {
    const s = await month("2026-10", [...fullOctober(["2026-10-12"]), "2026-10-12T08:55:00+08:00"], [{ type: "sick", from: "2026-10-12", half: "pm" }]);
    expect(s.missingPunchCount).toBe(0);
    expect(s.earlyLeaveCount).toBe(0);
    expect(s.leaveDays.byType.sick).toBe(0.5);
    expect(s.fullAttendance).toBe(false); // sick leave breaks full attendance
  });

  it("counts a morning of one leave type and an afternoon of another as half a day each", async () => {
    const s = await month("2026-10", fullOctober(["2026-10-12"]), [
      { type: "annual", from: "2026-10-12", half: "am" },
      { type: "sick", from: "2026-10-12", half: "pm" },
    ]);
    expect(s.leaveDays).toEqual({ total: 1, byType: { annual: 0.5, sick: 0.5 } });
    expect(s.absentDays).toBe(2); // Oct 8 and 10; not Oct 12, fully on leave
    expect(s.fullAttendance).toBe(false);
  });

  it("allows three late arrivals in a full-attendance month but not four", async () => {
    const lateOn = (days: string[]) => [...fullOctober(days), ...days.flatMap((d) => [`${d}T09:10:00+08:00`, `${d}T18:00:00+08:00`])];
    const leaves = [{ type: "annual", from: "2026-10-08" }, { type: "annual", from: "2026-10-10" }];
    expect((await month("2026-10", lateOn(["2026-10-12", "2026-10-13", "2026-10-14"]), leaves)).fullAttendance).toBe(true);
    expect((await month("2026-10", lateOn(["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15"]), leaves)).fullAttendance).toBe(false);
  });

  it("does not judge days that have not ended, and says through when it judged", async () => {
    const s = await month("2026-11", ["2026-11-26T08:50:00+08:00"], [], "2026-11-26T10:00:00+08:00");
    expect(s.judgedThrough).toBe("2026-11-25");
    expect(s.missingPunchCount).toBe(0); // today's out-punch may still come
    expect(s.absentDays).toBe(18); // nothing recorded Nov 2-25
    expect(s.attendedDays).toBe(1);
  });

  it("counts required days only from the hire date", async () => {
    const sys = await demoSystem();
    // ma was hired 2026-09-14.
    const s = await sys.attendance.monthlySummary(SYSTEM_ACTOR, "ma", "2026-09");
    // Sep 14-30: 13 weekdays, plus the make-up Sunday Sep 20, minus Sep 25 (Mid-Autumn).
    expect(s.requiredDays).toBe(13);
  });

  it("says a month before the organisation's first record has no records, not 22 days absent; the first record's month is judged from its first day", async () => {
    const sys = await demoSystem();
    await sys.attendance.correctPunches(SYSTEM_ACTOR, "wang", [at("2026-10-12T08:50:00+08:00"), at("2026-10-12T18:05:00+08:00")]);
    const september = await sys.attendance.monthlySummary(SYSTEM_ACTOR, "wang", "2026-09");
    expect(september).toMatchObject({ requiredDays: 0, absentDays: 0, missingPunchCount: 0, notCounted: "no-records" });
    expect(new Set((await sys.attendance.monthDays(SYSTEM_ACTOR, "wang", "2026-09")).map((d) => d.status))).toEqual(new Set(["no-records"]));
    // October (the first record's month) counts every workday, Oct 9 before the first punch too.
    const october = await sys.attendance.monthlySummary(SYSTEM_ACTOR, "wang", "2026-10");
    expect(october).toMatchObject({ requiredDays: 18, attendedDays: 1, notCounted: null });
    expect((await sys.attendance.day(SYSTEM_ACTOR, "wang", "2026-10-09")).status).toBe("absent");
    expect((await sys.attendance.day(SYSTEM_ACTOR, "wang", "2026-09-30")).status).toBe("no-records");
  });

  it("says a month before the hire date is before hire, with no required day", async () => {
    const sys = await demoSystem();
    // ma was hired 2026-09-14.
    expect(await sys.attendance.monthlySummary(SYSTEM_ACTOR, "ma", "2026-08")).toMatchObject({ requiredDays: 0, absentDays: 0, notCounted: "before-hire" });
  });

  it("drops the seconds of a punch", async () => {
    const sys = await demoSystem();
    const [p] = await sys.attendance.correctPunches(SYSTEM_ACTOR, "wang", [at("2026-10-12T09:05:59+08:00")]);
    expect(new Date(p.atMs).toISOString()).toBe("2026-10-12T01:05:00.000Z");
  });
});

describe("time-zone arithmetic", () => {
  it("follows a half-hour zone across its daylight-saving switch", async () => {
    const { zoneOffsetMinutes } = await import("../../src/attendance/time.ts");
    // St John's springs forward at 02:00 local = 05:30 UTC on 2026-03-08.
    expect(zoneOffsetMinutes("America/St_Johns", Date.parse("2026-03-08T05:29:00Z"))).toBe(-210);
    expect(zoneOffsetMinutes("America/St_Johns", Date.parse("2026-03-08T05:31:00Z"))).toBe(-150);
  });
});
