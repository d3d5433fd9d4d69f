/**
 * The few a rule could concern at an instant, picked from a glance at everyone (schedules and
 * punch instants, src/attendance/day-sheets.ts) before anyone is judged. Each pick is a superset:
 * it leaves out only people the rule certainly does not concern now (not a workday, outside the
 * rule's window, the punch already there, the decision already stored), so the rules, run over
 * the picked people judged in full, decide exactly what they would over everyone.
 */
import { isActiveOn } from "../attendance/employment.ts";
import type { DayGlance } from "../attendance/day-sheets.ts";
import type { RollEntry } from "../attendance/sheet-service.ts";
import { addDays, parseClock } from "../attendance/time.ts";
import type { Policy, ReminderRule } from "../attendance/types.ts";
import { ruleFor } from "./rules.ts";
import { decisionKey, type NotificationSettings } from "./store.ts";

const MINUTE_MS = 60_000;
/** How far back the previous workday of a missing-punch reminder is looked for (a long holiday). */
export const LOOKBACK_DAYS = 12;

/**
 * Each shift rule's window on a glanced date, at its widest (leave only narrows it), and the
 * punches it waits for; `arrival`: it waits for there being no in-punch (so any in-punch of the
 * date ends it).
 */
const SHIFT_WINDOWS: { rule: ReminderRule; arrival: boolean; window(d: DayGlance, minutes: number): [number, number]; waits(d: DayGlance): boolean }[] = [
  { rule: "beforeStart", arrival: true, window: (d, m) => [d.startMs - m * MINUTE_MS, d.startMs], waits: (d) => d.inAtMs === null },
  // With no in-punch the required leaving time is the shift's end.
  { rule: "notCheckedIn", arrival: true, window: (d, m) => [d.lateAfterMs + m * MINUTE_MS, d.endMs], waits: (d) => d.inAtMs === null },
  // The required leaving time is the end or later (a flexible arrival moves it).
  { rule: "notCheckedOut", arrival: false, window: (d, m) => [d.endMs + m * MINUTE_MS, d.closeMs], waits: (d) => d.inAtMs !== null && d.outAtMs === null },
];

export interface ShiftInput {
  atMs: number;
  policy: Policy;
  roll: readonly RollEntry[];
  codes: ReadonlyMap<number, string | undefined>;
  decided: ReadonlySet<string>;
}

/**
 * The people and dates where a shift rule's window holds `atMs` and no decision is stored, from
 * their schedules alone (`days` glanced without punches). The first narrowing: at 09:10 it is
 * today for those not yet reminded, whoever has punched.
 */
export function openShiftWindows(input: ShiftInput, days: ReadonlyMap<number, DayGlance[]>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of input.roll) {
    const dates = concerning(input, e, days.get(e.id) ?? [], false);
    if (dates.length) out.set(e.id, dates);
  }
  return out;
}

/** People whose open windows all end with any in-punch, on one date, asked about together: the stretch certainly that date's. */
export interface ArrivalProbe {
  fromMs: number;
  toMs: number;
  ids: number[];
}

/**
 * The second narrowing, before anyone's punches are read: of the people with open windows (from
 * `openShiftWindows`), those whose only open windows are on one date and wait for no in-punch
 * (before the start, not checked in), grouped by the stretch that is certainly that date's. Any
 * in-punch of theirs in that stretch ends those windows, so the store can be asked, by its index,
 * for the few without one. At 09:10 that is everyone not yet reminded, asked about at once.
 */
export function arrivalProbes(input: ShiftInput, days: ReadonlyMap<number, DayGlance[]>, open: ReadonlyMap<number, string[]>): ArrivalProbe[] {
  const probes = new Map<string, ArrivalProbe>();
  for (const e of input.roll) {
    const dates = open.get(e.id);
    if (dates?.length !== 1) continue;
    const d = (days.get(e.id) ?? []).find((g) => g.date === dates[0]);
    if (!d || !SHIFT_WINDOWS.every((w) => w.arrival || !opens(input, e, d, w, false))) continue;
    const key = `${d.ownFromMs}|${d.ownToMs}`;
    const probe = probes.get(key);
    if (probe) probe.ids.push(e.id);
    else probes.set(key, { fromMs: d.ownFromMs, toMs: d.ownToMs, ids: [e.id] });
  }
  return [...probes.values()];
}

/** Of the people given, those a shift rule could concern now, given their punches (`days` glanced with them). */
export function shiftCandidates(input: ShiftInput, people: readonly RollEntry[], days: ReadonlyMap<number, DayGlance[]>): Set<number> {
  return new Set(people.filter((e) => concerning(input, e, days.get(e.id) ?? [], true).length > 0).map((e) => e.id));
}

