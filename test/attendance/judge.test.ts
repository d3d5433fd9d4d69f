import { describe, expect, it } from "vitest";
import { lines, month, sh, shift } from "./rules-fixture.ts";

const workdays = (monthId: string, days: string[], times = "08:55 18:05") => lines(monthId, ...days.map((d) => `${d} ${times}`));

describe("judging a month with punch kinds (DESIGN.md rules v2)", () => {
  it("May 2025: Labour Day, one of each irregularity, kinds picked by auto", () => {
    const { summary } = month({
      month: "2025-05",
      at: [
        ...workdays("2025-05", ["13", "14", "15", "16", "19", "20", "21", "22", "23", "26", "27", "28", "29", "30"], "09:00 18:00"),
        ...lines("2025-05", "06 09:10 18:00", "07 08:59 17:30", "08 09:00"),
      ],
      leaves: [{ type: "annual", from: "2025-05-12" }],
    });
    expect(summary).toMatchObject({
      requiredDays: 19, attendedDays: 17, lateCount: 1, lateMinutes: 10, seriousLateCount: 0, earlyLeaveCount: 1, earlyLeaveMinutes: 30,
      missingPunchCount: 1, absentDays: 1, leaveDays: { total: 1, byType: { annual: 1 } }, fullAttendance: false, judgedThrough: "2025-05-31",
      shiftCode: "DEFAULT", absentLateCount: 0, absentEarlyCount: 0, correctionCount: 0, fieldPunchCount: 0, overtimeHours: { workday: 0, restDay: 0, holiday: 0 },
    });
  });

  it("Sep 2025: flex 60 makes 10:05 on time, counts lateness from 10:00 and moves the leaving time with the arrival", () => {
    const m = month({
      month: "2025-09",
      usual: shift("FLEX", "09:00", "18:00", 60, 5),
      at: lines(
        "2025-09",
        "01 09:40 18:40", "02 10:10 19:00", "03 09:45 18:30", "04 10:05 19:00", "05 10:06 19:10", "08 10:40 19:00", "09 09:00 17:30",
        "10 10:10 18:55", "11 09:30 18:35", "12 09:30 18:35", "23 09:30 18:35", "24 09:30 18:35", "25 09:30 18:35", "26 09:30 18:35",
        "30 09:30 18:35", "17 08:50 18:00", "18 08:50 18:00", "19 08:50 18:00", "29 08:50 18:00", "22 09:55 18:58", "28 09:20 18:20",
      ),
      leaves: [{ type: "annual", from: "2025-09-15", to: "2025-09-16" }],
    });
    expect(m.summary).toMatchObject({
      requiredDays: 23, attendedDays: 21, lateCount: 4, lateMinutes: 66, seriousLateCount: 1, earlyLeaveCount: 3, earlyLeaveMinutes: 50,
      missingPunchCount: 0, absentDays: 0, absentLateCount: 0, absentEarlyCount: 0, leaveDays: { total: 2, byType: { annual: 2 } },
      fullAttendance: false, shiftCode: "FLEX", judgedThrough: "2025-09-30",
    });
    expect(m.day("2025-09-03")).toMatchObject({ earlyLeaveMinutes: 15, requiredOutMinute: 18 * 60 + 45 });
    expect(m.day("2025-09-04")).toMatchObject({ lateMinutes: 0, requiredOutMinute: 19 * 60 }); // grace edge, leaving capped at end + flex
    expect(m.day("2025-09-17").requiredOutMinute).toBe(18 * 60); // never before the end
  });

  it("Dec 2025: a rostered night shift across midnight and the month end, auto kinds in time order, grace and 240-minute edges", () => {
    const night = shift("NIGHT", "22:00", "06:00", 0, 5);
    const m = month({
      month: "2025-12",
      roster: { "2025-12-29": night, "2025-12-30": night, "2025-12-31": night },
      at: [
        ...lines("2025-12", "01 08:55 18:02", "02 09:05 18:00", "03 09:06 18:00", "04 08:50 12:00 18:05", "05 08:58 09:20", "08 17:00", "09 13:00", "10 09:35 18:10"),
        ...workdays("2025-12", ["11", "12", "15", "16", "18", "24", "25", "26"], "08:55 18:02"),
        ...lines("2025-12", "17 08:59 17:45", "22 08:59", "29 21:55", "30 06:03", "31 06:00 21:58"),
        sh("2026-01-01 05:40"),
      ],
      ins: [sh("2025-12-08 08:57"), sh("2025-12-30 22:12")],
      leaves: [{ type: "annual", from: "2025-12-19" }, { type: "annual", from: "2025-12-22", half: "pm" }],
      now: "2026-01-05T12:00:00+08:00",
    });
    expect(m.summary).toMatchObject({
      requiredDays: 23, attendedDays: 21, lateCount: 3, lateMinutes: 53, seriousLateCount: 1, earlyLeaveCount: 3, earlyLeaveMinutes: 95,
      missingPunchCount: 1, absentDays: 2, absentLateCount: 1, absentEarlyCount: 1, leaveDays: { total: 1.5, byType: { annual: 1.5 } },
      fullAttendance: false, judgedThrough: "2025-12-31",
    });
    // 06:03 on the 30th closes the 29th's night; 05:40 on New Year's Day closes the 31st's, 20 minutes early.
    expect(m.day("2025-12-29")).toMatchObject({ inMinute: 21 * 60 + 55, outMinute: 1440 + 363, earlyLeaveMinutes: 0, shiftCode: "NIGHT", rostered: "shift" });
    expect(m.day("2025-12-31")).toMatchObject({ inMinute: 21 * 60 + 58, outMinute: 1440 + 340, earlyLeaveMinutes: 20 });
    expect(m.day("2025-12-09")).toMatchObject({ absentLate: true, lateMinutes: 0, missingPunches: 1, absentDays: 0.5 }); // exactly 240 late
    expect(m.day("2025-12-05")).toMatchObject({ absentEarly: true, earlyLeaveMinutes: 0, absentDays: 0.5 });
    expect(m.day("2025-12-04").punches.map((p) => p.kind)).toEqual(["in", "out", "out"]);
  });

  it("Oct 2025: explicit kinds, a lone 17:03 check-in is half absent, late and early on one day make a whole absent day", () => {
    const m = month({
      month: "2025-10",
      at: lines("2025-10", "23 09:10 12:00 13:00 18:00"),
      ins: lines("2025-10", "09 08:55", "10 08:50 09:20", "11 08:58", "13 09:00", "14 17:03", "15 13:10", "16 08:59", "17 08:55", "20 08:55", "22 08:55", "31 08:55", "21 09:00 12:00", "24 09:06", "27 09:05", "29 08:58"),
      outs: lines("2025-10", "09 18:05", "10 18:00", "11 20:05", "13 18:10 17:30", "15 13:50", "16 21:02", "17 18:05", "20 18:05", "22 18:05", "31 18:05", "24 18:00", "27 17:55"),
      leaves: [{ type: "annual", from: "2025-10-28" }, { type: "sick", from: "2025-10-29", half: "pm" }],
      overtime: [
        { date: "2025-10-01", minutes: 180, category: "holiday" },
        { date: "2025-10-11", minutes: 120, category: "workday" },
        { date: "2025-10-16", minutes: 180, category: "workday" },
        { date: "2025-10-18", minutes: 240, category: "restDay" },
      ],
    });
    expect(m.summary).toMatchObject({
      requiredDays: 18, attendedDays: 16, lateCount: 2, lateMinutes: 16, seriousLateCount: 0, earlyLeaveCount: 1, earlyLeaveMinutes: 5,
      missingPunchCount: 2, absentDays: 2.5, absentLateCount: 2, absentEarlyCount: 1, overtimeHours: { workday: 5, restDay: 4, holiday: 3 },
      leaveDays: { total: 1.5, byType: { annual: 1, sick: 0.5 } }, fullAttendance: false, judgedThrough: "2025-10-31",
    });
    expect(m.day("2025-10-14")).toMatchObject({ inMinute: 17 * 60 + 3, outMinute: null, absentLate: true, missingPunches: 1, absentDays: 0.5, status: "absent" });
    expect(m.day("2025-10-15")).toMatchObject({ absentLate: true, absentEarly: true, absentDays: 1 });
    expect(m.day("2025-10-13").outMinute).toBe(18 * 60 + 10); // the latest out, not the last entered
  });
});

