/**
 * Who is due for which reminder at an instant: pure functions of the policy, everyone's days
 * (src/attendance/day-sheets.ts), their settings and the decisions already taken. No clock, no
 * store: the scheduler, the CLI's `reminders --at` and the benchmark all call these.
 *
 * Each shift rule has a moment it falls due and a moment it stops being useful; a tick anywhere in
 * between (the minute itself, a second tick, a catch-up after downtime) finds it due until it is
 * decided, and never after. Nobody is reminded on a day that is not a workday for them, while on
 * approved leave covering that moment, before their hire date or after leaving; quiet hours hold
 * everything here until they end (approvals are sent at once elsewhere).
 */
import { isActiveOn } from "../attendance/employment.ts";
import type { PersonDay } from "../attendance/day-sheets.ts";
import { formatClock, parseClock, toLocal } from "../attendance/time.ts";
import { OPTIONAL_REMINDERS, type Employee, type Policy, type ReminderRule, type ReminderRuleSetting } from "../attendance/types.ts";
import { decisionKey, DEFAULT_SETTINGS, type NotificationSettings } from "./store.ts";

const MINUTE_MS = 60_000;

/** A rule's setting for a person's department: the company's, with the department's changes over it. */
export function ruleFor(policy: Policy, departmentCode: string | undefined, rule: ReminderRule): ReminderRuleSetting {
  const base = policy.reminders.rules[rule];
  const over = departmentCode ? policy.reminders.departments[departmentCode]?.[rule] : undefined;
  return over ? { ...base, ...over } : base;
}

