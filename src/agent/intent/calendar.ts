/**
 * Plain calendar arithmetic on "YYYY-MM-DD" strings.
 *
 * Dates are handled as day numbers (days since 1970-01-01, proleptic Gregorian) so that adding
 * days or finding a weekday never touches the host time zone; only {@link localNow} looks at a
 * zone, once, to learn what "today" is where the user is.
 */

import { wallClock } from "../../attendance/time.ts";

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a calendar date; month is 1-12. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The calendar date of a day number. */
export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "YYYY-MM-DD" of a day number. */
export function formatDay(n: number): string {
  const { year, month, day } = fromDayNumber(n);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Day number of a "YYYY-MM-DD" string. */
export function parseDay(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
}

/** "YYYY-MM" of a year and month (month may be out of 1-12; it is carried into the year). */
export function formatMonth(year: number, month: number): string {
  const total = year * 12 + (month - 1);
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** Weekday of a day number: 0 = Monday ... 6 = Sunday (ISO order, weeks start on Monday). */
export function weekday(n: number): number {
  // 1970-01-01 was a Thursday (ISO index 3).
  return (((n + 3) % 7) + 7) % 7;
}

/** Day number of the Monday of the week containing `n`. */
export function mondayOf(n: number): number {
  return n - weekday(n);
}

/** Number of days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number of a date if it exists (rejects 2026-02-30), else null. */
export function validDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumber(year, month, day);
}

/** Adds months to a year/month pair, carrying into the year. */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const total = year * 12 + (month - 1) + delta;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

/** The user's local date and time of an instant, read in an IANA time zone. */
export interface LocalNow {
  /** Local calendar date, "YYYY-MM-DD". */
  today: string;
  /** Local hour of day, 0-23. */
  hour: number;
  /** Local minute, 0-59. */
  minute: number;
}

/**
 * Reads `now` as a wall-clock date and time in `timeZone` (e.g. "Asia/Shanghai"). The clock is
 * read directly (attendance's {@link wallClock}, one cached formatter per zone), not through
 * `toLocal`'s hour-cached offset, so the minute shown is exactly the zone's.
 */
export function localNow(now: Date, timeZone: string): LocalNow {
  const { year, month, day, hour, minute } = wallClock(now.getTime(), timeZone);
  return { today: `${year}-${pad(month)}-${pad(day)}`, hour: hour % 24, minute };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
