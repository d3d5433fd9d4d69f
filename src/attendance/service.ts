import type { Actor } from "../auth/permissions.ts";
import { canManageAll, canSeeTeam, canView } from "../auth/permissions.ts";
import type { HolidayYear } from "./calendar.ts";
import { WorkCalendar } from "./calendar.ts";
import { DomainError } from "./errors.ts";
import { dayGrid } from "./day-grid.ts";
import { judgeDays, summarizeMonth, workDateOf, workDateWindow } from "./rules.ts";
import type { AttendanceStore } from "./store.ts";
import type { DayRecord, DepartmentDay, Employee, Location, MemberDay, MonthlySummary, Policy, Punch, PunchMethod, PunchResult } from "./types.ts";
import { formatClock, fromLocal, isValidDate, isValidMonth, localDate, monthRange, parseClock } from "./time.ts";

/** A clock returning ms since epoch; injected so tests and `--now` control time. */
export type Clock = () => number;

// Declared with the other domain types (the web client reads them too); exported here as before.
export type { DepartmentDay, MemberDay, PunchResult } from "./types.ts";

/** Shared by the punch and leave services: the store, the clock, the calendar. */
export class AttendanceContext {
  private calendarCache: WorkCalendar | null = null;
  private policyCache: Policy | null = null;
  constructor(
    readonly store: AttendanceStore,
    readonly clock: Clock = Date.now,
  ) {}

  /** The work policy, read once: only setPolicy changes it, through invalidatePolicy. */
  policy(): Policy {
    return (this.policyCache ??= this.store.policy());
  }
  invalidatePolicy(): void {
    this.policyCache = null;
  }
  calendar(): WorkCalendar {
    return (this.calendarCache ??= new WorkCalendar(this.store.holidays()));
  }
  invalidateCalendar(): void {
    this.calendarCache = null;
  }
  today(): string {
    return localDate(this.clock(), this.policy().timeZone);
  }
  /** The employee `actor` may act on, or FORBIDDEN / NOT_FOUND. Unknown and forbidden look alike to non-HR. */
  visibleEmployee(actor: Actor, login: string): Employee {
    const target = this.store.employeeByLogin(login);
    if (target && canView(actor, target)) return target;
    if (!target && canManageAll(actor)) throw new DomainError("NOT_FOUND", `No employee with login ${login}`);
    throw new DomainError("FORBIDDEN", "You may not see this person's records");
  }
  audit(actor: Actor, action: string, entity: string, entityId: string | number | null, before?: unknown, after?: unknown): void {
    this.store.audit({ atMs: this.clock(), actorId: actor.id || null, action, entity, entityId, before, after });
  }
}

/** Punches, summaries, team and department views, corrections, policy and holidays. */
export class AttendanceService {
  constructor(readonly ctx: AttendanceContext) {}

  /** Records a punch for the signed-in employee. A second punch within the duplicate window returns the first. */
  punch(actor: Employee, input: { method: PunchMethod; location?: Location | null }): PunchResult {
    const ctx = this.ctx;
    const policy = ctx.policy();
    const now = ctx.clock();
    const atMs = Math.floor(now / 60_000) * 60_000;
    return ctx.store.transaction(() => {
      const last = ctx.store.lastRecordedPunch(actor.id);
      const duplicate = !!last && last.method !== "correction" && now - last.recordedAtMs < policy.duplicatePunchSeconds * 1000 && last.recordedAtMs <= now;
      const punch = duplicate ? last : ctx.store.addPunch({ employeeId: actor.id, atMs, method: input.method, location: input.location ?? null, recordedBy: actor.id }, now);
      if (!duplicate) ctx.audit(actor, "punch", "punch", punch.id, undefined, punch);
      return { punch, duplicate, ...this.punchFigures(punch.atMs, actor, policy) };
    });
  }

  /** What a new punch means for its work date, judged by the same rules as the month. */
  private punchFigures(atMs: number, employee: Employee, policy: Policy): Omit<PunchResult, "punch" | "duplicate"> {
    const { date, minute } = workDateOf(atMs, policy);
    // Only the earliest punch before the midpoint and the latest after it decide a day, so the
    // rules are given just those two: a check-in costs the same however often someone punched.
    const { fromMs, toMs } = workDateWindow(date, policy);
    const punchesMs = this.ctx.store.extremePunches(employee.id, fromMs, fromLocal(date, parseClock(policy.midpoint), policy.timeZone), toMs);
    const leaves = this.ctx.store.leaves({ employeeIds: [employee.id], from: date, to: date, statuses: ["approved"] });
    const [day] = judgeDays({ employee, policy, calendar: this.ctx.calendar(), punchesMs, leaves, nowMs: this.ctx.clock() }, date, date);
    const pmLeave = !!day.leave && day.leave.halfDay !== "am";
    const end = parseClock(policy.shiftEnd);
    const lastOut = day.outMinute === minute;
    return {
      minute,
      workDate: date,
      workday: day.workday,
      leaveCover: day.leave ? (day.leave.halfDay ?? "full") : null,
      inMinute: day.inMinute,
      outMinute: day.outMinute,
      lateMinutes: day.lateMinutes,
      earlyLeaveMinutes: day.workday && lastOut && !pmLeave && minute < end ? end - minute : 0,
    };
  }

