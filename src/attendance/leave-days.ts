import type { WorkCalendar } from "./calendar.ts";
import type { HalfDay, LeaveType } from "./types.ts";
import { eachDate } from "./time.ts";

/** Maternity and paternity leave run on calendar days; every other type on working days. */
export function countsCalendarDays(type: LeaveType): boolean {
  return type === "maternity" || type === "paternity";
}

/** What a leave covers on one date. */
export interface LeaveCover {
  type: LeaveType;
  halfDay: HalfDay | null;
  /** Leave days this date draws: 1, 0.5, or 0 on a non-working day of a working-day type. */
  days: number;
}

/** Leave days drawn by each date of a request (only dates that draw something). */
export function leaveDaysByDate(
  calendar: WorkCalendar,
  leave: { type: LeaveType; startDate: string; endDate: string; halfDay: HalfDay | null },
): Map<string, LeaveCover> {
  const out = new Map<string, LeaveCover>();
  const calendarDays = countsCalendarDays(leave.type);
  for (const date of eachDate(leave.startDate, leave.endDate)) {
    if (!calendarDays && !calendar.isWorkday(date)) continue;
    out.set(date, { type: leave.type, halfDay: leave.halfDay, days: leave.halfDay ? 0.5 : 1 });
  }
  return out;
}

/** Total leave days a request draws, optionally only those within [from, to]. */
export function countLeaveDays(
  calendar: WorkCalendar,
  leave: { type: LeaveType; startDate: string; endDate: string; halfDay: HalfDay | null },
  from = leave.startDate,
  to = leave.endDate,
): number {
  let total = 0;
  for (const [date, cover] of leaveDaysByDate(calendar, leave)) if (date >= from && date <= to) total += cover.days;
  return total;
}

/** Whether two requests claim some part of the same day. A morning and an afternoon of one day do not clash. */
export function leavesOverlap(
  a: { startDate: string; endDate: string; halfDay: HalfDay | null },
  b: { startDate: string; endDate: string; halfDay: HalfDay | null },
): boolean {
  if (a.endDate < b.startDate || b.endDate < a.startDate) return false;
  if (a.halfDay && b.halfDay && a.startDate === a.endDate && b.startDate === b.endDate) return a.halfDay === b.halfDay;
  return true;
}

