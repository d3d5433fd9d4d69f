import type { HolidayYear, WorkCalendar } from "./calendar.ts";
import { calendarCoverage } from "./calendar.ts";
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { dayGrid } from "./day-grid.ts";
import type { Actor } from "./permissions.ts";
import { canManageAll, canSeeTeam } from "./permissions.ts";
import { judgeDays, summarizeMonth, workDateOf, workDateWindow } from "./rules.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { DayRecord, DepartmentDay, Employee, HolidayDay, Location, MemberDay, MonthlySummary, Policy, PunchMethod, PunchResult, Punch } from "./types.ts";
import { formatClock, fromLocal, isValidDate, isValidMonth, monthRange, parseClock } from "./time.ts";

export type { Clock } from "./context.ts";
// Declared with the other domain types (the web client reads them too); exported here as before.
export type { DepartmentDay, MemberDay, PunchResult } from "./types.ts";

/** Punches, summaries, team and department views, corrections, policy and holidays. */
export class AttendanceService {
  constructor(private readonly ctx: AttendanceContext) {}

  /** The instant now, by the injected clock (ms). */
  now(): number {
    return this.ctx.clock();
  }

  /** Today's date in the company's zone. */
  today(): Promise<string> {
    return this.ctx.today();
  }

  /**
   * The work policy. Readable by everyone signed in, on purpose: employees need their shift
   * times, grace and the punch midpoint, and it holds nothing personal. Changing it is HR's.
   */
  policy(_actor: Actor): Promise<Policy> {
    return this.ctx.policy();
  }

  /**
   * The statutory calendar (holidays and make-up working days). Readable by everyone signed in,
   * on purpose: it is public information every calendar view shows. Importing it is HR's.
   */
  async holidays(_actor: Actor): Promise<HolidayDay[]> {
    return this.ctx.store.holidays.all();
  }

  /** The working calendar (weekends, holidays, make-up days), readable by everyone as `holidays` is. */
  calendar(_actor: Actor): Promise<WorkCalendar> {
    return this.ctx.calendar();
  }

  /** For start-up and /api/health: which holiday years are loaded, and which needed one is missing. */
  async calendarCoverage(): Promise<{ loaded: number[]; missing: number[] }> {
    return calendarCoverage(await this.ctx.calendar(), await this.ctx.today());
  }

  /**
   * Records a punch for the signed-in employee. A second punch within the duplicate window
   * returns the first: the check and the insert run in one transaction, so two check-ins racing
   * each other record one punch.
   */
  async punch(actor: Employee, input: { method: PunchMethod; location?: Location | null }): Promise<PunchResult> {
    const ctx = this.ctx;
    const [policy, calendar] = await Promise.all([ctx.policy(), ctx.calendar()]);
    const now = ctx.clock();
    const atMs = Math.floor(now / 60_000) * 60_000;
    return ctx.store.transaction(async (tx) => {
      const last = await tx.punches.lastRecorded(actor.id);
      const duplicate = !!last && last.method !== "correction" && now - last.recordedAtMs < policy.duplicatePunchSeconds * 1000 && last.recordedAtMs <= now;
      const punch = duplicate ? last : await tx.punches.add({ employeeId: actor.id, atMs, method: input.method, location: input.location ?? null, recordedBy: actor.id }, now);
      if (!duplicate) await ctx.audit(tx, actor, "punch", "punch", punch.id, undefined, punch);
      return { punch, duplicate, ...(await this.punchFigures(tx, punch.atMs, actor, policy, calendar)) };
    });
  }

