import { countsCalendarDays } from "./leave-days.ts";
import { outsideEmployment, type EmploymentFacts } from "./employment.ts";
import type { Schedule } from "./schedule.ts";
import type { DayPunch, DayRecord, Employee, HalfDay, LeaveRequest, LeaveType, Policy, PunchKind, PunchMethod, PunchPlace } from "./types.ts";

const MINUTE_MS = 60_000;

/** A stored punch as the rules read it. */
export interface JudgedPunch {
  atMs: number;
  kind: PunchKind;
  id?: number;
  method?: PunchMethod;
  /** Where it was judged to be (a field punch, a site). */
  place?: Pick<PunchPlace, "kind" | "site">;
}

/** Everything the rules need to judge a stretch of days for one employee. */
export interface JudgeInput {
  employee: EmploymentFacts & Pick<Employee, "login">;
  policy: Pick<Policy, "absentLateMinutes" | "absentEarlyMinutes">;
  /** The person's days: workdays, shifts and punch windows, over the stretch judged (its grid). */
  schedule: Schedule;
  /** Punches with their kinds, any order; those outside the stretch's windows are ignored. */
  punches: JudgedPunch[];
  /** Approved leave touching the stretch. */
  leaves: Pick<LeaveRequest, "type" | "startDate" | "endDate" | "halfDay">[];
  nowMs: number;
  /**
   * The first date the organisation's records cover ("YYYY-MM-DD"): days before it are
   * "no-records", neither absent nor required (a month before the product was used). Null or
   * absent: every day is judged.
   */
  recordsFrom?: string | null;
}

/** A date's in-punch (the earliest `in`) and out-punch (the latest `out` after it; any `out` when there is no in). */
export function inOutPunches<P extends { atMs: number; kind: PunchKind }>(punches: readonly P[]): { inPunch: P | null; outPunch: P | null } {
  let inPunch: P | null = null;
  for (const p of punches) if (p.kind === "in" && (!inPunch || p.atMs < inPunch.atMs)) inPunch = p;
  let outPunch: P | null = null;
  for (const p of punches) {
    if (p.kind !== "out" || (inPunch && p.atMs <= inPunch.atMs)) continue;
    if (!outPunch || p.atMs > outPunch.atMs) outPunch = p;
  }
  return { inPunch, outPunch };
}

interface Cover {
  type: LeaveType;
  halfDay: HalfDay | null;
  days: number;
}

/** What approved leave covers on each judged date (only dates that draw something). */
function leaveCovers(input: JudgeInput): Map<number, Cover[]> {
  const { schedule } = input;
  const { grid } = schedule;
  const out = new Map<number, Cover[]>();
  for (const leave of input.leaves) {
    if (leave.endDate < grid.from || leave.startDate > grid.to) continue;
    const from = grid.indexOf(leave.startDate < grid.from ? grid.from : leave.startDate);
    const to = grid.indexOf(leave.endDate > grid.to ? grid.to : leave.endDate);
    for (let i = from; i <= to; i++) {
      if (!schedule.workday[i] && !countsCalendarDays(leave.type)) continue;
      const list = out.get(i) ?? [];
      list.push({ type: leave.type, halfDay: leave.halfDay, days: leave.halfDay ? 0.5 : 1 });
      out.set(i, list);
    }
  }
  return out;
}

const byInstant = (a: { atMs: number }, b: { atMs: number }) => a.atMs - b.atMs;
const NO_COVERS: Cover[] = [];

/** Judges each date of the schedule's grid from `from` to `to`: calendars, replies and the month summary read these. */
export function judgeDays(input: JudgeInput): DayRecord[] {
  const { schedule } = input;
  const { grid } = schedule;
  const byDay: DayPunch[][] = grid.dates.map(() => []);
  for (const p of input.punches) {
    const i = schedule.dateIndexOf(p.atMs);
    if (i < grid.firstIndex || i > grid.lastIndex) continue;
    byDay[i].push({ id: p.id ?? null, atMs: p.atMs, minute: schedule.minuteOf(i, p.atMs), kind: p.kind, method: p.method ?? null, place: p.place?.kind ?? "none", site: p.place?.site ?? null });
  }
  const covers = leaveCovers(input);
  const days: DayRecord[] = [];
  for (let i = grid.firstIndex; i <= grid.lastIndex; i++) {
    const punches = byDay[i];
    if (punches.length > 1) punches.sort(byInstant);
    days.push(judgeDay(input, i, punches, covers.get(i) ?? NO_COVERS));
  }
  return days;
}