/** The dates of a person's glance a shift rule could concern now; `punches`: their punches are known. */
function concerning(input: ShiftInput, e: RollEntry, list: DayGlance[], punches: boolean): string[] {
  const dates: string[] = [];
  for (const d of list) {
    if (!d.workday) continue;
    if (SHIFT_WINDOWS.some((w) => opens(input, e, d, w, punches)) && isActiveOn(e, d.date)) dates.push(d.date);
  }
  return dates;
}

/** Whether a shift rule's window on a person's date holds now, undecided; `punches`: the glance has them, and the rule must wait for what they show. */
function opens(input: ShiftInput, e: RollEntry, d: DayGlance, { rule, window, waits }: (typeof SHIFT_WINDOWS)[number], punches: boolean): boolean {
  const setting = ruleFor(input.policy, input.codes.get(e.departmentId), rule);
  if (!setting.on || (punches && !waits(d))) return false;
  const [from, to] = window(d, setting.minutes ?? 0);
  return input.atMs >= from && input.atMs < to && !input.decided.has(decisionKey(e.id, rule, d.date));
}

/** Who the daily rules could concern today. */
export interface DailyCandidates {
  /** Missing-punch reminders: the person and their previous workday. */
  missing: Map<number, string>;
  /** Digests: managers, HR, approvers, and those whose first workday of the month it is. */
  digest: Set<number>;
  /** Each manager's direct reports, by the manager's id. */
  teams: Map<number, number[]>;
  /** Whether any approver may get the waiting-requests digest. */
  approvers: boolean;
}

/** What one scheduler tick knows: the policy, the local day and minute, everyone on the roll. */
export interface TickFacts {
  policy: Policy;
  today: string;
  minute: number;
  roll: readonly RollEntry[];
  /** Department codes, by department id. */
  codes: ReadonlyMap<number, string | undefined>;
  settings: ReadonlyMap<number, NotificationSettings>;
}

export interface DailyInput extends TickFacts {
  lastMonth: string;
  /** Everyone's workdays, from the month's first day (or the missing-punch look-back, if earlier) to today. */
  workdays: ReadonlyMap<number, DayGlance[]>;
  decided: ReadonlySet<string>;
}

/** The people a daily rule (digest, monthly report, yesterday's missing punch) could concern now. */
export function dailyCandidates(input: DailyInput): DailyCandidates {
  const { policy, today, minute } = input;
  const out: DailyCandidates = { missing: new Map(), digest: new Set(), teams: new Map(), approvers: false };
  for (const e of input.roll) {
    if (e.managerId === null) continue;
    const team = out.teams.get(e.managerId);
    if (team) team.push(e.id);
    else out.teams.set(e.managerId, [e.id]);
  }
  const monthStart = `${today.slice(0, 7)}-01`;
  const lookback = addDays(today, -LOOKBACK_DAYS);
  // Most people share their list of days (same shift, no roster entry): each list is read once.
  const seen = new Map<DayGlance[], { previous?: DayGlance; first: boolean }>();
  const facts = (days: DayGlance[]) => {
    let f = seen.get(days);
    if (!f) seen.set(days, (f = { previous: days.slice(0, -1).reverse().find((d) => d.workday && d.date >= lookback), first: days.filter((d) => d.date >= monthStart && d.workday).length === 1 }));
    return f;
  };
  for (const e of input.roll) {
    const days = input.workdays.get(e.id) ?? [];
    const todayOf = days.at(-1);
    if (todayOf?.date !== today || !todayOf.workday || !isActiveOn(e, today)) continue;
    const code = input.codes.get(e.departmentId);
    const due = (rule: ReminderRule, occasion: string) => {
      const s = ruleFor(policy, code, rule);
      return s.on && minute >= parseClock(s.at ?? "09:00") && !input.decided.has(decisionKey(e.id, rule, occasion));
    };
    const { previous, first } = facts(days);
    if (previous && due("missingPunchYesterday", previous.date)) out.missing.set(e.id, previous.date);
    const manages = (out.teams.get(e.id)?.length ?? 0) > 0;
    const approver = manages || e.role === "hr";
    if (approver && due("approvalPending", `digest:${today}`)) out.approvers = true;
    if (
      (manages && due("teamDigest", today)) ||
      (e.role === "hr" && due("departmentDigest", today)) ||
      (approver && due("approvalPending", `digest:${today}`)) ||
      (first && due("monthlyReport", input.lastMonth) && !input.settings.get(e.id)?.optOut.includes("monthlyReport"))
    )
      out.digest.add(e.id);
  }
  return out;
}