describe("punch kinds decide in- and out-punches, not the clock", () => {
  it("takes a first auto punch before the shift end as an arrival, and one at or after the end as a leaving with no arrival", () => {
    const m = month({ month: "2025-11", at: lines("2025-11", "03 17:03", "04 18:00", "05 18:30") });
    expect(m.day("2025-11-03")).toMatchObject({ inMinute: 17 * 60 + 3, outMinute: null, absentLate: true, missingPunches: 1 });
    expect(m.day("2025-11-04")).toMatchObject({ inMinute: null, outMinute: 18 * 60, missingPunches: 1, earlyLeaveMinutes: 0 });
    expect(m.day("2025-11-05").punches[0].kind).toBe("out");
  });

  it("takes the earliest in and the latest out after it; an out before the arrival is not the out-punch", () => {
    const m = month({ month: "2025-11", ins: lines("2025-11", "03 09:30 08:55", "04 09:00"), outs: lines("2025-11", "03 18:00 17:00", "04 08:30") });
    expect(m.day("2025-11-03")).toMatchObject({ inMinute: 8 * 60 + 55, outMinute: 18 * 60, lateMinutes: 0, earlyLeaveMinutes: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ inMinute: 9 * 60, outMinute: null, missingPunches: 1 });
  });

  it("counts a check-out with no check-in as a missing in-punch, and judges its early leave", () => {
    const m = month({ month: "2025-11", outs: lines("2025-11", "03 17:00") });
    expect(m.day("2025-11-03")).toMatchObject({ missingPunches: 1, earlyLeaveMinutes: 60, status: "missing-punch" });
  });
});

