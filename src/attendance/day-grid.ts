import type { WorkCalendar, HolidayDay } from "./calendar.ts";
import type { Policy } from "./types.ts";
import { eachDate, fromLocal, parseClock } from "./time.ts";

/**
 * The dates of a stretch with their punch windows worked out once, so judging a thousand people
 * over a month does the time-zone arithmetic thirty times, not thirty thousand.
 */
export interface DayGrid {
  dates: string[];
  workday: boolean[];
  special: (HolidayDay | undefined)[];
  /** Local midnight of each date, ms. */
  midnightMs: number[];
  /** Start of each date's punch window (midnight + day boundary), ms; one extra entry ends the last. */
  windowMs: number[];
}

export function dayGrid(from: string, to: string, policy: Policy, calendar: WorkCalendar): DayGrid {
  const dates = eachDate(from, to);
  const boundary = parseClock(policy.dayBoundary);
  const midnightMs = dates.map((d) => fromLocal(d, 0, policy.timeZone));
  const windowMs = dates.map((d) => fromLocal(d, boundary, policy.timeZone));
  const after = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  windowMs.push(fromLocal(after, boundary, policy.timeZone));
  return { dates, workday: dates.map((d) => calendar.isWorkday(d)), special: dates.map((d) => calendar.special(d)), midnightMs, windowMs };
}

/** The grid index of the work date a punch belongs to, or -1 outside the grid. */
export function gridIndex(grid: DayGrid, atMs: number): number {
  const w = grid.windowMs;
  if (atMs < w[0] || atMs >= w[w.length - 1]) return -1;
  let lo = 0;
  let hi = w.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (w[mid] <= atMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
