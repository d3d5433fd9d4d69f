/**
 * Everyone's work dates over a short stretch, judged in a few queries, as the instants the
 * reminders compare the clock with: when the shift starts, when an arrival turns late, when the
 * person may leave, which punches are there or missing, and what approved leave waives.
 */
import type { WorkCalendar } from "./calendar.ts";
import { inOutPunches, judgeDays } from "./judge.ts";
import type { Schedule } from "./schedule.ts";
import type { AttendanceStore } from "./store/index.ts";
import { PunchesByEmployee } from "./store/punches.ts";
import type { RollEntry } from "./store/people.ts";
import type { Employee, HalfDay, Policy, PunchKind } from "./types.ts";
import { loadSchedules } from "./work-days.ts";

const MINUTE_MS = 60_000;

/** One person's work date as instants (ms since the epoch). */
export interface PersonDay {
  date: string;
  /** A working day for this person (their shift pattern, holidays, roster). */
  workday: boolean;
  startMs: number;
  /** An in-punch after this is late: start + flex + grace. */
  lateAfterMs: number;
  /** When they may leave without leaving early, given their arrival. */
  requiredOutMs: number;
  /** The date's punch window closes (24 hours after it opened). */
  closeMs: number;
  inAtMs: number | null;
  outAtMs: number | null;
  /** Approved leave that day: the whole day (null) or a half. */
  leave: { halfDay: HalfDay | null } | null;
  /** On an ended date: the punches missing (缺卡), as the month's summary counts them. */
  missing: ("in" | "out")[];
  /** The date's status as the calendar shows it (late, absent, ...). */
  status: string;
  lateMinutes: number;
}

/**
 * The people given, their dates from `from` to `to`, by employee id, oldest first. `some`: the
 * people are a few of everyone, so only their roster, punches and leave are read.
 */
export async function loadDaySheets(
  store: AttendanceStore,
  policy: Policy,
  calendar: WorkCalendar,
  people: Employee[],
  from: string,
  to: string,
  nowMs: number,
  some = false,
): Promise<Map<number, PersonDay[]>> {
  const ids = some ? people.map((e) => e.id) : null;
  const schedules = await loadSchedules(store, policy, calendar, ids && people, from, to);
  const { grid } = schedules;
  const [punches, leaves] = await Promise.all([
    store.punches.byEmployee(ids, grid.at(0, 0), grid.at(grid.dates.length - 1, 1440)),
    store.leave.list({ from, to, statuses: ["approved"], ...(ids ? { employeeIds: ids } : {}) }),
  ]);
  const leavesOf = new Map<number, typeof leaves>();
  for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
  const out = new Map<number, PersonDay[]>();
  for (const e of people) {
    const schedule = schedules.of(e);
    const records = judgeDays({ employee: e, policy, schedule, punches: punches.of(e.id), leaves: leavesOf.get(e.id) ?? [], nowMs });
    out.set(
      e.id,
      records.map((r, k) => {
        const i = grid.firstIndex + k;
        const shift = schedule.shift[i];
        const { inPunch, outPunch } = inOutPunches(r.punches);
        const half = r.leave && r.leave.days < 1 ? r.leave.halfDay : null;
        const amLeave = r.leave !== null && half !== "pm";
        const pmLeave = r.leave !== null && half !== "am";
        const ended = nowMs >= schedule.closeMs[i];
        const missing: ("in" | "out")[] = [];
        if (ended && r.workday && r.punches.length > 0 && r.date >= e.hireDate) {
          if (!inPunch && !amLeave) missing.push("in");
          if (!outPunch && !pmLeave) missing.push("out");
        }
        return {
          date: r.date,
          workday: r.workday,
          startMs: schedule.startMs[i],
          lateAfterMs: schedule.startMs[i] + (shift.flexMinutes + shift.graceMinutes) * MINUTE_MS,
          requiredOutMs: schedule.midnightMs[i] + r.requiredOutMinute * MINUTE_MS,
          closeMs: schedule.closeMs[i],
          inAtMs: inPunch?.atMs ?? null,
          outAtMs: outPunch?.atMs ?? null,
          leave: r.leave ? { halfDay: half } : null,
          missing,
          status: r.status,
          lateMinutes: r.lateMinutes,
        };
      }),
    );
  }
  return out;
}

