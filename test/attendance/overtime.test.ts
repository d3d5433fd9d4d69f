import { describe, expect, it } from "vitest";
import { overtimeCategory, overtimeMinutes } from "../../src/attendance/overtime.ts";
import { shiftTimes } from "../../src/attendance/shifts.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";
import { calendar, shift } from "./rules-fixture.ts";

const day9to6 = shiftTimes(shift("DEFAULT", "09:00", "18:00"));
const night = shiftTimes(shift("NIGHT", "22:00", "06:00"));
const workday = { workday: true, shift: day9to6 };
const restDay = { workday: false, shift: day9to6 };
const minutes = (start: string, end: string, day = workday, previous?: typeof workday) => overtimeMinutes({ start, end }, day, DEFAULT_POLICY, previous);

describe("overtime hours", () => {
  it("on a workday counts only time outside the shift", () => {
    expect(minutes("17:30", "21:00")).toBe(180);
    expect(minutes("18:00", "20:00")).toBe(120);
    expect(minutes("07:00", "09:30")).toBe(120);
    expect(minutes("10:00", "17:00")).toBe(0);
  });

  it("takes the rest break off where it overlaps, never counting time twice", () => {
    expect(minutes("09:00", "14:00", restDay)).toBe(240);
    expect(minutes("09:00", "13:00", restDay)).toBe(180);
    expect(minutes("12:30", "15:00", restDay)).toBe(120);
    expect(minutes("11:00", "20:00")).toBe(120); // the break lies inside the shift already taken off
    expect(overtimeMinutes({ start: "09:00", end: "14:00" }, restDay, { restStart: "12:00", restEnd: "12:00" })).toBe(300);
  });

  it("runs an end before the start past midnight", () => {
    expect(minutes("20:00", "02:00")).toBe(360);
    expect(minutes("20:00", "02:00", restDay)).toBe(360);
    expect(minutes("08:00", "08:00", restDay)).toBe(1440 - 60); // a whole day less its one break
    expect(minutes("11:00", "12:30", restDay)).toBe(60);
  });

  it("on a night worker's workday takes off the night shift, and the tail of the night before", () => {
    expect(minutes("18:00", "23:00", { workday: true, shift: night })).toBe(240);
    expect(minutes("05:00", "08:00", restDay, { workday: true, shift: night })).toBe(120);
  });

  it("sorts dates into workday, rest day and statutory holiday (make-up Saturdays are workdays)", () => {
    const at = (date: string, workday = calendar.isWorkday(date)) => overtimeCategory({ workday, special: calendar.special(date) });
    expect(at("2025-10-01")).toBe("holiday");
    expect(at("2025-10-11")).toBe("workday"); // 调休上班
    expect(at("2025-10-18")).toBe("restDay");
    expect(at("2025-10-16")).toBe("workday");
    expect(at("2025-10-16", false)).toBe("restDay"); // rostered off
    expect(at("2025-10-01", true)).toBe("holiday"); // rostered on a statutory day off is still holiday overtime
  });
});