function judgeDay(input: JudgeInput, i: number, punches: DayPunch[], covers: Cover[]): DayRecord {
  const { schedule, policy } = input;
  const date = schedule.grid.dates[i];
  const shift = schedule.shift[i];
  const workday = schedule.workday[i];
  const special = schedule.grid.special[i];
  // Most days draw no leave: then nothing below needs the covers walked (a month of ten thousand people is 300,000 days).
  let leaveDays = 0;
  let fullLeave = false;
  let amLeave = false;
  let pmLeave = false;
  for (const c of covers) {
    leaveDays += c.days;
    if (!c.halfDay) fullLeave = true;
    else if (c.halfDay === "am") amLeave = true;
    else if (c.halfDay === "pm") pmLeave = true;
  }
  fullLeave ||= leaveDays >= 1;
  amLeave ||= fullLeave;
  pmLeave ||= fullLeave;
  const { inPunch, outPunch } = inOutPunches(punches);
  // The leaving time moves with a flexible arrival, never before the end nor past end + flex.
  const flexUsedMs = inPunch && !amLeave ? Math.min(Math.max(0, inPunch.atMs - schedule.startMs[i]), shift.flexMinutes * MINUTE_MS) : 0;
  const requiredOutMs = schedule.endMs[i] + flexUsedMs;
  const record: DayRecord = {
    date,
    workday,
    status: "normal",
    inMinute: inPunch?.minute ?? null,
    outMinute: outPunch?.minute ?? null,
    lateMinutes: 0,
    earlyLeaveMinutes: 0,
    missingPunches: 0,
    absentDays: 0,
    leave: covers.length ? { type: covers[0].type, days: Math.min(1, leaveDays), halfDay: fullLeave ? null : covers[0].halfDay } : null,
    leaveByType: {},
    holidayName: special?.name ?? null,
    shiftCode: shift.code,
    shiftStart: shift.start,
    shiftEnd: shift.end,
    rostered: schedule.rostered[i],
    punches,
    lateByMinutes: 0,
    absentLate: false,
    absentEarly: false,
    requiredOutMinute: schedule.minuteOf(i, requiredOutMs),
  };
  for (const c of covers) record.leaveByType[c.type] = (record.leaveByType[c.type] ?? 0) + c.days;

  // The record is settled here on these dates: its status is set in place rather than on a copy.
  const outside = outsideEmployment(input.employee, date);
  if (outside) {
    record.status = outside;
    return record;
  }
  if (input.recordsFrom && date < input.recordsFrom) {
    record.status = "no-records";
    return record;
  }
  if (!workday) {
    record.status = special?.isOffDay ? "holiday" : record.leave ? "leave" : "weekend";
    return record;
  }

  const started = input.nowMs >= schedule.openMs[i];
  const ended = input.nowMs >= schedule.closeMs[i];
  // The in-punch is the earliest `in`, so lateness is final as soon as it exists.
  if (inPunch && !amLeave) {
    const late = Math.floor((inPunch.atMs - schedule.startMs[i]) / MINUTE_MS) - shift.flexMinutes;
    if (late > shift.graceMinutes) {
      record.lateByMinutes = late;
      if (policy.absentLateMinutes > 0 && late >= policy.absentLateMinutes) record.absentLate = true;
      else record.lateMinutes = late;
    }
  }
  if (ended) {
    if (punches.length === 0) {
      record.absentDays = fullLeave ? 0 : amLeave || pmLeave ? 0.5 : 1;
    } else {
      if (!inPunch && !amLeave) record.missingPunches++;
      if (!outPunch && !pmLeave) record.missingPunches++;
      if (outPunch && !pmLeave && outPunch.atMs < requiredOutMs) {
        const early = Math.ceil((requiredOutMs - outPunch.atMs) / MINUTE_MS);
        if (policy.absentEarlyMinutes > 0 && early >= policy.absentEarlyMinutes) record.absentEarly = true;
        else record.earlyLeaveMinutes = early;
      }
    }
  }
  record.absentDays += (record.absentLate ? 0.5 : 0) + (record.absentEarly ? 0.5 : 0);
  record.status = dayStatus(record, ended, started, special !== undefined);
  return record;
}

function dayStatus(r: DayRecord, ended: boolean, started: boolean, makeup: boolean): DayRecord["status"] {
  if (r.absentDays > 0) return "absent";
  if (r.missingPunches > 0) return "missing-punch";
  if (r.lateMinutes > 0) return "late";
  if (r.earlyLeaveMinutes > 0) return "early-leave";
  if (r.leave) return "leave";
  if (!started) return "future";
  if (!ended) return r.punches.length === 0 ? "not-yet" : "normal";
  return makeup ? "makeup-workday" : "normal";
}