  /** What a new punch means for its work date, judged by the same rules as the month. */
  private async punchFigures(
    tx: AttendanceStore,
    atMs: number,
    employee: Employee,
    policy: Policy,
    calendar: Awaited<ReturnType<AttendanceContext["calendar"]>>,
  ): Promise<Omit<PunchResult, "punch" | "duplicate">> {
    const { date, minute } = workDateOf(atMs, policy);
    // Only the earliest punch before the midpoint and the latest after it decide a day, so the
    // rules are given just those two: a check-in costs the same however often someone punched.
    const { fromMs, toMs } = workDateWindow(date, policy);
    const punchesMs = await tx.punches.extremes(employee.id, fromMs, fromLocal(date, parseClock(policy.midpoint), policy.timeZone), toMs);
    const leaves = await tx.leave.list({ employeeIds: [employee.id], from: date, to: date, statuses: ["approved"] });
    const [day] = judgeDays({ employee, policy, calendar, punchesMs, leaves, nowMs: this.ctx.clock() }, date, date);
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
  async correctPunches(actor: Actor, login: string, instantsMs: number[], note: string | null = null): Promise<Punch[]> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can correct punches");
    const target = await this.ctx.visibleEmployee(actor, login);
    if (instantsMs.length === 0 || instantsMs.some((t) => !Number.isFinite(t)))
      throw new DomainError("INVALID_INPUT", "Give at least one valid instant");
    return this.ctx.store.transaction(async (tx) => {
      const punches: Punch[] = [];
      for (const t of instantsMs) {
        const p = await tx.punches.add({ employeeId: target.id, atMs: Math.floor(t / 60_000) * 60_000, method: "correction", recordedBy: actor.id || target.id, note }, this.ctx.clock());
        await this.ctx.audit(tx, actor, "correct", "punch", p.id, undefined, p);
        punches.push(p);
      }
      return punches;
    });
  }

  async punches(actor: Actor, login: string, from: string, to: string): Promise<Punch[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    if (!isValidDate(from) || !isValidDate(to)) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD");
    if (to < from) throw new DomainError("DATE_RANGE_REVERSED", "The end date is before the start date");
    const policy = await this.ctx.policy();
    return this.ctx.store.punches.between(target.id, workDateWindow(from, policy).fromMs, workDateWindow(to, policy).toMs);
  }

  private async judgeInput(target: Employee, from: string, to: string) {
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const [punches, leaves] = await Promise.all([
      this.ctx.store.punches.between(target.id, workDateWindow(from, policy).fromMs, workDateWindow(to, policy).toMs),
      this.ctx.store.leave.list({ employeeIds: [target.id], from, to, statuses: ["approved"] }),
    ]);
    return { employee: target, policy, calendar, punchesMs: punches.map((p) => p.atMs), leaves, nowMs: this.ctx.clock() };
  }

