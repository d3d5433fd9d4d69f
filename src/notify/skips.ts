/**
 * Why a reminder was not sent, for HR's delivery log: the not-checked-in reminder of a person the
 * day does not concern (a holiday, a weekend or a roster day off: NOT_WORKDAY; before the hire
 * date or after leaving, within a month of either: NOT_EMPLOYED) is logged as skipped at the
 * moment it would have fallen due, once per person and date. Leave (ON_LEAVE) and a rule the
 * person turned off (OPTED_OUT) are told by the rules themselves (rules.ts), which judge those few
 * in full. Read from the same schedule glance as the candidates, so it costs one pass over it.
 */
import { isActiveDuring, isActiveOn } from "../attendance/employment.ts";
import type { DayGlance } from "../attendance/day-sheets.ts";
import { addDays } from "../attendance/time.ts";
import type { ShiftInput } from "./candidates.ts";
import { ruleFor, type DueReminder } from "./rules.ts";
import { decisionKey } from "./store.ts";

const MINUTE_MS = 60_000;

/** Why a reminder was not sent (the delivery log words each code). */
export type SkipReason = "NOT_WORKDAY" | "NOT_EMPLOYED" | "ON_LEAVE" | "OPTED_OUT";

/** A reminder decided as not sent. */
export interface SkippedReminder {
  due: DueReminder;
  reason: SkipReason;
}

/** The not-checked-in reminders falling due now for people the day does not concern (`days` glanced without punches). */
export function skippedNotCheckedIn(input: ShiftInput, days: ReadonlyMap<number, DayGlance[]>): SkippedReminder[] {
  const out: SkippedReminder[] = [];
  for (const e of input.roll) {
    const setting = ruleFor(input.policy, input.codes.get(e.departmentId), "notCheckedIn");
    if (!setting.on) continue;
    for (const d of days.get(e.id) ?? []) {
      // The moment the reminder would fall due on a working day, until that day's end.
      const from = d.lateAfterMs + (setting.minutes ?? 0) * MINUTE_MS;
      if (input.atMs < from || input.atMs >= d.endMs) continue;
      const active = isActiveOn(e, d.date);
      const reason = !active ? (isActiveDuring(e, addDays(d.date, -31), addDays(d.date, 31)) ? "NOT_EMPLOYED" : undefined) : d.workday ? undefined : "NOT_WORKDAY";
      if (!reason || input.decided.has(decisionKey(e.id, "notCheckedIn", d.date))) continue;
      out.push({ due: { employeeId: e.id, rule: "notCheckedIn", occasion: d.date, params: { date: d.date } }, reason });
    }
  }
  return out;
}
