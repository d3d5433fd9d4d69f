/**
 * Everyone's work dates over a short stretch, judged in a few queries, as the instants the
 * reminders compare the clock with: when the shift starts, when an arrival turns late, when the
 * person may leave, which punches are there or missing, and what approved leave waives.
 */
import type { WorkCalendar } from "./calendar.ts";
import { inOutPunches, judgeDays } from "./judge.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { Employee, HalfDay, Policy } from "./types.ts";
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

/** Everyone's (or the people given) dates from `from` to `to`, by employee id, oldest first. */
export async function loadDaySheets(
  store: AttendanceStore,
  policy: Policy,
  calendar: WorkCalendar,
  people: Employee[],
  from: string,
  to: string,
  nowMs: number,
): Promise<Map<number, PersonDay[]>> {
  const schedules = await loadSchedules(store, policy, calendar, null, from, to);
  const { grid } = schedules;
  const [punches, leaves] = await Promise.all([
    store.punches.byEmployee(null, grid.at(0, 0), grid.at(grid.dates.length - 1, 1440)),
    store.leave.list({ from, to, statuses: ["approved"] }),
  ]);
  const leavesOf = new Map<number, typeof leaves>();
  for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
  const out = new Map<number, PersonDay[]>();
  for (const e of people) {
    const schedule = schedules.of(e);
    const records = judgeDays({ employee: e, policy, schedule, punches: punches.get(e.id) ?? [], leaves: leavesOf.get(e.id) ?? [], nowMs });
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