describe("lateness and early leave that become absence", () => {
  const base = { month: "2025-11" };
  it("counts 239 minutes late as late and 240 as half a day absent; the same for leaving early", () => {
    const m = month({ ...base, ins: lines("2025-11", "03 12:59", "04 13:00", "05 09:00", "06 09:00"), outs: lines("2025-11", "03 18:00", "04 18:00", "05 14:01", "06 14:00") });
    expect(m.day("2025-11-03")).toMatchObject({ lateMinutes: 239, absentLate: false, absentDays: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ lateMinutes: 0, absentLate: true, absentDays: 0.5 });
    expect(m.day("2025-11-05")).toMatchObject({ earlyLeaveMinutes: 239, absentEarly: false });
    expect(m.day("2025-11-06")).toMatchObject({ earlyLeaveMinutes: 0, absentEarly: true, absentDays: 0.5 });
    expect(m.summary).toMatchObject({ lateCount: 1, lateMinutes: 239, seriousLateCount: 1, earlyLeaveCount: 1, earlyLeaveMinutes: 239, absentLateCount: 1, absentEarlyCount: 1 });
  });

  it("turns either off with 0: a lone 17:03 check-in is then 483 minutes late", () => {
    const m = month({ ...base, policy: { absentLateMinutes: 0, absentEarlyMinutes: 0 }, ins: lines("2025-11", "03 17:03", "04 09:00"), outs: lines("2025-11", "03 18:00", "04 10:00") });
    expect(m.day("2025-11-03")).toMatchObject({ lateMinutes: 483, absentLate: false, absentDays: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ earlyLeaveMinutes: 480, absentEarly: false, absentDays: 0 });
  });

  it("uses HR's thresholds: 60 minutes makes 10:00 half absent", () => {
    const m = month({ ...base, policy: { absentLateMinutes: 60 }, ins: lines("2025-11", "03 10:00", "04 09:59"), outs: lines("2025-11", "03 18:00", "04 18:00") });
    expect(m.day("2025-11-03").absentLate).toBe(true);
    expect(m.day("2025-11-04")).toMatchObject({ absentLate: false, lateMinutes: 59 });
  });

  it("waives the arrival with a morning leave and the leaving with an afternoon leave", () => {
    const m = month({
      ...base,
      ins: lines("2025-11", "03 14:00", "04 13:30"),
      outs: lines("2025-11", "03 18:00", "04 12:00"),
      leaves: [{ type: "annual", from: "2025-11-03", half: "am" }, { type: "annual", from: "2025-11-04", half: "pm" }, { type: "annual", from: "2025-11-05", half: "am" }],
    });
    expect(m.day("2025-11-03")).toMatchObject({ lateMinutes: 0, absentLate: false, missingPunches: 0, absentDays: 0 });
    // The afternoon leave waives the out-punch and early leave, not the 13:30 arrival.
    expect(m.day("2025-11-04")).toMatchObject({ absentLate: true, earlyLeaveMinutes: 0, missingPunches: 0, absentDays: 0.5 });
    expect(m.day("2025-11-05")).toMatchObject({ absentDays: 0.5, status: "absent" }); // half a day off and no punch
  });
});

