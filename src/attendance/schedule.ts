import type { WorkCalendar } from "./calendar.ts";
import { shiftTimes, type ShiftTimes } from "./shifts.ts";
import type { Employee, HolidayDay, RosterEntry, Shift } from "./types.ts";
import { addDays, daysBetween, eachDate, fromLocal } from "./time.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The calendar facts of a stretch of dates, shared by everyone judged over it, with local instants
 * worked out once: judging a thousand people over a month does the zone arithmetic per date and
 * shift, not per person.
 */
export class DateGrid {
  /** From the day before `from` to the day after `to`: neighbours decide which punches near the edges are theirs. */
  readonly dates: string[];
  readonly calendarWorkday: boolean[];
  readonly special: (HolidayDay | undefined)[];
  private readonly instants = new Map<number, number>();

  constructor(
    /** The first and last date judged. */
    readonly from: string,
    readonly to: string,
    readonly timeZone: string,
    calendar: Pick<WorkCalendar, "isWorkday" | "special">,
  ) {
    this.dates = eachDate(addDays(from, -1), addDays(to, 1));
    this.calendarWorkday = this.dates.map((d) => calendar.isWorkday(d));
    this.special = this.dates.map((d) => calendar.special(d));
  }

  /** Index of the first and last judged date in `dates`. */
  get firstIndex(): number {
    return 1;
  }
  get lastIndex(): number {
    return this.dates.length - 2;
  }

  private readonly plain = new Map<string, Schedule>();
  /** A person's schedule over this grid; everyone on the same shift with no roster entry shares one. */
  schedule(usual: ShiftTimes, roster: RosterMap = new Map(), leadMinutes = 300): Schedule {
    if (roster.size > 0) return new Schedule(this, usual, roster, leadMinutes);
    const key = `${usual.code}|${usual.startMinute}|${usual.endMinute}|${usual.flexMinutes}|${usual.graceMinutes}|${leadMinutes}`;
    let s = this.plain.get(key);
    if (!s) this.plain.set(key, (s = new Schedule(this, usual, roster, leadMinutes)));
    return s;
  }

  /** Index of a date in `dates`, or -1. */
  indexOf(date: string): number {
    const i = daysBetween(this.dates[0], date);
    return i >= 0 && i < this.dates.length ? i : -1;
  }

  /** The instant `dates[i]` shows `minute` on the zone's clocks (negative or past 1440 reach the neighbours). */
  at(i: number, minute: number): number {
    const key = i * 10_000 + minute + 5_000;
    let t = this.instants.get(key);
    if (t === undefined) {
      t = fromLocal(this.dates[i], minute, this.timeZone);
      this.instants.set(key, t);
    }
    return t;
  }
}

/** A person's dated roster exceptions: a shift that day, or null for "off". */
export type RosterMap = ReadonlyMap<string, ShiftTimes | null>;

/**
 * One person's days over a grid: which are workdays, the shift of each, and the punch window of
 * each work date (it opens `leadMinutes` before the shift starts and lasts 24 hours).
 */
export class Schedule {
  readonly workday: boolean[];
  readonly shift: ShiftTimes[];
  readonly rostered: ("off" | "shift" | null)[];
  readonly midnightMs: number[];
  readonly startMs: number[];
  readonly endMs: number[];
  readonly openMs: number[];
  readonly closeMs: number[];

  constructor(
    readonly grid: DateGrid,
    /** The shift the person works unless rostered otherwise. */
    readonly usual: ShiftTimes,
    roster: RosterMap = new Map(),
    leadMinutes = 300,
  ) {
    const n = grid.dates.length;
    this.workday = new Array(n);
    this.shift = new Array(n);
    this.rostered = new Array(n);
    this.midnightMs = new Array(n);
    this.startMs = new Array(n);
    this.endMs = new Array(n);
    this.openMs = new Array(n);
    this.closeMs = new Array(n);
    for (let i = 0; i < n; i++) {
      const entry = roster.get(grid.dates[i]);
      const shift = entry ?? usual;
      this.shift[i] = shift;
      this.rostered[i] = entry === undefined ? null : entry === null ? "off" : "shift";
      this.workday[i] = entry === undefined ? grid.calendarWorkday[i] : entry !== null;
      this.midnightMs[i] = grid.at(i, 0);
      this.startMs[i] = grid.at(i, shift.startMinute);
      this.endMs[i] = grid.at(i, shift.endMinute);
      this.openMs[i] = grid.at(i, shift.startMinute - leadMinutes);
      this.closeMs[i] = this.openMs[i] + DAY_MS;
    }
  }

