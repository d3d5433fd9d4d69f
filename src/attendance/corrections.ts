import { DomainError } from "./errors.ts";
import { inOutPunches } from "./judge.ts";
import type { Schedule } from "./schedule.ts";
import { checkClock } from "./shifts.ts";
import type { Policy, PunchKind } from "./types.ts";
import { PUNCH_KINDS } from "./types.ts";
import { daysBetween, formatClock, isValidDate, parseClock } from "./time.ts";

/**
 * Whether a date is still within a request window of `windowDays`: at most that many whole days
 * lie between it and today. Asked the morning after a 31-day month, its first day still qualifies.
 */
export function withinWindow(date: string, today: string, windowDays: number): boolean {
  return daysBetween(date, today) - 1 <= windowDays;
}

/** What a correction request is checked against, loaded by the service. */
export interface CorrectionContext {
  today: string;
  nowMs: number;
  hireDate: string;
  policy: Pick<Policy, "correctionWindowDays" | "maxCorrectionsPerMonth">;
  /** The person's schedule around the date, and the date's index in it. */
  schedule: Schedule;
  dateIndex: number;
  /** The punches stored for the date (its work-date window). */
  dayPunches: readonly { atMs: number; kind: PunchKind }[];
  /** Pending and approved requests of the date's calendar month, and any pending one for the same date and kind. */
  monthCount: number;
  duplicateId: number | null;
}

/** A correction as asked: the work date, the kind of punch, and the clock time. */
export interface CorrectionAsk {
  date: string;
  kind: string;
  time: string;
}

/** Checks a correction request by the rules of DESIGN.md and returns the instant it would record. */
export function checkCorrection(ask: CorrectionAsk, c: CorrectionContext): { kind: PunchKind; time: string; atMs: number } {
  if (!isValidDate(ask.date)) throw new DomainError("INVALID_DATE", "The date must be a real date as YYYY-MM-DD", { field: "date" });
  if (!(PUNCH_KINDS as readonly string[]).includes(ask.kind)) throw new DomainError("INVALID_INPUT", "kind is in or out", { field: "kind" });
  const kind = ask.kind as PunchKind;
  const time = checkClock("time", ask.time);
  if (ask.date > c.today) throw new DomainError("CORRECTION_IN_FUTURE", "Only past punches can be corrected", { date: ask.date });
  if (!withinWindow(ask.date, c.today, c.policy.correctionWindowDays))
    throw new DomainError("CORRECTION_TOO_FAR_BACK", `Corrections go back at most ${c.policy.correctionWindowDays} days`, { windowDays: c.policy.correctionWindowDays });
  if (ask.date < c.hireDate || !c.schedule.workday[c.dateIndex])
    throw new DomainError("NOT_A_WORKDAY", `${ask.date} is not a working day for this person`, { date: ask.date });
  const atMs = c.schedule.instantInWindow(c.dateIndex, parseClock(time));
  if (atMs > c.nowMs) throw new DomainError("CORRECTION_IN_FUTURE", "That time has not come yet", { date: ask.date, time });
  const { inPunch, outPunch } = inOutPunches(c.dayPunches);
  const existing = kind === "in" ? inPunch : outPunch;
  if (existing)
    throw new DomainError("CORRECTION_PUNCH_EXISTS", `${ask.date} already has a${kind === "in" ? "n in" : "n out"}-punch`, {
      date: ask.date,
      kind,
      time: formatClock(c.schedule.minuteOf(c.dateIndex, existing.atMs)),
    });
  if (c.duplicateId !== null)
    throw new DomainError("CORRECTION_DUPLICATE", `Correction #${c.duplicateId} for that punch is already waiting`, { requestId: c.duplicateId });
  if (c.monthCount >= c.policy.maxCorrectionsPerMonth)
    throw new DomainError("CORRECTION_QUOTA", `At most ${c.policy.maxCorrectionsPerMonth} corrections a month`, {
      max: c.policy.maxCorrectionsPerMonth,
      month: ask.date.slice(0, 7),
    });
  return { kind, time, atMs };
}