describe("shifts, flex and rosters", () => {
  it("with flex, arriving early never moves the leaving time before the end, arriving late never past end + flex", () => {
    const m = month({ month: "2025-11", usual: shift("F30", "08:30", "17:30", 30, 0), at: lines("2025-11", "03 08:00 17:29", "04 08:45 17:44", "05 09:01 18:00", "06 09:00 18:00") });
    expect(m.day("2025-11-03")).toMatchObject({ earlyLeaveMinutes: 1, lateMinutes: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ earlyLeaveMinutes: 1, requiredOutMinute: 17 * 60 + 45 });
    expect(m.day("2025-11-05")).toMatchObject({ lateMinutes: 1, earlyLeaveMinutes: 0, requiredOutMinute: 18 * 60 }); // grace 0
    expect(m.day("2025-11-06")).toMatchObject({ lateMinutes: 0, earlyLeaveMinutes: 0 });
  });

  it("makes a rostered-off weekday a rest day and a rostered Saturday a workday", () => {
    const day = shift("DAY", "09:00", "18:00");
    const m = month({ month: "2025-11", roster: { "2025-11-03": "off", "2025-11-08": day }, at: workdays("2025-11", ["04", "05", "06", "07", "10", "11", "12", "13", "14", "17", "18", "19", "20", "21", "24", "25", "26", "27", "28"]) });
    expect(m.day("2025-11-03")).toMatchObject({ workday: false, absentDays: 0, rostered: "off", status: "weekend" });
    expect(m.day("2025-11-08")).toMatchObject({ workday: true, absentDays: 1, shiftCode: "DAY" });
    expect(m.summary).toMatchObject({ requiredDays: 20, absentDays: 1, shiftCode: "DEFAULT" });
  });

  it("gives a night worker's punches to the date their shift started, all week, and says NIGHT is their shift", () => {
    const night = shift("NIGHT", "22:00", "06:00", 0, 5);
    const m = month({ month: "2025-11", usual: night, at: lines("2025-11", "03 21:50", "04 06:05 22:10", "05 06:00 21:59", "06 05:59") });
    expect(m.day("2025-11-03")).toMatchObject({ inMinute: 21 * 60 + 50, outMinute: 1440 + 365, lateMinutes: 0, earlyLeaveMinutes: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ lateMinutes: 10, earlyLeaveMinutes: 0 });
    expect(m.day("2025-11-05")).toMatchObject({ lateMinutes: 0, earlyLeaveMinutes: 1 });
    expect(m.summary.shiftCode).toBe("NIGHT");
  });

  it("where a night shift's window overlaps the next day shift's, a punch goes to the nearer shift", () => {
    const night = shift("NIGHT", "22:00", "06:00");
    const m = month({ month: "2025-11", roster: { "2025-11-03": night }, at: lines("2025-11", "03 21:58", "04 06:02 08:55 18:00") });
    expect(m.day("2025-11-03")).toMatchObject({ inMinute: 21 * 60 + 58, outMinute: 1440 + 362, missingPunches: 0 });
    expect(m.day("2025-11-04")).toMatchObject({ inMinute: 8 * 60 + 55, outMinute: 18 * 60, missingPunches: 0 });
  });

  it("counts required days from the hire date", () => {
    const m = month({ month: "2025-11", hireDate: "2025-11-12", at: workdays("2025-11", ["12", "13", "14", "17", "18", "19", "20", "21", "24", "25", "26", "27", "28"]) });
    expect(m.summary).toMatchObject({ requiredDays: 13, attendedDays: 13, absentDays: 0, fullAttendance: true });
    expect(m.day("2025-11-11").status).toBe("before-hire");
  });

  it("judges nothing not yet ended: today's missing out-punch may still come, tomorrow is future", () => {
    const m = month({ month: "2025-11", at: lines("2025-11", "03 08:50", "04 09:40"), now: "2025-11-04T10:00:00+08:00" });
    expect(m.day("2025-11-03")).toMatchObject({ missingPunches: 1 });
    expect(m.day("2025-11-04")).toMatchObject({ missingPunches: 0, lateMinutes: 40, status: "late" });
    expect(m.day("2025-11-05").status).toBe("future");
    expect(m.summary.judgedThrough).toBe("2025-11-03");
  });
});

