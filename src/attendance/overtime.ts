import type { ShiftTimes } from "./shifts.ts";
import type { HolidayDay, OvertimeCategory, Policy } from "./types.ts";
import { parseClock } from "./time.ts";

/** A date as overtime sees it: whether the person works it, and its shift. */
export interface OvertimeDay {
  workday: boolean;
  shift: Pick<ShiftTimes, "startMinute" | "endMinute">;
  special?: HolidayDay;
}

/** Statutory days off are `holiday`; the person's working days `workday`; every other day `restDay`. */
export function overtimeCategory(day: Pick<OvertimeDay, "workday" | "special">): OvertimeCategory {
  if (day.special?.isOffDay) return "holiday";
  return day.workday ? "workday" : "restDay";
}

/** The interval an overtime request covers, in minutes from its date's midnight (an end at or before the start is next morning). */
export function overtimeInterval(start: string, end: string): [number, number] {
  const s = parseClock(start);
  let e = parseClock(end);
  if (e <= s) e += 1440;
  return [s, e];
}

/**
 * Overtime minutes: the interval minus the shift's hours on a workday (and the tail of the
 * previous day's night shift), minus the rest break where it overlaps. Nothing is counted twice.
 */
export function overtimeMinutes(
  request: { start: string; end: string },
  day: OvertimeDay,
  policy: Pick<Policy, "restStart" | "restEnd">,
  previous?: OvertimeDay,
): number {
  const [from, to] = overtimeInterval(request.start, request.end);
  const rest = [parseClock(policy.restStart), parseClock(policy.restEnd)];
  const removed: [number, number][] = [];
  if (rest[1] > rest[0]) removed.push([rest[0], rest[1]], [rest[0] + 1440, rest[1] + 1440]);
  if (day.workday) removed.push([day.shift.startMinute, day.shift.endMinute]);
  if (previous?.workday && previous.shift.endMinute > 1440) removed.push([previous.shift.startMinute - 1440, previous.shift.endMinute - 1440]);
  return to - from - coveredMinutes(from, to, removed);
}

/** Minutes of [from, to) covered by the union of `parts`. */
function coveredMinutes(from: number, to: number, parts: [number, number][]): number {
  const clipped = parts
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = from;
  for (const [a, b] of clipped) {
    const start = Math.max(a, reach);
    if (b > start) total += b - start;
    reach = Math.max(reach, b);
  }
  return total;
}