  async monthlySummary(actor: Actor, login: string, month: string): Promise<MonthlySummary> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const target = await this.ctx.visibleEmployee(actor, login);
    const { first, last } = monthRange(month);
    return summarizeMonth(await this.judgeInput(target, first, last), month);
  }

  /** Every day of a month judged, for the calendar view. */
  async monthDays(actor: Actor, login: string, month: string): Promise<DayRecord[]> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const target = await this.ctx.visibleEmployee(actor, login);
    const { first, last } = monthRange(month);
    return judgeDays(await this.judgeInput(target, first, last), first, last);
  }

  /**
   * Summaries of every employee the actor may see, for exports: everyone for HR, their direct
   * reports for a manager (records they may open one by one anyway).
   */
  async monthlySummaries(actor: Actor, month: string): Promise<MonthlySummary[]> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const people = await this.visibleTeam(actor);
    const { first, last } = monthRange(month);
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const [punches, leaves] = await Promise.all([
      this.ctx.store.punches.instants(null, workDateWindow(first, policy).fromMs, workDateWindow(last, policy).toMs),
      this.ctx.store.leave.list({ from: first, to: last, statuses: ["approved"] }),
    ]);
    const nowMs = this.ctx.clock();
    const grid = dayGrid(first, last, policy, calendar);
    const leavesOf = new Map<number, typeof leaves>();
    for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
    return people.map((e) =>
      summarizeMonth({ employee: e, policy, calendar, punchesMs: punches.get(e.id) ?? [], leaves: leavesOf.get(e.id) ?? [], nowMs }, month, grid),
    );
  }

  /** The people whose day a manager (their reports) or HR (everyone) can see. */
  async visibleTeam(actor: Actor): Promise<Employee[]> {
    // The admin account runs the system; it is nobody's colleague and keeps no attendance.
    if (canManageAll(actor)) return (await this.ctx.store.people.list()).filter((e) => e.role !== "admin");
    if (canSeeTeam(actor)) return this.ctx.store.people.list({ managerId: actor.id });
    throw new DomainError("FORBIDDEN", "Only managers and HR can see a team");
  }

  /** Who is in, late, on leave or not yet in on a date (default today). */
  async teamDay(actor: Actor, date?: string): Promise<MemberDay[]> {
    date ??= await this.ctx.today();
    if (!isValidDate(date)) throw new DomainError("INVALID_DATE", "Date must be YYYY-MM-DD");
    const team = (await this.visibleTeam(actor)).filter((e) => e.id !== actor.id);
    const [policy, calendar, departmentList] = await Promise.all([this.ctx.policy(), this.ctx.calendar(), this.ctx.store.people.departments()]);
    const { fromMs, toMs } = workDateWindow(date, policy);
    const [punches, leaves] = await Promise.all([
      this.ctx.store.punches.instants(team.map((e) => e.id), fromMs, toMs),
      this.ctx.store.leave.list({ employeeIds: team.map((e) => e.id), from: date, to: date, statuses: ["approved"] }),
    ]);
    const departments = new Map(departmentList.map((d) => [d.id, d]));
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
  async departmentsDay(actor: Actor, date?: string): Promise<DepartmentDay[]> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can see every department");
    const members = await this.teamDay(actor, date);
    return (await this.ctx.store.people.departments()).map((d) => {
      const people = members.filter((m) => m.department === d.name);
      const onLeave = people.filter((m) => m.status === "on-leave").length;
      const present = people.filter((m) => m.status === "in" || m.status === "late").length;
      const late = people.filter((m) => m.status === "late").length;
      const expected = people.filter((m) => m.status !== "off-day").length - onLeave;
      return { code: d.code, name: d.name, nameEn: d.nameEn, headcount: people.length, expected, present, late, onLeave, rate: expected > 0 ? present / expected : null };
    });
  }

  async setPolicy(actor: Actor, patch: Partial<Policy>): Promise<Policy> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can change the work policy");
    const before = await this.ctx.policy();
    const after = { ...before, ...patch };
    for (const k of ["shiftStart", "shiftEnd", "midpoint", "dayBoundary"] as const) {
      const m = /^(\d{1,2}):(\d{2})$/.exec(after[k]);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new DomainError("INVALID_INPUT", `${k} must be a clock time HH:MM`);
    }
    const [start, mid, end, boundary] = [after.shiftStart, after.midpoint, after.shiftEnd, after.dayBoundary].map(parseClock);
    if (!(boundary < start && start < mid && mid < end)) throw new DomainError("INVALID_INPUT", "The day boundary, shift start, midpoint and shift end must come in that order");
    await this.ctx.store.transaction(async (tx) => {
      await tx.settings.setPolicy(after);
      await this.ctx.audit(tx, actor, "update", "policy", null, before, after);
      // Dropped inside the transaction: a reader now waits for the commit and reads the new policy.
      this.ctx.invalidatePolicy();
    });
    return after;
  }

  async importHolidays(actor: Actor, year: HolidayYear): Promise<number> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can import holiday calendars");
    const bad = year.days.find((d) => !isValidDate(d.date) || !d.date.startsWith(`${year.year}-`) || typeof d.isOffDay !== "boolean");
    if (bad) throw new DomainError("INVALID_INPUT", `Bad holiday entry ${JSON.stringify(bad)}`);
    const dates = year.days.map((d) => d.date);
    const repeated = dates.find((d, i) => dates.indexOf(d) !== i);
    if (repeated) throw new DomainError("INVALID_INPUT", `${repeated} appears twice`);
    await this.ctx.store.transaction(async (tx) => {
      await tx.holidays.replaceYear(year.year, year.days);
      await this.ctx.audit(tx, actor, "import", "holidays", year.year, undefined, { days: year.days.length });
      this.ctx.invalidateCalendar();
    });
    return year.days.length;
  }
}