describe("the month summary v2", () => {
  it("keeps full attendance with three late arrivals and corrections, and counts the corrections and overtime of the month only", () => {
    const all = ["03", "04", "05", "06", "07", "10", "11", "12", "13", "14", "17", "18", "19", "20", "21", "24", "25", "26", "27", "28"];
    const m = month({
      month: "2025-11",
      at: [...workdays("2025-11", all.slice(3)), ...lines("2025-11", "03 09:10 18:00", "04 09:10 18:00", "05 09:10 18:00")],
      corrections: ["2025-11-04", "2025-10-31", "2025-11-20"],
      overtime: [{ date: "2025-11-08", minutes: 200, category: "restDay" }, { date: "2025-11-08", minutes: 40, category: "restDay" }, { date: "2025-12-01", minutes: 60, category: "workday" }],
    });
    expect(m.summary).toMatchObject({ lateCount: 3, fullAttendance: true, correctionCount: 2, overtimeHours: { workday: 0, restDay: 4, holiday: 0 } });
  });

  it("breaks full attendance with a fourth late arrival, personal leave, or half a day absent", () => {
    const all = ["03", "04", "05", "06", "07", "10", "11", "12", "13", "14", "17", "18", "19", "20", "21", "24", "25", "26", "27", "28"];
    const late4 = month({ month: "2025-11", at: [...workdays("2025-11", all.slice(4)), ...lines("2025-11", "03 09:10 18:00", "04 09:10 18:00", "05 09:10 18:00", "06 09:10 18:00")] });
    expect(late4.summary).toMatchObject({ lateCount: 4, fullAttendance: false });
    const personal = month({ month: "2025-11", at: workdays("2025-11", all.slice(1)), leaves: [{ type: "personal", from: "2025-11-03" }] });
    expect(personal.summary).toMatchObject({ absentDays: 0, fullAttendance: false });
    const annual = month({ month: "2025-11", at: workdays("2025-11", all.slice(1)), leaves: [{ type: "annual", from: "2025-11-03" }] });
    expect(annual.summary.fullAttendance).toBe(true);
  });
});
