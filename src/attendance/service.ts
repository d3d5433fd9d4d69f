import type { HolidayYear, WorkCalendar } from "./calendar.ts";
import { calendarCoverage } from "./calendar.ts";
import type { AttendanceContext } from "./context.ts";
import { isActiveDuring, isActiveOn } from "./employment.ts";
import { DomainError } from "./errors.ts";
import { judgeDays, type JudgeInput } from "./judge.ts";
import type { Actor } from "./permissions.ts";
import { canManageAll, canSeeTeam } from "./permissions.ts";
import { applyPolicyPatch } from "./policy.ts";
import { autoKind, checkInTooLate, kindChangeRefusal, punchOutcome, resolveKinds } from "./punch-kinds.ts";
import type { AttendanceStore } from "./store/index.ts";
import { summarizeMonth, type SummaryInput } from "./summary.ts";
import { coarseMapLink } from "./geo.ts";
import { checkPhoto, judgePlace, type PlaceEvidence, type PlaceRule } from "./places.ts";
import { punchFingerprint, punchInstant } from "./punch-claims.ts";
import { placeRuleOf } from "./site-service.ts";
import type { DayRecord, DepartmentDay, Employee, HolidayDay, MemberDay, MonthlySummary, Policy, Punch, PunchIntent, PunchKind, PunchMethod, PunchResult } from "./types.ts";
import { addDays, daysBetween, formatClock, isValidDate, isValidMonth, localDate, monthRange } from "./time.ts";
import { loadSchedules, loadWorkDay, type WorkDay } from "./work-days.ts";

export type { Clock } from "./context.ts";
// Declared with the other domain types (the web client reads them too); exported here as before.
export type { DepartmentDay, MemberDay, PunchResult } from "./types.ts";
export type { PersonDay } from "./day-sheets.ts";

/** A person's month as exports list it: the summary, their names, and their department's. */
export interface MonthlyReportRow {
  summary: MonthlySummary;
  name: string;
  nameEn: string;
  department: { code: string; name: string; nameEn: string } | null;
}

/** Punch requests' answers are kept this long under their idempotency keys (claims older than 72 h are refused anyway). */
const KEEP_PUNCH_REQUESTS_MS = 7 * 86_400_000;

/** What a punch brings: the kind asked for, how it was made, and where (see places.ts). */
export interface PunchInput extends PlaceEvidence {
  kind?: PunchIntent;
  method: PunchMethod;
  /** A field punch's photo, base64 (JPEG or PNG, at most 2 MB); ignored on a site. */
  photo?: string | null;
  /** When a punch queued offline was made (ms); recorded then, reviewed when it arrives late (punch-claims.ts). */
  claimedAtMs?: number | null;
  /** The client's idempotency key: a request sent again with it gets the first answer, and nothing new is recorded. */
  idempotencyKey?: string | null;
}

/** A punch as a viewer may see it: the owner and HR get the coordinates, a manager only the place and a map link at 100 m. */
export type PunchView = Punch & { mapLink: string | null };

