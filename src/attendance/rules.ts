import type { WorkCalendar } from "./calendar.ts";
import type { LeaveCover } from "./leave-days.ts";
import { leaveDaysByDate } from "./leave-days.ts";
import type { DayRecord, Employee, LeaveRequest, LeaveType, MonthlySummary, Policy } from "./types.ts";
import { type DayGrid, dayGrid, gridIndex } from "./day-grid.ts";
import { addDays, fromLocal, monthRange, parseClock, toLocal } from "./time.ts";

/** Everything the rules need to judge a stretch of days for one employee. */
export interface JudgeInput {
  employee: Pick<Employee, "login" | "hireDate">;
  policy: Policy;
  calendar: WorkCalendar;
  /** Punch instants (ms), any order; those outside the window are ignored. */
  punchesMs: number[];
  /** Approved leave touching the window. */
  leaves: Pick<LeaveRequest, "type" | "startDate" | "endDate" | "halfDay">[];
  nowMs: number;
}

/** The instants bounding a work date's punches: [date + boundary, next day + boundary). */
export function workDateWindow(date: string, policy: Policy): { fromMs: number; toMs: number } {
  const boundary = parseClock(policy.dayBoundary);
  return {
    fromMs: fromLocal(date, boundary, policy.timeZone),
    toMs: fromLocal(addDays(date, 1), boundary, policy.timeZone),
  };
}

/** The work date a punch belongs to and its minute counted from that date's midnight (may pass 1440). */
export function workDateOf(atMs: number, policy: Policy): { date: string; minute: number } {
  const boundary = parseClock(policy.dayBoundary);
  const local = toLocal(atMs, policy.timeZone);
  if (local.minuteOfDay < boundary) return { date: addDays(local.date, -1), minute: local.minuteOfDay + 1440 };
  return { date: local.date, minute: local.minuteOfDay };
}

/** Judges each date from `from` to `to`: the calendar view and the month summary both read these. */
export function judgeDays(input: JudgeInput, from: string, to: string, grid = dayGrid(from, to, input.policy, input.calendar)): DayRecord[] {
  const { policy, calendar, employee } = input;
  const shiftStart = parseClock(policy.shiftStart);
  const shiftEnd = parseClock(policy.shiftEnd);
  const midpoint = parseClock(policy.midpoint);

  const minutesByDay: number[][] = grid.dates.map(() => []);
  for (const atMs of input.punchesMs) {
    const i = gridIndex(grid, atMs);
    if (i >= 0) minutesByDay[i].push(Math.floor((atMs - grid.midnightMs[i]) / 60_000));
  }
  const coverByDate = new Map<string, LeaveCover[]>();
  for (const leave of input.leaves) {
    for (const [date, cover] of leaveDaysByDate(calendar, leave)) {
      if (date < from || date > to) continue;
      coverByDate.set(date, [...(coverByDate.get(date) ?? []), cover]);
    }
  }

  return grid.dates.map((date, i): DayRecord => {
    const workday = grid.workday[i];
    const special = grid.special[i];
    const covers = coverByDate.get(date) ?? [];
    const leaveDays = covers.reduce((s, c) => s + c.days, 0);
    const fullLeave = covers.some((c) => !c.halfDay) || leaveDays >= 1;
    const amLeave = fullLeave || covers.some((c) => c.halfDay === "am");
    const pmLeave = fullLeave || covers.some((c) => c.halfDay === "pm");
    const leave = covers.length
      ? { type: covers[0].type, days: Math.min(1, leaveDays), halfDay: fullLeave ? null : covers[0].halfDay }
      : null;
    const record: DayRecord = {
      date,
      workday,
      status: "normal",
      inMinute: null,
      outMinute: null,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      missingPunches: 0,
      absentDays: 0,
      leave,
      leaveByType: {},
      holidayName: special?.name ?? null,
    };
    for (const c of covers) record.leaveByType[c.type] = (record.leaveByType[c.type] ?? 0) + c.days;
    const minutes = minutesByDay[i];
    for (const m of minutes) {
      if (m < midpoint) record.inMinute = record.inMinute === null ? m : Math.min(record.inMinute, m);
      else record.outMinute = record.outMinute === null ? m : Math.max(record.outMinute, m);
    }

    if (date < employee.hireDate) return { ...record, status: "before-hire" };
    if (!workday) return { ...record, status: special ? "holiday" : leave ? "leave" : "weekend" };

    const ended = input.nowMs >= grid.windowMs[i + 1];
    const started = input.nowMs >= grid.windowMs[i];
    // The in-punch is the earliest of the day, so lateness is final as soon as it exists.
    if (record.inMinute !== null && !amLeave && record.inMinute > shiftStart + policy.graceMinutes) {
      record.lateMinutes = record.inMinute - shiftStart;
    }
    if (ended) {
      if (minutes.length === 0) {
        record.absentDays = fullLeave ? 0 : amLeave || pmLeave ? 0.5 : 1;
      } else {
        if (record.inMinute === null && !amLeave) record.missingPunches++;
        if (record.outMinute === null && !pmLeave) record.missingPunches++;
        if (record.outMinute !== null && !pmLeave && record.outMinute < shiftEnd) {
          record.earlyLeaveMinutes = shiftEnd - record.outMinute;
        }
      }
    }
    record.status = dayStatus(record, ended, started, special !== undefined);
    return record;
  });
}