/** Whether a local minute of the day falls in the quiet hours (which may wrap past midnight). */
export function inQuietHours(policy: Policy, minuteOfDay: number): boolean {
  const start = parseClock(policy.reminders.quietStart);
  const end = parseClock(policy.reminders.quietEnd);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** A person as the rules see them. */
export interface Recipient {
  employee: Employee & { leavingDate?: string | null };
  departmentCode?: string;
  settings?: NotificationSettings;
}

/** A reminder that should go now. */
export interface DueReminder {
  employeeId: number;
  rule: ReminderRule;
  /** The work date it is about: with the person and rule, what makes it once only. */
  occasion: string;
  /** What the text needs ("09:00", the missing kinds). */
  params: Record<string, string | number>;
}

/** What a tick decides: reminders to send, and ones a person turned off or is on leave for (logged as skipped). */
export interface Decisions {
  due: DueReminder[];
  optedOut: DueReminder[];
  /** Due but for approved leave covering the moment. */
  onLeave: DueReminder[];
}

/** The shift rules: each with when it falls due and until when it is useful, on one person's date. */
const SHIFT_RULES: { rule: ReminderRule; window(d: PersonDay, minutes: number): [number, number] | null }[] = [
  {
    rule: "beforeStart",
    window: (d, m) => (d.inAtMs === null && !coversMorning(d) ? [d.startMs - m * MINUTE_MS, d.startMs] : null),
  },
  {
    rule: "notCheckedIn",
    // Still worth sending until the required leaving time; after it the day is what it is.
    window: (d, m) => (d.inAtMs === null && !coversMorning(d) ? [d.lateAfterMs + m * MINUTE_MS, d.requiredOutMs] : null),
  },
  {
    rule: "notCheckedOut",
    window: (d, m) => (d.inAtMs !== null && d.outAtMs === null && !coversAfternoon(d) ? [d.requiredOutMs + m * MINUTE_MS, d.closeMs] : null),
  },
];

/** Approved leave covering a local minute of its date: the whole day, or the half it falls in (split at the rest break). */
function leaveCoversMinute(policy: Policy, d: PersonDay, minute: number): boolean {
  if (!d.leave) return false;
  if (d.leave.halfDay === null) return true;
  return (d.leave.halfDay === "am") === minute < parseClock(policy.restStart);
}

const coversMorning = (d: PersonDay) => d.leave !== null && d.leave.halfDay !== "pm";
const coversAfternoon = (d: PersonDay) => d.leave !== null && d.leave.halfDay !== "am";

/**
 * The shift reminders due at `atMs` for everyone: before the start, not checked in, not checked
 * out, over the dates in `days` (yesterday's night shift and today's). `decided` holds the keys of
 * decisions already taken (see `decisionKey`).
 */
export function dueShiftReminders(atMs: number, policy: Policy, people: readonly Recipient[], days: ReadonlyMap<number, PersonDay[]>, decided: ReadonlySet<string>): Decisions {
  const out: Decisions = { due: [], optedOut: [], onLeave: [] };
  if (inQuietHours(policy, toLocal(atMs, policy.timeZone).minuteOfDay)) return out;
  for (const p of people) {
    const list = days.get(p.employee.id);
    if (!list) continue;
    const settings = p.settings ?? DEFAULT_SETTINGS;
    for (const { rule, window } of SHIFT_RULES) {
      const setting = ruleFor(policy, p.departmentCode, rule);
      if (!setting.on) continue;
      for (const d of list) {
        if (!d.workday || !isActiveOn(p.employee, d.date)) continue;
        const w = window(d, setting.minutes ?? 0);
        // Leave closes a window that would otherwise hold now: logged as skipped for that reason.
        const held = (v: [number, number] | null) => v !== null && atMs >= v[0] && atMs < v[1];
        const onLeave = !w && d.leave !== null && held(window({ ...d, leave: null }, setting.minutes ?? 0));
        if (!onLeave && !held(w)) continue;
        if (decided.has(decisionKey(p.employee.id, rule, d.date))) continue;
        const due: DueReminder = { employeeId: p.employee.id, rule, occasion: d.date, params: shiftParams(policy, d) };
        if (onLeave) {
          out.onLeave.push(due);
          continue;
        }
        (settings.optOut.includes(rule) && OPTIONAL_REMINDERS.includes(rule) ? out.optedOut : out.due).push(due);
      }
    }
  }
  return out;
}

function shiftParams(policy: Policy, d: PersonDay): Record<string, string> {
  const clock = (ms: number) => formatClock(toLocal(ms, policy.timeZone).minuteOfDay);
  return { date: d.date, start: clock(d.startMs), end: clock(d.requiredOutMs) };
}

/**
 * Yesterday's missing punches, due at the rule's time on a person's workday for their previous
 * workday, until the quiet hours begin. `days` runs from a week or more back to today; the
 * occasion is the date with the missing punch.
 */
export function dueMissingPunches(atMs: number, policy: Policy, people: readonly Recipient[], days: ReadonlyMap<number, PersonDay[]>, today: string, decided: ReadonlySet<string>): DueReminder[] {
  const minute = toLocal(atMs, policy.timeZone).minuteOfDay;
  if (inQuietHours(policy, minute)) return [];
  const out: DueReminder[] = [];
  for (const p of people) {
    const setting = ruleFor(policy, p.departmentCode, "missingPunchYesterday");
    if (!setting.on || minute < parseClock(setting.at ?? "09:30") || !isActiveOn(p.employee, today)) continue;
    const list = days.get(p.employee.id) ?? [];
    const todayIndex = list.findIndex((d) => d.date === today);
    if (todayIndex < 0 || !list[todayIndex].workday || leaveCoversMinute(policy, list[todayIndex], minute)) continue;
    const previous = list.slice(0, todayIndex).reverse().find((d) => d.workday);
    if (!previous || previous.missing.length === 0) continue;
    if (decided.has(decisionKey(p.employee.id, "missingPunchYesterday", previous.date))) continue;
    const time = previous.missing[0] === "in" ? formatClock(toLocal(previous.startMs, policy.timeZone).minuteOfDay) : formatClock(toLocal(previous.requiredOutMs, policy.timeZone).minuteOfDay);
    out.push({ employeeId: p.employee.id, rule: "missingPunchYesterday", occasion: previous.date, params: { date: previous.date, kind: previous.missing[0], kinds: previous.missing.join(","), time } });
  }
  return out;
}