  /** HR records punches for someone (forgotten or broken punches); audited. */
  correctPunches(actor: Actor, login: string, instantsMs: number[], note: string | null = null): Punch[] {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can correct punches");
    const target = this.ctx.visibleEmployee(actor, login);
    if (instantsMs.length === 0 || instantsMs.some((t) => !Number.isFinite(t)))
      throw new DomainError("INVALID_INPUT", "Give at least one valid instant");
    return this.ctx.store.transaction(() =>
      instantsMs.map((t) => {
        const p = this.ctx.store.addPunch(
          { employeeId: target.id, atMs: Math.floor(t / 60_000) * 60_000, method: "correction", recordedBy: actor.id || target.id, note },
          this.ctx.clock(),
        );
        this.ctx.audit(actor, "correct", "punch", p.id, undefined, p);
        return p;
      }),
    );
  }

  punches(actor: Actor, login: string, from: string, to: string): Punch[] {
    const target = this.ctx.visibleEmployee(actor, login);
    if (!isValidDate(from) || !isValidDate(to)) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD");
    if (to < from) throw new DomainError("DATE_RANGE_REVERSED", "The end date is before the start date");
    const policy = this.ctx.policy();
    return this.ctx.store.punches(target.id, workDateWindow(from, policy).fromMs, workDateWindow(to, policy).toMs);
  }

  private judgeInput(target: Employee, from: string, to: string) {
    const policy = this.ctx.policy();
    const punches = this.ctx.store.punches(target.id, workDateWindow(from, policy).fromMs, workDateWindow(to, policy).toMs);
    const leaves = this.ctx.store.leaves({ employeeIds: [target.id], from, to, statuses: ["approved"] });
    return { employee: target, policy, calendar: this.ctx.calendar(), punchesMs: punches.map((p) => p.atMs), leaves, nowMs: this.ctx.clock() };
  }

  monthlySummary(actor: Actor, login: string, month: string): MonthlySummary {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const target = this.ctx.visibleEmployee(actor, login);
    const { first, last } = monthRange(month);
    return summarizeMonth(this.judgeInput(target, first, last), month);
  }

  /** Every day of a month judged, for the calendar view. */
  monthDays(actor: Actor, login: string, month: string): DayRecord[] {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const target = this.ctx.visibleEmployee(actor, login);
    const { first, last } = monthRange(month);
    return judgeDays(this.judgeInput(target, first, last), first, last);
  }

  /** Summaries of every employee the actor may see, for exports. */
  monthlySummaries(actor: Actor, month: string): MonthlySummary[] {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const people = this.visibleTeam(actor);
    const { first, last } = monthRange(month);
    const policy = this.ctx.policy();
    const punches = this.ctx.store.punchInstants(null, workDateWindow(first, policy).fromMs, workDateWindow(last, policy).toMs);
    const leaves = this.ctx.store.leaves({ from: first, to: last, statuses: ["approved"] });
    const calendar = this.ctx.calendar();
    const nowMs = this.ctx.clock();
    const grid = dayGrid(first, last, policy, calendar);
    const leavesOf = new Map<number, typeof leaves>();
    for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
    return people.map((e) =>
      summarizeMonth({ employee: e, policy, calendar, punchesMs: punches.get(e.id) ?? [], leaves: leavesOf.get(e.id) ?? [], nowMs }, month, grid),
    );
  }

  /** The people whose day a manager (their reports) or HR (everyone) can see. */
  visibleTeam(actor: Actor): Employee[] {
    // The admin account runs the system; it is nobody's colleague and keeps no attendance.
    if (canManageAll(actor)) return this.ctx.store.employees().filter((e) => e.role !== "admin");
    if (canSeeTeam(actor)) return this.ctx.store.employees({ managerId: actor.id });
    throw new DomainError("FORBIDDEN", "Only managers and HR can see a team");
  }