function dayStatus(r: DayRecord, ended: boolean, started: boolean, makeup: boolean): DayRecord["status"] {
  if (r.absentDays > 0) return "absent";
  if (r.missingPunches > 0) return "missing-punch";
  if (r.lateMinutes > 0) return "late";
  if (r.earlyLeaveMinutes > 0) return "early-leave";
  if (r.leave) return "leave";
  if (!started) return "future";
  if (!ended) return r.inMinute === null && r.outMinute === null ? "not-yet" : "normal";
  return makeup ? "makeup-workday" : "normal";
}

/** The monthly summary of DESIGN.md for one employee. */
export function summarizeMonth(input: JudgeInput, month: string, grid?: DayGrid): MonthlySummary {
  const { first, last } = monthRange(month);
  grid ??= dayGrid(first, last, input.policy, input.calendar);
  const days = judgeDays(input, first, last, grid);
  const s: MonthlySummary = {
    month,
    login: input.employee.login,
    requiredDays: 0,
    attendedDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    seriousLateCount: 0,
    earlyLeaveCount: 0,
    earlyLeaveMinutes: 0,
    missingPunchCount: 0,
    absentDays: 0,
    leaveDays: { total: 0, byType: {} },
    fullAttendance: true,
    judgedThrough: null,
  };
  const byType: Partial<Record<LeaveType, number>> = {};
  for (const d of days) {
    if (d.status === "before-hire") continue;
    for (const [type, days] of Object.entries(d.leaveByType) as [LeaveType, number][]) byType[type] = (byType[type] ?? 0) + days;
    if (!d.workday) continue;
    s.requiredDays++;
    if (d.inMinute !== null || d.outMinute !== null) s.attendedDays++;
    if (d.lateMinutes > 0) {
      s.lateCount++;
      s.lateMinutes += d.lateMinutes;
      if (d.lateMinutes >= input.policy.seriousLateMinutes) s.seriousLateCount++;
    }
    if (d.earlyLeaveMinutes > 0) {
      s.earlyLeaveCount++;
      s.earlyLeaveMinutes += d.earlyLeaveMinutes;
    }
    s.missingPunchCount += d.missingPunches;
    s.absentDays += d.absentDays;
  }
  days.forEach((d, i) => {
    if (input.nowMs >= grid.windowMs[i + 1]) s.judgedThrough = d.date;
  });
  s.leaveDays = { total: Object.values(byType).reduce((a, b) => a + (b ?? 0), 0), byType };
  s.fullAttendance =
    s.absentDays === 0 &&
    s.missingPunchCount === 0 &&
    s.earlyLeaveCount === 0 &&
    !byType.personal &&
    !byType.sick &&
    s.lateCount <= input.policy.maxLatesForFullAttendance;
  return s;
}
