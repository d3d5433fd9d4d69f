/**
 * When the quiet hours that hold an instant end: a notice decided at 23:00 (a leave approved late)
 * is held until then, so it reaches the person in the morning rather than at night.
 */
import { addDays, fromLocal, parseClock, toLocal } from "../attendance/time.ts";
import type { Policy } from "../attendance/types.ts";
import { inQuietHours } from "./rules.ts";

/** The instant (ms) the quiet hours around `atMs` end, or undefined when `atMs` is not in them. */
export function quietHoursEnd(policy: Policy, atMs: number): number | undefined {
  const local = toLocal(atMs, policy.timeZone);
  if (!inQuietHours(policy, local.minuteOfDay)) return undefined;
  const end = parseClock(policy.reminders.quietEnd);
  // Before midnight the quiet hours end tomorrow; after it, today.
  const date = local.minuteOfDay >= end ? addDays(local.date, 1) : local.date;
  return fromLocal(date, end, policy.timeZone);
}