  /** Who is in, late, on leave or not yet in on a date. */
  teamDay(actor: Actor, date = this.ctx.today()): MemberDay[] {
    if (!isValidDate(date)) throw new DomainError("INVALID_DATE", "Date must be YYYY-MM-DD");
    const team = this.visibleTeam(actor).filter((e) => e.id !== actor.id);
    const policy = this.ctx.policy();
    const { fromMs, toMs } = workDateWindow(date, policy);
    const punches = this.ctx.store.punchInstants(team.map((e) => e.id), fromMs, toMs);
    const leaves = this.ctx.store.leaves({ employeeIds: team.map((e) => e.id), from: date, to: date, statuses: ["approved"] });
    const departments = new Map(this.ctx.store.departments().map((d) => [d.id, d]));
    const calendar = this.ctx.calendar();
    const nowMs = this.ctx.clock();
    return team.map((e) => {
      const [day] = judgeDays({ employee: e, policy, calendar, punchesMs: punches.get(e.id) ?? [], leaves: leaves.filter((l) => l.employeeId === e.id), nowMs }, date, date);
      const dept = departments.get(e.departmentId);
      const inAt = day.inMinute ?? day.outMinute;
      const status: MemberDay["status"] = !day.workday
        ? "off-day"
        : day.leave && day.leave.days >= 1
          ? "on-leave"
          : day.lateMinutes > 0
            ? "late"
            : inAt !== null
              ? "in"
              : day.leave
                ? "on-leave"
                : day.absentDays > 0
                  ? "absent"
                  : "not-yet";
      return {
        login: e.login,
        name: e.name,
        nameEn: e.nameEn,
        department: dept?.name ?? "",
        status,
        inAt: inAt === null ? null : formatClock(inAt),
        lateMinutes: day.lateMinutes,
        leaveType: day.leave?.type ?? null,
      };
    });
  }

  /** Live attendance rate by department (HR): present / expected, where expected excludes full-day leave. */
  departmentsDay(actor: Actor, date = this.ctx.today()): DepartmentDay[] {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see every department");
    const members = this.teamDay(actor, date);
    return this.ctx.store.departments().map((d) => {
      const people = members.filter((m) => m.department === d.name);
      const onLeave = people.filter((m) => m.status === "on-leave").length;
      const present = people.filter((m) => m.status === "in" || m.status === "late").length;
      const late = people.filter((m) => m.status === "late").length;
      const expected = people.filter((m) => m.status !== "off-day").length - onLeave;
      return { code: d.code, name: d.name, nameEn: d.nameEn, headcount: people.length, expected, present, late, onLeave, rate: expected > 0 ? present / expected : null };
    });
  }

  setPolicy(actor: Actor, patch: Partial<Policy>): Policy {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can change the work policy");
    const before = this.ctx.policy();
    const after = { ...before, ...patch };
    for (const k of ["shiftStart", "shiftEnd", "midpoint", "dayBoundary"] as const) {
      const m = /^(\d{1,2}):(\d{2})$/.exec(after[k]);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new DomainError("INVALID_INPUT", `${k} must be a clock time HH:MM`);
    }
    const [start, mid, end, boundary] = [after.shiftStart, after.midpoint, after.shiftEnd, after.dayBoundary].map(parseClock);
    if (!(boundary < start && start < mid && mid < end)) throw new DomainError("INVALID_INPUT", "The day boundary, shift start, midpoint and shift end must come in that order");
    this.ctx.store.transaction(() => {
      this.ctx.store.setSetting("policy", JSON.stringify(after));
      this.ctx.audit(actor, "update", "policy", null, before, after);
    });
    this.ctx.invalidatePolicy();
    return after;
  }

  importHolidays(actor: Actor, year: HolidayYear): number {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can import holiday calendars");
    const bad = year.days.find((d) => !isValidDate(d.date) || !d.date.startsWith(`${year.year}-`) || typeof d.isOffDay !== "boolean");
    if (bad) throw new DomainError("INVALID_INPUT", `Bad holiday entry ${JSON.stringify(bad)}`);
    const dates = year.days.map((d) => d.date);
    const repeated = dates.find((d, i) => dates.indexOf(d) !== i);
    if (repeated) throw new DomainError("INVALID_INPUT", `${repeated} appears twice`);
    this.ctx.store.transaction(() => {
      this.ctx.store.replaceHolidayYear(year.year, year.days);
      this.ctx.audit(actor, "import", "holidays", year.year, undefined, { days: year.days.length });
    });
    this.ctx.invalidateCalendar();
    return year.days.length;
  }
}