/**
 * A first look at one person's work date: its schedule and its in- and out-punch, nothing judged
 * (no leave, no lateness). Cheap enough to take of everyone each minute, to pick the few a rule
 * could concern before judging those.
 */
export interface DayGlance {
  date: string;
  workday: boolean;
  startMs: number;
  /** An in-punch after this is late: start + flex + grace. */
  lateAfterMs: number;
  endMs: number;
  /** The latest the required leaving time can be: end + flex. */
  latestOutMs: number;
  /** The date's punch window closes. */
  closeMs: number;
  /**
   * The stretch [ownFromMs, ownToMs) of the window that no neighbouring date's window reaches:
   * a punch there certainly belongs to this date (see `Schedule.dateIndexOf`).
   */
  ownFromMs: number;
  ownToMs: number;
  /** Punches that count toward the date (0 when punches were not read). */
  punches: number;
  inAtMs: number | null;
  outAtMs: number | null;
}

/**
 * The people's dates from `from` to `to` at a glance, by employee id. People on the same schedule
 * with no punch share one list (so a glance of ten thousand people is mostly shared arrays).
 * `punches: false` reads none (workdays and shift times only).
 */
export async function glanceDays(
  store: AttendanceStore,
  policy: Policy,
  calendar: WorkCalendar,
  people: readonly RollEntry[],
  from: string,
  to: string,
  options: { punches: boolean },
): Promise<Map<number, DayGlance[]>> {
  const schedules = await loadSchedules(store, policy, calendar, null, from, to);
  const { grid } = schedules;
  const plain = new Map<Schedule, DayGlance[]>();
  const glances = (s: Schedule, punches: readonly { atMs: number; kind: PunchKind }[] = []): DayGlance[] => {
    const byDay: { atMs: number; kind: PunchKind }[][] = grid.dates.map(() => []);
    for (const p of punches) byDay[s.dateIndexOf(p.atMs)]?.push(p);
    const out: DayGlance[] = [];
    for (let i = grid.firstIndex; i <= grid.lastIndex; i++) {
      const { inPunch, outPunch } = inOutPunches(byDay[i]);
      const shift = s.shift[i];
      out.push({
        date: grid.dates[i],
        workday: s.workday[i],
        startMs: s.startMs[i],
        lateAfterMs: s.startMs[i] + (shift.flexMinutes + shift.graceMinutes) * MINUTE_MS,
        endMs: s.endMs[i],
        latestOutMs: s.endMs[i] + shift.flexMinutes * MINUTE_MS,
        closeMs: s.closeMs[i],
        ownFromMs: Math.max(s.openMs[i], s.closeMs[i - 1]),
        ownToMs: Math.min(s.closeMs[i], s.openMs[i + 1]),
        punches: byDay[i].length,
        inAtMs: inPunch?.atMs ?? null,
        outAtMs: outPunch?.atMs ?? null,
      });
    }
    return out;
  };
  const schedulesOf = new Map(people.map((e) => [e.id, schedules.of(e)]));
  const punches = options.punches ? await store.punches.byEmployee([...schedulesOf.keys()], ...punchRange(grid, new Set(schedulesOf.values()))) : new PunchesByEmployee();
  const out = new Map<number, DayGlance[]>();
  for (const e of people) {
    const s = schedulesOf.get(e.id)!;
    if (punches.has(e.id)) out.set(e.id, glances(s, punches.of(e.id)));
    else {
      let shared = plain.get(s);
      if (!shared) plain.set(s, (shared = glances(s)));
      out.set(e.id, shared);
    }
  }
  return out;
}

/**
 * The instants whose punches may belong to the judged dates of some schedule: each date's window,
 * and the gaps beside it that a nearer shift claims (see `Schedule.dateIndexOf`).
 */
function punchRange(grid: Schedule["grid"], schedules: Set<Schedule>): [number, number] {
  let from = Infinity;
  let to = -Infinity;
  for (const s of schedules) {
    from = Math.min(from, s.openMs[grid.firstIndex], s.closeMs[grid.firstIndex - 1]);
    to = Math.max(to, s.closeMs[grid.lastIndex], s.openMs[grid.lastIndex + 1]);
  }
  return from === Infinity ? [0, 0] : [from, to];
}
