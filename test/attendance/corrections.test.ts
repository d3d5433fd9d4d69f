import { describe, expect, it } from "vitest";
import { checkCorrection, type CorrectionContext, withinWindow } from "../../src/attendance/corrections.ts";
import { DomainError } from "../../src/attendance/errors.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";
import { schedule, sh, shift } from "./rules-fixture.ts";

function context(date: string, over: Partial<CorrectionContext> = {}, roster = {}): CorrectionContext {
  const s = schedule(date, date, { roster });
  return {
    today: "2025-11-01",
    nowMs: Date.parse("2025-11-01T10:00:00+08:00"),
    hireDate: "2021-03-15",
    policy: DEFAULT_POLICY,
    schedule: s,
    dateIndex: s.grid.indexOf(date),
    dayPunches: [],
    monthCount: 0,
    duplicateId: null,
    ...over,
  };
}
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return "accepted";
};

describe("correction requests (补卡)", () => {
  it("records the asked time on the date, a night shift's morning time on the next day", () => {
    expect(checkCorrection({ date: "2025-10-30", kind: "out", time: "18:00" }, context("2025-10-30"))).toEqual({ kind: "out", time: "18:00", atMs: Date.parse(sh("2025-10-30 18:00")) });
    const night = shift("NIGHT", "22:00", "06:00");
    const c = context("2025-10-30", {}, { "2025-10-30": night });
    expect(checkCorrection({ date: "2025-10-30", kind: "out", time: "6:00" }, c).atMs).toBe(Date.parse(sh("2025-10-31 06:00")));
  });

  it("allows a date with at most 30 whole days between it and today", () => {
    expect(withinWindow("2025-10-01", "2025-11-01", 30)).toBe(true);
    expect(withinWindow("2025-09-30", "2025-11-01", 30)).toBe(false);
    expect(code(() => checkCorrection({ date: "2025-09-30", kind: "in", time: "09:00" }, context("2025-09-30")))).toBe("CORRECTION_TOO_FAR_BACK");
    expect(code(() => checkCorrection({ date: "2025-10-01", kind: "in", time: "09:00" }, { ...context("2025-10-01"), policy: { correctionWindowDays: 30, maxCorrectionsPerMonth: 3 } }))).toBe("NOT_A_WORKDAY"); // National Day
  });

  it("counts pending and approved requests of the corrected date's month against the quota", () => {
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "in", time: "09:00" }, context("2025-10-30", { monthCount: 2 })))).toBe("accepted");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "in", time: "09:00" }, context("2025-10-30", { monthCount: 3 })))).toBe("CORRECTION_QUOTA");
  });

  it("refuses a punch the date already has, a second pending request for it, a rest day and the future", () => {
    const punches = [{ atMs: Date.parse(sh("2025-10-30 08:55")), kind: "in" as const }];
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "in", time: "08:50" }, context("2025-10-30", { dayPunches: punches })))).toBe("CORRECTION_PUNCH_EXISTS");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "out", time: "18:00" }, context("2025-10-30", { dayPunches: punches })))).toBe("accepted");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "out", time: "18:00" }, context("2025-10-30", { duplicateId: 7 })))).toBe("CORRECTION_DUPLICATE");
    expect(code(() => checkCorrection({ date: "2025-10-25", kind: "in", time: "09:00" }, context("2025-10-25")))).toBe("NOT_A_WORKDAY");
    expect(code(() => checkCorrection({ date: "2025-10-25", kind: "in", time: "09:00" }, context("2025-10-25", {}, { "2025-10-25": shift("D", "09:00", "18:00") })))).toBe("accepted");
    expect(code(() => checkCorrection({ date: "2025-11-01", kind: "out", time: "18:00" }, context("2025-11-01", {}, { "2025-11-01": shift("D", "09:00", "18:00") })))).toBe("CORRECTION_IN_FUTURE");
    expect(code(() => checkCorrection({ date: "2025-11-03", kind: "in", time: "09:00" }, context("2025-11-03")))).toBe("CORRECTION_IN_FUTURE");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "sideways", time: "09:00" }, context("2025-10-30")))).toBe("INVALID_INPUT");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "in", time: "25:00" }, context("2025-10-30")))).toBe("INVALID_INPUT");
    expect(code(() => checkCorrection({ date: "2025-10-30", kind: "in", time: "09:00" }, context("2025-10-30", { hireDate: "2025-10-31" })))).toBe("NOT_A_WORKDAY");
  });
});
