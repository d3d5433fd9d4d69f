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

/**
 * A date's in-punch (the earliest `in`) and out-punch (the latest `out` after it; any `out` when
 * there is no in), among `punches[from..to)`, or `punches[order[from..to)]` when an order is given.
 */
export function inOutPunches<P extends { atMs: number; kind: PunchKind }>(
  punches: readonly P[],
  from = 0,
  to = punches.length,
  order?: ArrayLike<number>,
): { inPunch: P | null; outPunch: P | null } {
  let inPunch: P | null = null;
  for (let k = from; k < to; k++) {
    const p = punches[order ? order[k] : k];
    if (p.kind === "in" && (!inPunch || p.atMs < inPunch.atMs)) inPunch = p;
  }
  let outPunch: P | null = null;
  for (let k = from; k < to; k++) {
    const p = punches[order ? order[k] : k];
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

const NO_COVERS: Cover[] = [];
/** The punch list of a record judged for the month summary, which reads only their counts. */
const UNLISTED: DayPunch[] = Object.freeze([]) as unknown as DayPunch[];

/**
 * One person's punches by work date, without an array per date: date i's are positions
 * `from[i + 1]` to `from[i + 2]` (excluded) of `order` (indexes into `punches`), by instant, the
 * same instant as given. `order` is null when the punches came in that order already (the store
 * hands them over by instant): the positions are then the punches' own indexes.
 */
interface PunchesByDate {
  punches: readonly JudgedPunch[];
  order: number[] | null;
  from: number[];
}

function punchesByDate(input: JudgeInput): PunchesByDate {
  const { schedule, punches } = input;
  const n = schedule.grid.dates.length;
  const from: number[] = new Array(n + 3).fill(0);
  let inOrder = true;
  let last = 0;
  for (let k = 0; k < punches.length; k++) {
    const b = bucketOf(schedule, punches[k].atMs);
    from[b + 1]++;
    if (b < last || (k > 0 && punches[k].atMs < punches[k - 1].atMs)) inOrder = false;
    last = b;
  }
  for (let b = 1; b <= n + 2; b++) from[b] += from[b - 1];
  if (inOrder) return { punches, order: null, from };
  // Otherwise placed bucket by bucket in instant order (a stable sort first).
  const byInstant = [...punches.keys()].sort((a, b) => punches[a].atMs - punches[b].atMs);
  const order: number[] = new Array(punches.length);
  const next = from.slice();
  for (const k of byInstant) order[next[bucketOf(schedule, punches[k].atMs)]++] = k;
  return { punches, order, from };
}

/** A punch's bucket in {@link punchesByDate}: its date's index + 1; 0 before the first window, one past the last date's after the last. */
function bucketOf(schedule: Schedule, atMs: number): number {
  const i = schedule.dateIndexOf(atMs);
  return i >= 0 ? i + 1 : atMs < schedule.openMs[0] ? 0 : schedule.grid.dates.length + 1;
}

/** What is handed each judged date in turn (see {@link judgeEachDay}). */
export interface DayVisitor {
  day(record: DayRecord, punchCount: number, fieldPunches: number): void;
}

/**
 * Judges each date of the schedule's grid from `from` to `to` in turn, handing `visitor` its record
 * and how many punches it has (field punches among them). `listed`: each record lists its punches;
 * otherwise its list is left empty, for the month summary, which reads only the counts (ten
 * thousand people's month is 360,000 punches it need not copy). A visitor object rather than a
 * callback: nothing is made per person but what the rules need.
 */
export function judgeEachDay(input: JudgeInput, listed: boolean, visitor: DayVisitor): void {
  const { schedule } = input;
  const { grid } = schedule;
  const byDate = punchesByDate(input);
  const { punches, order, from } = byDate;
  const covers = leaveCovers(input);
  for (let i = grid.firstIndex; i <= grid.lastIndex; i++) {
    let list = UNLISTED;
    let field = 0;
    if (listed) list = [];
    for (let k = from[i + 1]; k < from[i + 2]; k++) {
      const p = punches[order ? order[k] : k];
      if (p.place?.kind === "field") field++;
      if (listed) list.push({ id: p.id ?? null, atMs: p.atMs, minute: schedule.minuteOf(i, p.atMs), kind: p.kind, method: p.method ?? null, place: p.place?.kind ?? "none", site: p.place?.site ?? null });
    }
    visitor.day(judgeDay(input, i, byDate, list, covers.get(i) ?? NO_COVERS), from[i + 2] - from[i + 1], field);
  }
}

class DayList implements DayVisitor {
  readonly days: DayRecord[] = [];
  day(record: DayRecord): void {
    this.days.push(record);
  }
}

/** Judges each date of the schedule's grid from `from` to `to`: calendars, replies and views read these. */
export function judgeDays(input: JudgeInput): DayRecord[] {
  const list = new DayList();
  judgeEachDay(input, true, list);
  return list.days;
}

function judgeDay(input: JudgeInput, i: number, byDate: PunchesByDate, punches: DayPunch[], covers: Cover[]): DayRecord {
  const { schedule, policy } = input;
  const date = schedule.grid.dates[i];
  const shift = schedule.shift[i];
  const workday = schedule.workday[i];
  const special = schedule.grid.special[i];
  const punchCount = byDate.from[i + 2] - byDate.from[i + 1];
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
  const { inPunch, outPunch } = inOutPunches(byDate.punches, byDate.from[i + 1], byDate.from[i + 2], byDate.order ?? undefined);
  // The leaving time moves with a flexible arrival, never before the end nor past end + flex.
  const flexUsedMs = inPunch && !amLeave ? Math.min(Math.max(0, inPunch.atMs - schedule.startMs[i]), shift.flexMinutes * MINUTE_MS) : 0;
  const requiredOutMs = schedule.endMs[i] + flexUsedMs;
  const record: DayRecord = {
    date,
    workday,
    status: "normal",
    inMinute: inPunch ? schedule.minuteOf(i, inPunch.atMs) : null,
    outMinute: outPunch ? schedule.minuteOf(i, outPunch.atMs) : null,
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
    if (punchCount === 0) {
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
  record.status = dayStatus(record, punchCount, ended, started, special !== undefined);
  return record;
}

function dayStatus(r: DayRecord, punchCount: number, ended: boolean, started: boolean, makeup: boolean): DayRecord["status"] {
  if (r.absentDays > 0) return "absent";
  if (r.missingPunches > 0) return "missing-punch";
  if (r.lateMinutes > 0) return "late";
  if (r.earlyLeaveMinutes > 0) return "early-leave";
  if (r.leave) return "leave";
  if (!started) return "future";
  if (!ended) return punchCount === 0 ? "not-yet" : "normal";
  return makeup ? "makeup-workday" : "normal";
}
