/**
 * Reading a person's work dates: the schedules over a stretch (shifts, assignments, roster) and
 * the punches of one work date, through a store (a transaction's, when inside one).
 */
import type { WorkCalendar } from "./calendar.ts";
import { DateGrid, type Schedule, Schedules } from "./schedule.ts";
import { defaultShift } from "./shifts.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { Employee, Policy, Punch } from "./types.ts";
import { addDays, localDate } from "./time.ts";

const DAY_MS = 86_400_000;

/**
 * Grids already worked out, per working calendar (a new calendar, after a holiday import, starts
 * afresh): every check-in of a day reads the same few dates, and a grid's zone arithmetic is most
 * of what reading a work date costs. Grids hold only facts of the calendar and the zone.
 */
const grids = new WeakMap<WorkCalendar, Map<string, DateGrid>>();
const MAX_GRIDS_PER_CALENDAR = 64;

/** The grid of [from, to] in a zone over a calendar, made once. */
function gridOf(calendar: WorkCalendar, from: string, to: string, timeZone: string): DateGrid {
  let byKey = grids.get(calendar);
  if (!byKey) grids.set(calendar, (byKey = new Map()));
  const key = `${from}|${to}|${timeZone}`;
  let grid = byKey.get(key);
  if (!grid) {
    if (byKey.size >= MAX_GRIDS_PER_CALENDAR) byKey.clear();
    byKey.set(key, (grid = new DateGrid(from, to, timeZone, calendar)));
  }
  return grid;
}

/** Everyone's schedules over [from, to] (the people given, or everyone when null). */
export async function loadSchedules(
  store: AttendanceStore,
  policy: Policy,
  calendar: WorkCalendar,
  people: Pick<Employee, "id">[] | null,
  from: string,
  to: string,
): Promise<Schedules> {
  const grid = gridOf(calendar, from, to, policy.timeZone);
  const [shifts, assignments, roster] = await Promise.all([
    store.shifts.all(),
    store.shifts.assignments(),
    store.shifts.roster(people && people.map((p) => p.id), addDays(from, -1), addDays(to, 1)),
  ]);
  return new Schedules(grid, defaultShift(policy), shifts, assignments, roster, policy.windowLeadMinutes);
}

/** One person's work date: its schedule (with its neighbours), its index there, and its punches so far. */
export interface WorkDay {
  policy: Policy;
  schedule: Schedule;
  /** The date's index in the schedule's grid. */
  i: number;
  date: string;
  punches: Punch[];
}

/**
 * The work date an instant belongs to (`atMs`), or a given date, with its punches, for one person.
 * The policy and calendar are read by the caller before any transaction it opens: reading them
 * through the context inside one would wait for that transaction to end.
 */
export async function loadWorkDay(store: AttendanceStore, policy: Policy, calendar: WorkCalendar, person: Employee, at: { atMs: number } | { date: string }): Promise<WorkDay> {
  // An instant's work date is its own date, the day before (a night shift) or the day after (a shift opening before midnight).
  const around = "date" in at ? at.date : localDate(at.atMs, policy.timeZone);
  const schedules = await loadSchedules(store, policy, calendar, [person], addDays(around, -1), addDays(around, 1));
  const schedule = schedules.of(person);
  const i = "date" in at ? schedule.grid.indexOf(at.date) : schedule.dateIndexOf(at.atMs);
  const nearby = await store.punches.between(person.id, schedule.openMs[i] - DAY_MS, schedule.closeMs[i] + DAY_MS);
  return { policy, schedule, i, date: schedule.grid.dates[i], punches: nearby.filter((p) => schedule.dateIndexOf(p.atMs) === i) };
}
