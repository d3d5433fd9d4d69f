/** Builds one person's month from plain data and judges it with the pure rules, as the CLI would. */
import { shippedHolidayYears, WorkCalendar } from "../../src/attendance/calendar.ts";
import { judgeDays } from "../../src/attendance/judge.ts";
import { resolveKinds } from "../../src/attendance/punch-kinds.ts";
import { DateGrid, Schedule } from "../../src/attendance/schedule.ts";
import { defaultShift, shiftTimes } from "../../src/attendance/shifts.ts";
import { summarizeMonth } from "../../src/attendance/summary.ts";
import type { HalfDay, LeaveType, OvertimeCategory, Policy, PunchIntent, Shift } from "../../src/attendance/types.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";
import { addDays, monthRange } from "../../src/attendance/time.ts";

export const calendar = new WorkCalendar(shippedHolidayYears().flatMap((y) => y.days));

export function shift(code: string, start: string, end: string, flexMinutes = 0, graceMinutes = 5): Shift {
  return { code, name: code, nameEn: code, start, end, flexMinutes, graceMinutes };
}

/** A person's schedule over [from, to] with a usual shift and roster entries (shift or "off"). */
export function schedule(from: string, to: string, options: { usual?: Shift; roster?: Record<string, Shift | "off">; policy?: Policy } = {}) {
  const policy = options.policy ?? DEFAULT_POLICY;
  const roster = new Map(Object.entries(options.roster ?? {}).map(([d, s]) => [d, s === "off" ? null : shiftTimes(s)]));
  return new Schedule(new DateGrid(from, to, policy.timeZone, calendar), shiftTimes(options.usual ?? defaultShift(policy)), roster, policy.windowLeadMinutes);
}

export interface MonthCase {
  month: string;
  hireDate?: string;
  policy?: Partial<Policy>;
  usual?: Shift;
  roster?: Record<string, Shift | "off">;
  /** Punches as HR records them in one batch: auto ("at"), in or out; ISO instants with an offset. */
  at?: string[];
  ins?: string[];
  outs?: string[];
  leaves?: { type: LeaveType; from: string; to?: string; half?: HalfDay }[];
  corrections?: string[];
  overtime?: { date: string; minutes: number; category: OvertimeCategory }[];
  now?: string;
}

/** The month's days and summary. */
export function month(c: MonthCase) {
  const policy = { ...DEFAULT_POLICY, ...c.policy };
  const { first, last } = monthRange(c.month);
  const sched = schedule(first, last, { usual: c.usual, roster: c.roster, policy });
  const incoming = [
    ...(c.at ?? []).map((s) => ({ atMs: Date.parse(s), intent: "auto" as PunchIntent })),
    ...(c.ins ?? []).map((s) => ({ atMs: Date.parse(s), intent: "in" as PunchIntent })),
    ...(c.outs ?? []).map((s) => ({ atMs: Date.parse(s), intent: "out" as PunchIntent })),
  ].map((p) => ({ ...p, atMs: Math.floor(p.atMs / 60_000) * 60_000 }));
  const punches = resolveKinds(sched, [], incoming);
  const input = {
    employee: { login: "wang", hireDate: c.hireDate ?? "2021-03-15" },
    policy,
    schedule: sched,
    punches,
    leaves: (c.leaves ?? []).map((l) => ({ type: l.type, startDate: l.from, endDate: l.to ?? l.from, halfDay: l.half ?? null })),
    nowMs: Date.parse(c.now ?? `${addDays(last, 2)}T12:00:00+08:00`),
    correctionDates: c.corrections ?? [],
    overtime: c.overtime ?? [],
  };
  const days = judgeDays(input);
  return { days, summary: summarizeMonth(input, days), day: (date: string) => days.find((d) => d.date === date)! };
}

/** "2025-12-01 08:55" -> "2025-12-01T08:55:00+08:00" (Shanghai). */
export const sh = (local: string) => `${local.replace(" ", "T")}:00+08:00`;

/** Punches from "DD HH:MM HH:MM ..." lines of a month: every time on that date (times under 04:00 roll to the next day are not handled: write them on their own date). */
export function lines(monthId: string, ...rows: string[]): string[] {
  return rows.flatMap((row) => {
    const [day, ...times] = row.trim().split(/\s+/);
    return times.map((t) => sh(`${monthId}-${day.padStart(2, "0")} ${t}`));
  });
}