  /**
   * The grid index of the work date a punch belongs to: the date whose window holds it. Where two
   * windows overlap (a night shift followed by a day shift) or neither holds it (the gap a night
   * shift leaves after a day shift), the date whose shift the punch is nearer wins, the earlier on
   * a tie. -1 before the first window or after the last.
   */
  dateIndexOf(atMs: number): number {
    const open = this.openMs;
    if (atMs < open[0] || atMs >= this.closeMs[open.length - 1]) return -1;
    let lo = 0;
    let hi = open.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (open[mid] <= atMs) lo = mid;
      else hi = mid - 1;
    }
    const inOwn = atMs < this.closeMs[lo];
    if (lo > 0 && atMs < this.closeMs[lo - 1]) return inOwn ? this.nearer(lo - 1, lo, atMs) : lo - 1;
    if (inOwn) return lo;
    return lo + 1 < open.length ? this.nearer(lo, lo + 1, atMs) : lo;
  }

  private nearer(a: number, b: number, atMs: number): number {
    return this.distance(b, atMs) < this.distance(a, atMs) ? b : a;
  }

  /** How far an instant is from date i's shift (0 inside it). */
  private distance(i: number, atMs: number): number {
    return atMs < this.startMs[i] ? this.startMs[i] - atMs : atMs > this.endMs[i] ? atMs - this.endMs[i] : 0;
  }

  /** Minutes from date i's midnight to an instant. */
  minuteOf(i: number, atMs: number): number {
    return Math.floor((atMs - this.midnightMs[i]) / MINUTE_MS);
  }

  /**
   * The instant a clock time "means" on date i: the one inside its punch window (a night shift's
   * 06:00 is the next morning, a day shift's 03:00 too).
   */
  instantInWindow(i: number, minuteOfDay: number): number {
    const openMinute = this.shift[i].startMinute - Math.round((this.startMs[i] - this.openMs[i]) / MINUTE_MS);
    const minute = minuteOfDay < openMinute ? minuteOfDay + 1440 : minuteOfDay >= openMinute + 1440 ? minuteOfDay - 1440 : minuteOfDay;
    return this.grid.at(i, minute);
  }
}

/** Who works which shift unless rostered otherwise: shift codes by department id and by employee id. */
export interface ShiftAssignments {
  departments: ReadonlyMap<number, string>;
  employees: ReadonlyMap<number, string>;
}

/**
 * Everyone's schedules over one grid: the usual shift is the person's own, else their
 * department's, else the policy's default; roster entries override single dates.
 */
export class Schedules {
  private readonly times = new Map<string, ShiftTimes>();
  private readonly rosterOf = new Map<number, Map<string, ShiftTimes | null>>();

  constructor(
    readonly grid: DateGrid,
    readonly defaultShift: Shift,
    shifts: readonly Shift[],
    private readonly assignments: ShiftAssignments,
    roster: readonly RosterEntry[],
    private readonly leadMinutes: number,
  ) {
    this.times.set(defaultShift.code, shiftTimes(defaultShift));
    for (const s of shifts) if (s.code !== defaultShift.code) this.times.set(s.code, shiftTimes(s));
    for (const r of roster) {
      let map = this.rosterOf.get(r.employeeId);
      if (!map) this.rosterOf.set(r.employeeId, (map = new Map()));
      map.set(r.date, r.shiftCode === null ? null : this.shift(r.shiftCode));
    }
  }

  /** A shift's times by code; the default for a code no longer known. */
  shift(code: string): ShiftTimes {
    return this.times.get(code) ?? this.times.get(this.defaultShift.code)!;
  }

  /** The code of the shift a person works unless rostered otherwise. */
  usualCode(e: Pick<Employee, "id" | "departmentId">): string {
    const code = this.assignments.employees.get(e.id) ?? this.assignments.departments.get(e.departmentId) ?? this.defaultShift.code;
    return this.times.has(code) ? code : this.defaultShift.code;
  }

  of(e: Pick<Employee, "id" | "departmentId">): Schedule {
    return this.grid.schedule(this.shift(this.usualCode(e)), this.rosterOf.get(e.id), this.leadMinutes);
  }
}