/** Punches with their kinds, summaries, calendars, team and department views, HR's corrections, the policy and holidays. */
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
   * times, grace and the correction quota, and it holds nothing personal. Changing it is HR's.
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
   * Records a punch for the signed-in employee: `in` or `out` as asked, or `auto` (in when the
   * work date has no in-punch yet and its shift has not ended, else out). A check-in after a
   * workday's shift end is refused. A second punch within the duplicate window (of the same kind,
   * or `auto`) returns the first: the check and the insert run in one transaction. A punch queued
   * offline brings its claimed instant (see punch-claims.ts); with an idempotency key, a request
   * sent again returns the first answer and records nothing.
   */
  async punch(actor: Employee, input: PunchInput): Promise<PunchResult> {
    const ctx = this.ctx;
    const [policy, calendar, rule] = await Promise.all([ctx.policy(), ctx.calendar(), placeRuleOf(ctx.store, actor)]);
    const { idempotencyKey: key, ...request } = input;
    return ctx.store.transaction(async (tx) => {
      // Not the address: a retry may come over another network than the first try.
      const fingerprint = key ? punchFingerprint({ ...request, address: undefined }) : "";
      const stored = key ? await tx.punches.request(actor.id, key) : undefined;
      if (stored && stored.fingerprint !== fingerprint) throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for another punch: send a new key", { key });
      if (stored) return JSON.parse(stored.result) as PunchResult;
      const result = await this.punchIn(tx, actor, request, { policy, calendar, rule });
      if (key) await tx.punches.saveRequest(actor.id, key, fingerprint, JSON.stringify(result), ctx.clock(), ctx.clock() - KEEP_PUNCH_REQUESTS_MS);
      return result;
    });
  }

  /** A punch inside the caller's transaction. Judged before anything is written: a refusal (outside the sites, a mocked location, a bad claimed time) records nothing. */
  private async punchIn(tx: AttendanceStore, actor: Employee, input: PunchInput, rules: { policy: Policy; calendar: WorkCalendar; rule: PlaceRule }): Promise<PunchResult> {
    const { policy, calendar } = rules;
    const intent = input.kind ?? "auto";
    const now = this.ctx.clock();
    const { atMs, arrivedLate } = punchInstant(input.claimedAtMs, now);
    const judged = judgePlace(rules.rule, input);
    // A late arrival waits for the manager as a field punch does: it counts unless rejected.
    const place = arrivedLate ? { ...judged, review: "pending" as const } : judged;
    const photo = input.photo ? Buffer.from(input.photo, "base64") : null;
    if (photo) checkPhoto(photo);
    const last = await tx.punches.lastRecorded(actor.id);
    const window = policy.duplicatePunchSeconds * 1000;
    // A queued punch is a duplicate by its claimed minute (a queue sends several at once); a live one by when it came.
    const claimed = input.claimedAtMs !== null && input.claimedAtMs !== undefined;
    const recent = !!last && last.method !== "correction" && (claimed ? Math.abs(atMs - last.atMs) < window : now - last.recordedAtMs < window && last.recordedAtMs <= now);
    if (last && recent && (intent === "auto" || last.kind === intent)) return this.outcome(tx, actor, last, intent, true, await loadWorkDay(tx, policy, calendar, actor, { atMs: last.atMs }));
    const day = await loadWorkDay(tx, policy, calendar, actor, { atMs });
    const kind = intent === "auto" ? autoKind(day.punches, atMs, day.schedule.endMs[day.i]) : intent;
    if (intent === "in" && checkInTooLate(day.schedule, day.i, atMs)) throw this.tooLateToCheckIn(day);
    const location = input.location ?? null;
    const punch = await tx.punches.add({ employeeId: actor.id, atMs, kind, method: input.method, location, recordedBy: actor.id, place, photo: place.kind === "field" ? photo : null }, now);
    await this.ctx.audit(tx, actor, "punch", "punch", punch.id, undefined, forAudit(punch));
    return this.outcome(tx, actor, punch, intent, false, { ...day, punches: [...day.punches, punch].sort((a, b) => a.atMs - b.atMs) });
  }

  /**
   * What a punch by the actor now would mean: the kind an `auto` punch records, and whether their
   * shift has started yet (the agent takes a bare "打卡" before the start as an arrival).
   */
  async punchKindNow(actor: Employee): Promise<{ auto: PunchKind; beforeShiftStart: boolean }> {
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const atMs = Math.floor(this.ctx.clock() / 60_000) * 60_000;
    const day = await loadWorkDay(this.ctx.store, policy, calendar, actor, { atMs });
    return { auto: autoKind(day.punches, atMs, day.schedule.endMs[day.i]), beforeShiftStart: atMs < day.schedule.startMs[day.i] };
  }

  private tooLateToCheckIn(day: WorkDay): DomainError {
    const end = day.schedule.shift[day.i].end;
    return new DomainError("CHECK_IN_AFTER_SHIFT_END", `The shift ended at ${end}: check out, or ask for a correction of the check-in`, { end, date: day.date });
  }

  /** A punch's result: its work date judged with it. */
  private async outcome(store: AttendanceStore, person: Employee, punch: Punch, intent: PunchIntent, duplicate: boolean, day: WorkDay): Promise<PunchResult> {
    const leaves = await store.leave.list({ employeeIds: [person.id], from: day.date, to: day.date, statuses: ["approved"] });
    const records = judgeDays({ employee: person, policy: day.policy, schedule: day.schedule, punches: day.punches, leaves, nowMs: this.ctx.clock() });
    const record = records.find((r) => r.date === day.date)!;
    return punchOutcome(punch, intent, duplicate, record, day.schedule, day.i, day.policy);
  }

  /**
   * Changes the kind of the owner's last punch ("改成下班卡"), within the policy's minutes of
   * making it; later only a correction request can. Audited.
   */
  async changePunchKind(actor: Employee, kind?: PunchKind): Promise<PunchResult> {
    const ctx = this.ctx;
    const [policy, calendar] = await Promise.all([ctx.policy(), ctx.calendar()]);
    return ctx.store.transaction(async (tx) => {
      const last = await tx.punches.lastRecorded(actor.id);
      if (!last) throw new DomainError("NOT_FOUND", "You have no punch to change", { what: "lastPunch" });
      const refusal = kindChangeRefusal(last, actor.id, ctx.clock(), policy.punchKindChangeMinutes);
      if (refusal === "CORRECTION") throw new DomainError("PUNCH_KIND_LOCKED", "A correction's kind cannot be changed this way", { what: "correction" });
      if (refusal) throw new DomainError("PUNCH_KIND_LOCKED", `A punch can be changed only within ${policy.punchKindChangeMinutes} minutes`, { minutes: policy.punchKindChangeMinutes });
      const next = kind ?? (last.kind === "in" ? "out" : "in");
      const day = await loadWorkDay(tx, policy, calendar, actor, { atMs: last.atMs });
      if (next === last.kind) return this.outcome(tx, actor, last, next, false, day);
      if (next === "in" && checkInTooLate(day.schedule, day.i, last.atMs)) throw this.tooLateToCheckIn(day);
      await tx.punches.setKind(last.id, next);
      const after: Punch = { ...last, kind: next };
      await ctx.audit(tx, actor, "change-kind", "punch", last.id, forAudit(last), forAudit(after));
      return this.outcome(tx, actor, after, next, false, { ...day, punches: day.punches.map((p) => (p.id === last.id ? after : p)) });
    });
  }

  /**
   * HR records punches for someone (forgotten or broken punches), never for themselves; audited.
   * Bare instants and `auto` entries get their kinds as `auto` punches would, in time order.
   */
  async correctPunches(actor: Actor, login: string, entries: (number | { atMs: number; kind: PunchIntent })[], note: string | null = null): Promise<Punch[]> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can correct punches");
    const target = await this.ctx.visibleEmployee(actor, login);
    if (target.id === actor.id) throw new DomainError("FORBIDDEN", "HR cannot correct their own punches; ask a colleague", { what: "self" });
    const wanted = entries.map((e) => (typeof e === "number" ? { atMs: e, intent: "auto" as PunchIntent } : { atMs: e.atMs, intent: e.kind }));
    if (wanted.length === 0 || wanted.some((e) => !Number.isFinite(e.atMs))) throw new DomainError("INVALID_INPUT", "Give at least one valid instant");
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const dates = wanted.map((e) => localDate(e.atMs, policy.timeZone)).sort();
    if (daysBetween(dates[0], dates.at(-1)!) > 400) throw new DomainError("INVALID_INPUT", "Correct at most a year of punches at once");
    return this.ctx.store.transaction(async (tx) => {
      const schedule = (await loadSchedules(tx, policy, calendar, [target], addDays(dates[0], -1), addDays(dates.at(-1)!, 1))).of(target);
      const stored = await tx.punches.between(target.id, schedule.openMs[0], schedule.closeMs.at(-1)!);
      const kinds = resolveKinds(schedule, stored, wanted.map((e) => ({ ...e, atMs: Math.floor(e.atMs / 60_000) * 60_000 })));
      const punches: Punch[] = [];
      for (const k of kinds) {
        const p = await tx.punches.add({ employeeId: target.id, atMs: k.atMs, kind: k.kind, method: "correction", recordedBy: actor.id || target.id, note }, this.ctx.clock());
        await this.ctx.audit(tx, actor, "correct", "punch", p.id, undefined, p);
        punches.push(p);
      }
      return punches;
    });
  }

  /** A person's punches of the work dates [from, to], with their kinds. */
  async punches(actor: Actor, login: string, from: string, to: string): Promise<PunchView[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    if (!isValidDate(from) || !isValidDate(to)) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD");
    if (to < from) throw new DomainError("DATE_RANGE_REVERSED", "The end date is before the start date");
    if (daysBetween(from, to) > 400) throw new DomainError("INVALID_INPUT", "Ask for at most a year of punches");
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const schedule = (await loadSchedules(this.ctx.store, policy, calendar, [target], from, to)).of(target);
    const { firstIndex, lastIndex } = schedule.grid;
    const all = await this.ctx.store.punches.between(target.id, schedule.openMs[0], schedule.closeMs.at(-1)!);
    const exact = actor.id === target.id || canManageAll(actor);
    return all
      .filter((p) => {
        const i = schedule.dateIndexOf(p.atMs);
        return i >= firstIndex && i <= lastIndex;
      })
      .map((p) => ({ ...p, location: exact ? p.location : null, mapLink: p.location ? coarseMapLink(p.location) : null }));
  }

  /** What judging one person's month needs. */
  private async monthInput(target: Employee, month: string): Promise<SummaryInput> {
    const { first, last } = monthRange(month);
    const store = this.ctx.store;
    const [policy, calendar, recordsFrom] = await Promise.all([this.ctx.policy(), this.ctx.calendar(), this.ctx.recordsFrom()]);
    const schedule = (await loadSchedules(store, policy, calendar, [target], first, last)).of(target);
    const mine = { employeeIds: [target.id], from: first, to: last, statuses: ["approved" as const] };
    const [punches, leaves, corrections, overtime] = await Promise.all([
      store.punches.between(target.id, schedule.openMs[0], schedule.closeMs.at(-1)!),
      store.leave.list(mine),
      store.corrections.list(mine),
      store.overtime.list(mine),
    ]);
    return { employee: target, policy, schedule, punches, leaves, nowMs: this.ctx.clock(), correctionDates: corrections.map((c) => c.date), overtime, recordsFrom };
  }

  async monthlySummary(actor: Actor, login: string, month: string): Promise<MonthlySummary> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    return summarizeMonth(await this.monthInput(await this.ctx.visibleEmployee(actor, login), month));
  }

  /** Every day of a month judged, with its shift and punches, for the calendar view. */
  async monthDays(actor: Actor, login: string, month: string): Promise<DayRecord[]> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    return judgeDays(await this.monthInput(await this.ctx.visibleEmployee(actor, login), month));
  }

  /** One work date judged, with its shift and punches (today's punches for a reply, a day in the calendar). */
  async day(actor: Actor, login: string, date: string): Promise<DayRecord> {
    if (!isValidDate(date)) throw new DomainError("INVALID_DATE", "Date must be YYYY-MM-DD");
    const target = await this.ctx.visibleEmployee(actor, login);
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const day = await loadWorkDay(this.ctx.store, policy, calendar, target, { date });
    const [leaves, recordsFrom] = await Promise.all([this.ctx.store.leave.list({ employeeIds: [target.id], from: date, to: date, statuses: ["approved"] }), this.ctx.recordsFrom()]);
    return judgeDays({ employee: target, policy: day.policy, schedule: day.schedule, punches: day.punches, leaves, nowMs: this.ctx.clock(), recordsFrom }).find((d) => d.date === date)!;
  }

  /**
   * Summaries of every employee the actor may see, for exports: everyone for HR, their direct
   * reports for a manager (records they may open one by one anyway). Read in a few queries.
   */
  async monthlySummaries(actor: Actor, month: string): Promise<MonthlySummary[]> {
    if (!isValidMonth(month)) throw new DomainError("INVALID_DATE", "Month must be YYYY-MM");
    const { first, last } = monthRange(month);
    // Those who left stay in the months they worked; those hired later are not there yet.
    const people = (await this.visibleTeam(actor)).filter((e) => isActiveDuring(e, first, last));
    const store = this.ctx.store;
    const [policy, calendar, recordsFrom] = await Promise.all([this.ctx.policy(), this.ctx.calendar(), this.ctx.recordsFrom()]);
    const schedules = await loadSchedules(store, policy, calendar, null, first, last);
    const { grid } = schedules;
    const approved = { from: first, to: last, statuses: ["approved" as const] };
    const [punches, leaves, corrections, overtime] = await Promise.all([
      store.punches.byEmployee(null, grid.at(0, 0), grid.at(grid.dates.length - 1, 1440)),
      store.leave.list(approved),
      store.corrections.list(approved),
      store.overtime.list(approved),
    ]);
    const nowMs = this.ctx.clock();
    const leavesOf = groupBy(leaves);
    const correctionsOf = groupBy(corrections);
    const overtimeOf = groupBy(overtime);
    return people.map((e) =>
      summarizeMonth({
        employee: e,
        policy,
        schedule: schedules.of(e),
        punches: punches.of(e.id),
        leaves: leavesOf.get(e.id) ?? [],
        nowMs,
        correctionDates: (correctionsOf.get(e.id) ?? []).map((c) => c.date),
        overtime: overtimeOf.get(e.id) ?? [],
        recordsFrom,
      }),
    );
  }

  /** The month's summaries with whom each is about (names and department in both languages), for exports. */
  async monthlyReport(actor: Actor, month: string): Promise<MonthlyReportRow[]> {
    const [summaries, people, departments] = await Promise.all([this.monthlySummaries(actor, month), this.ctx.store.people.list(), this.ctx.store.people.departments()]);
    const byLogin = new Map(people.map((e) => [e.login, e]));
    const departmentOf = new Map(departments.map((d) => [d.id, d]));
    return summaries.map((summary) => {
      const e = byLogin.get(summary.login)!;
      const d = departmentOf.get(e.departmentId);
      return { summary, name: e.name, nameEn: e.nameEn, department: d ? { code: d.code, name: d.name, nameEn: d.nameEn } : null };
    });
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
    // Nobody is expected on a date outside their employment (before hire, after leaving).
    const team = (await this.visibleTeam(actor)).filter((e) => e.id !== actor.id && isActiveOn(e, date));
    const store = this.ctx.store;
    const [policy, calendar, departmentList] = await Promise.all([this.ctx.policy(), this.ctx.calendar(), store.people.departments()]);
    const schedules = await loadSchedules(store, policy, calendar, team, date, date);
    const { grid } = schedules;
    const [punches, leaves] = await Promise.all([
      store.punches.byEmployee(team.map((e) => e.id), grid.at(0, 0), grid.at(grid.dates.length - 1, 1440)),
      store.leave.list({ employeeIds: team.map((e) => e.id), from: date, to: date, statuses: ["approved"] }),
    ]);
    const departments = new Map(departmentList.map((d) => [d.id, d]));
    const leavesOf = groupBy(leaves);
    const nowMs = this.ctx.clock();
    return team.map((e) => {
      const input: JudgeInput = { employee: e, policy, schedule: schedules.of(e), punches: punches.of(e.id), leaves: leavesOf.get(e.id) ?? [], nowMs };
      const day = judgeDays(input).find((d) => d.date === date)!;
      return memberDay(e, departments.get(e.departmentId)?.name ?? "", day);
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

  /** Changes the policy: every field checked against its range and the others; audited. */
  async setPolicy(actor: Actor, patch: unknown): Promise<Policy> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can change the work policy");
    const before = await this.ctx.policy();
    const after = applyPolicyPatch(before, patch);
    await this.ctx.store.transaction(async (tx) => {
      await tx.settings.setPolicy(after);
      await this.ctx.audit(tx, actor, "update", "policy", null, before, after);
      // Dropped inside the transaction: a reader now waits for the commit and reads the new policy.
      this.ctx.invalidatePolicy();
    });
    return after;
  }

  /**
   * Imports a year's statutory calendar. An import that would delete days already stored for the
   * year is refused unless `replace` says so: a partial file must not silently drop holidays.
   */
  async importHolidays(actor: Actor, year: HolidayYear, options: { replace: boolean } = { replace: false }): Promise<number> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can import holiday calendars");
    const bad = year.days.find((d) => !isValidDate(d.date) || !d.date.startsWith(`${year.year}-`) || typeof d.isOffDay !== "boolean");
    if (bad) throw new DomainError("INVALID_INPUT", `Bad holiday entry ${JSON.stringify(bad)}`);
    const dates = year.days.map((d) => d.date);
    const repeated = dates.find((d, i) => dates.indexOf(d) !== i);
    if (repeated) throw new DomainError("INVALID_INPUT", `${repeated} appears twice`);
    await this.ctx.store.transaction(async (tx) => {
      const removed = (await tx.holidays.all()).filter((d) => d.date.startsWith(`${year.year}-`) && !dates.includes(d.date));
      if (removed.length > 0 && !options.replace)
        throw new DomainError("HOLIDAYS_WOULD_BE_REMOVED", `The import would remove ${removed.length} stored day(s) of ${year.year}; send replace: true to replace the year`, {
          year: year.year,
          removed: removed.length,
        });
      await tx.holidays.replaceYear(year.year, year.days);
      await this.ctx.audit(tx, actor, "import", "holidays", year.year, undefined, { days: year.days.length });
      this.ctx.invalidateCalendar();
    });
    return year.days.length;
  }
}

/** A punch as the audit log keeps it: without its coordinates, which are kept only encrypted. */
function forAudit(p: Punch): Omit<Punch, "location"> & { location: "encrypted" | null } {
  return { ...p, location: p.location ? "encrypted" : null };
}

/** Records grouped by the employee they belong to. */
function groupBy<T extends { employeeId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.employeeId);
    if (list) list.push(r);
    else out.set(r.employeeId, [r]);
  }
  return out;
}

/** One member's day as a team view shows it. An arrival late enough to count as absence still shows as late. */
function memberDay(e: Employee, department: string, day: DayRecord): MemberDay {
  const inAt = day.inMinute ?? day.outMinute;
  const late = day.lateMinutes > 0 || day.absentLate;
  const status: MemberDay["status"] = !day.workday
    ? "off-day"
    : day.leave && day.leave.days >= 1
      ? "on-leave"
      : late
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
    department,
    status,
    inAt: inAt === null ? null : formatClock(inAt),
    lateMinutes: day.lateByMinutes,
    leaveType: day.leave?.type ?? null,
  };
}
