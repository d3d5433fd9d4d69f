import type { LeaveBalance } from "./balances.ts";
import { entitlement } from "./balances.ts";
import { compensatoryBalance, roundDays } from "./compensatory.ts";
import { compensatoryDraws, compensatoryLedger, compensatoryShortfall } from "./overtime-service.ts";
import type { WorkCalendar } from "./calendar.ts";
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { countLeaveDays, leavesOverlap } from "./leave-days.ts";
import type { Actor } from "./permissions.ts";
import { canApprove, canManageAll, canView } from "./permissions.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { NewLeave } from "./store/leave.ts";
import type { Employee, HalfDay, LeaveRequest, LeaveStatus, LeaveType, Policy } from "./types.ts";
import { LEAVE_TYPES } from "./types.ts";
import { addDays, daysBetween, isValidDate } from "./time.ts";

/** What someone asks for. */
export interface LeaveInput {
  type: string;
  startDate: string;
  endDate?: string | null;
  halfDay?: HalfDay | null;
  reason?: string | null;
}

/** What a request would draw and leave, before it is filed. */
export interface LeavePreview {
  type: LeaveType;
  startDate: string;
  endDate: string;
  halfDay: HalfDay | null;
  days: number;
  /** The balance of the start year before and after this request; null when unlimited. */
  remainingBefore: number | null;
  remainingAfter: number | null;
}

const ACTIVE: LeaveStatus[] = ["pending", "approved"];
/** A year, leap or not: longer leave is filed in parts, and the limit keeps range work bounded. */
const MAX_REQUEST_DAYS = 366;

/** The policy and calendar a check reads, loaded before its transaction opens. */
interface Rules {
  policy: Policy;
  calendar: WorkCalendar;
  today: string;
}

/** Leave requests: preview, file, cancel, approve, reject; balances. */
export class LeaveService {
  constructor(private readonly ctx: AttendanceContext) {}

  private async rules(): Promise<Rules> {
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    return { policy, calendar, today: await this.ctx.today() };
  }

  private normalize(input: LeaveInput): { type: LeaveType; startDate: string; endDate: string; halfDay: HalfDay | null } {
    if (!(LEAVE_TYPES as readonly string[]).includes(input.type))
      throw new DomainError("UNKNOWN_LEAVE_TYPE", `Unknown leave type ${input.type}; use one of ${LEAVE_TYPES.join(", ")}`);
    const startDate = input.startDate;
    const endDate = input.endDate || startDate;
    if (!isValidDate(startDate) || !isValidDate(endDate)) throw new DomainError("INVALID_DATE", "Dates must be real dates as YYYY-MM-DD");
    if (endDate < startDate) throw new DomainError("DATE_RANGE_REVERSED", "The end date is before the start date");
    const halfDay = input.halfDay ?? null;
    if (halfDay && halfDay !== "am" && halfDay !== "pm") throw new DomainError("INVALID_INPUT", "halfDay is am or pm");
    if (halfDay && endDate !== startDate) throw new DomainError("INVALID_INPUT", "A half day covers a single date");
    return { type: input.type as LeaveType, startDate, endDate, halfDay };
  }

  /** Validates a request for `target` as `actor` would file it, and says what it draws. Writes nothing. */
  async preview(actor: Actor, login: string, input: LeaveInput, options: { overdraw?: boolean } = {}): Promise<LeavePreview> {
    return this.previewIn(this.ctx.store, await this.rules(), actor, login, input, options.overdraw);
  }

  private async previewIn(store: AttendanceStore, rules: Rules, actor: Actor, login: string, input: LeaveInput, overdraw = false): Promise<LeavePreview> {
    const target = await this.ctx.visibleEmployee(actor, login, store);
    if (target.id !== actor.id && !canManageAll(actor)) throw new DomainError("FORBIDDEN", "You can only request leave for yourself");
    return this.check(store, rules, actor, target, this.normalize(input), overdraw);
  }

  private async check(store: AttendanceStore, rules: Rules, actor: Actor, target: Employee, req: ReturnType<LeaveService["normalize"]>, overdraw: boolean): Promise<LeavePreview> {
    const { calendar, policy } = rules;
    if (!canManageAll(actor) && req.startDate < addDays(rules.today, -policy.maxBackdateDays))
      throw new DomainError("LEAVE_TOO_FAR_BACK", `Leave may start at most ${policy.maxBackdateDays} days back`, { maxBackdateDays: policy.maxBackdateDays });
    if (daysBetween(req.startDate, req.endDate) >= MAX_REQUEST_DAYS)
      throw new DomainError("LEAVE_TOO_LONG", `One request covers at most ${MAX_REQUEST_DAYS} days; file longer leave in parts`, { maxDays: MAX_REQUEST_DAYS });
    if (req.startDate < target.hireDate) throw new DomainError("LEAVE_BEFORE_HIRE", `Leave cannot start before the hire date ${target.hireDate}`, { hireDate: target.hireDate });
    const days = countLeaveDays(calendar, req);
    if (days < 0.5) throw new DomainError("LEAVE_NO_WORKDAYS", "Those dates have no working day to take off");
    const clash = (await store.leave.list({ employeeIds: [target.id], from: req.startDate, to: req.endDate, statuses: ACTIVE })).find((l) => leavesOverlap(l, req));
    if (clash)
      throw new DomainError("LEAVE_OVERLAP", `Overlaps leave #${clash.id} (${clash.startDate} to ${clash.endDate}, ${clash.status})`, {
        leaveId: clash.id,
        startDate: clash.startDate,
        endDate: clash.endDate,
        status: clash.status,
      });
    if (req.type === "compensatory") return this.checkCompensatory(store, rules, actor, target, req, days, overdraw);
    let before: number | null = null;
    let after: number | null = null;
    const startYear = Number(req.startDate.slice(0, 4));
    for (let year = startYear; year <= Number(req.endDate.slice(0, 4)); year++) {
      const inYear = countLeaveDays(calendar, req, `${year}-01-01`, `${year}-12-31`);
      const balance = await this.balanceIn(store, rules, target, req.type, year);
      if (balance.remaining === null) continue;
      if (inYear > balance.remaining && !(overdraw && canManageAll(actor)))
        throw new DomainError("LEAVE_INSUFFICIENT_BALANCE", `Only ${balance.remaining} days of ${req.type} leave left in ${year}; this needs ${inYear}`, {
          type: req.type,
          remaining: balance.remaining,
          needed: inYear,
          year,
        });
      if (year === startYear) {
        before = balance.remaining;
        after = balance.remaining - inYear;
      }
    }
    return { ...req, days, remainingBefore: before, remainingAfter: after };
  }

  /** Compensatory leave must be covered by grants usable on its dates, oldest first (HR may overdraw). */
  private async checkCompensatory(store: AttendanceStore, rules: Rules, actor: Actor, target: Employee, req: ReturnType<LeaveService["normalize"]>, days: number, overdraw: boolean): Promise<LeavePreview> {
    const { grants, draws } = await compensatoryLedger(store, rules.calendar, target.id);
    const extra = compensatoryDraws(rules.calendar, [{ ...req, status: "pending" } as LeaveRequest]);
    const before = compensatoryBalance(grants, draws, req.startDate).remaining ?? 0;
    if (compensatoryShortfall(grants, draws, extra) > 0 && !(overdraw && canManageAll(actor)))
      throw new DomainError("LEAVE_INSUFFICIENT_BALANCE", `Only ${before} compensatory days usable on ${req.startDate}; this needs ${days}`, {
        type: req.type,
        remaining: before,
        needed: days,
        year: Number(req.startDate.slice(0, 4)),
      });
    return { ...req, days, remainingBefore: before, remainingAfter: roundDays(before - days) };
  }

  /**
   * Files a request (pending), for oneself, or by HR for anyone; HR may file it approved, and may
   * `overdraw` a balance when recording leave that was already taken (the remaining goes negative).
   * The overlap and balance checks and the insert run in one transaction: two requests racing
   * each other cannot both pass.
   */
  async request(actor: Actor, login: string, input: LeaveInput, options: { approve?: boolean; overdraw?: boolean } = {}): Promise<LeaveRequest> {
    const rules = await this.rules();
    const filed = await this.ctx.store.transaction(async (tx) => {
      const preview = await this.previewIn(tx, rules, actor, login, input, options.overdraw);
      const target = (await tx.people.byLogin(login))!;
      const approve = !!options.approve;
      if (approve && !canApprove(actor, target)) throw new DomainError("FORBIDDEN", "You may not approve this request");
      const leave = await tx.leave.add(pendingLeave(preview, target.id, input.reason ?? null, this.ctx.clock()));
      await this.ctx.audit(tx, actor, "request", "leave", leave.id, undefined, leave);
      return approve ? this.decideIn(tx, actor, leave.id, "approved") : leave;
    });
    // Announced once committed, so nobody hears of a request that was rolled back.
    if (filed.status === "pending") this.ctx.events.requestFiled?.({ kind: "leave", id: filed.id, employeeId: filed.employeeId });
    return filed;
  }

  /** The actor's own active request by id, or the one starting on (or covering) a date. */
  async findOwn(actor: Actor, ref: { leaveId?: number | null; startDate?: string | null }, ownOnly = false, store = this.ctx.store): Promise<LeaveRequest> {
    if (ref.leaveId) {
      const leave = await store.leave.byId(ref.leaveId);
      if (!leave || (leave.employeeId !== actor.id && (ownOnly || !canManageAll(actor)))) throw new DomainError("NOT_FOUND", `No leave request #${ref.leaveId} of yours`, { what: "leaveId", leaveId: ref.leaveId });
      return leave;
    }
    if (ref.startDate) {
      if (!isValidDate(ref.startDate)) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD");
      const mine = await store.leave.list({ employeeIds: [actor.id], from: ref.startDate, to: ref.startDate, statuses: ACTIVE });
      if (mine.length === 0) throw new DomainError("NOT_FOUND", `No pending or approved leave of yours on ${ref.startDate}`, { what: "leaveOnDate", date: ref.startDate });
      if (mine.length > 1) throw new DomainError("LEAVE_AMBIGUOUS", `Several requests cover ${ref.startDate}`, { leaveIds: mine.map((l) => l.id) });
      return mine[0];
    }
    throw new DomainError("INVALID_INPUT", "Say which leave: its number or its date", { what: "whichLeave" });
  }

  /**
   * Withdraws a pending request, or an approved one that has not started, of one's own. HR may
   * withdraw anyone's, started or not, except when `ownOnly` (the assistant acts as its user only).
   */
  async cancel(actor: Actor, ref: { leaveId?: number | null; startDate?: string | null }, options: { ownOnly?: boolean } = {}): Promise<LeaveRequest> {
    const today = await this.ctx.today();
    return this.ctx.store.transaction(async (tx) => {
      const leave = await this.findOwn(actor, ref, options.ownOnly, tx);
      if (!ACTIVE.includes(leave.status)) throw new DomainError("LEAVE_NOT_CANCELLABLE", `Leave #${leave.id} is already ${leave.status}`, { status: leave.status });
      // Cancelling leave already under way would turn the days taken into absences.
      if (!canManageAll(actor) && leave.status === "approved" && leave.startDate <= today)
        throw new DomainError("LEAVE_NOT_CANCELLABLE", "That leave has already started; ask HR to change it", { what: "taken" });
      const after = await tx.leave.setStatus(leave.id, "cancelled", leave.approverId, this.ctx.clock());
      await this.ctx.audit(tx, actor, "cancel", "leave", leave.id, leave, after);
      return after;
    });
  }

  /**
   * Replaces one of the actor's own active requests with another ("不对，改成下周四", "make it
   * Tuesday to Thursday"): the old one is withdrawn and the new one filed in one transaction with
   * one audit entry, so a failure (an overlap, the balance) leaves the old request as it was.
   */
  async amend(actor: Actor, ref: { leaveId?: number | null; startDate?: string | null }, input: LeaveInput): Promise<{ before: LeaveRequest; after: LeaveRequest }> {
    const rules = await this.rules();
    return this.ctx.store.transaction(async (tx) => {
      const old = await this.findOwn(actor, ref, true, tx);
      if (!ACTIVE.includes(old.status)) throw new DomainError("LEAVE_NOT_CANCELLABLE", `Leave #${old.id} is already ${old.status}`, { status: old.status });
      if (old.status === "approved" && old.startDate <= rules.today)
        throw new DomainError("LEAVE_NOT_CANCELLABLE", "That leave has already started; ask HR to change it", { what: "taken" });
      const before = await tx.leave.setStatus(old.id, "cancelled", old.approverId, this.ctx.clock());
      const self = (await tx.people.byId(actor.id))!;
      const preview = await this.previewIn(tx, rules, actor, self.login, input);
      const after = await tx.leave.add(pendingLeave(preview, actor.id, input.reason ?? old.reason ?? null, this.ctx.clock()));
      await this.ctx.audit(tx, actor, "amend", "leave", after.id, old, after);
      return { before, after };
    });
  }

  async decide(actor: Actor, leaveId: number, status: "approved" | "rejected"): Promise<LeaveRequest> {
    const after = await this.ctx.store.transaction((tx) => this.decideIn(tx, actor, leaveId, status));
    this.ctx.events.requestDecided?.({ kind: "leave", id: after.id, employeeId: after.employeeId, status, approverId: actor.id });
    return after;
  }

  /** A request by id as someone who may see it (its owner, their manager, HR), any status. */
  async byId(actor: Actor, leaveId: number): Promise<LeaveRequest> {
    const leave = await this.ctx.store.leave.byId(leaveId);
    const owner = leave && (await this.ctx.store.people.byId(leave.employeeId));
    if (!leave || !owner || !canView(actor, owner)) throw new DomainError("NOT_FOUND", `No leave request #${leaveId}`, { what: "leaveId", leaveId });
    return leave;
  }

  private async decideIn(tx: AttendanceStore, actor: Actor, leaveId: number, status: "approved" | "rejected"): Promise<LeaveRequest> {
    const leave = await tx.leave.byId(leaveId);
    const requester = leave && (await tx.people.byId(leave.employeeId));
    if (!leave || !requester) throw new DomainError("NOT_FOUND", `No leave request #${leaveId}`, { what: "leaveId", leaveId });
    if (actor.id === requester.id && actor.id !== 0) throw new DomainError("SELF_APPROVAL", "You cannot decide your own request");
    // To anyone who may not decide it, another team's request looks like no request at all.
    if (!canApprove(actor, requester)) throw new DomainError("NOT_FOUND", `No leave request #${leaveId} for you to decide`, { what: "leaveId", leaveId });
    if (leave.status !== "pending") throw new DomainError("LEAVE_NOT_PENDING", `Leave #${leaveId} is ${leave.status}, not pending`, { status: leave.status });
    const after = await tx.leave.setStatus(leaveId, status, actor.id || null, this.ctx.clock());
    await this.ctx.audit(tx, actor, status === "approved" ? "approve" : "reject", "leave", leaveId, leave, after);
    return after;
  }

  async list(actor: Actor, login: string, status?: LeaveStatus): Promise<LeaveRequest[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    return this.ctx.store.leave.list({ employeeIds: [target.id], statuses: status ? [status] : undefined });
  }

  /** Pending requests the actor can decide, with who asked. */
  async pendingFor(actor: Actor): Promise<(LeaveRequest & { login: string; name: string; nameEn: string })[]> {
    const [pending, people] = await Promise.all([this.ctx.store.leave.list({ statuses: ["pending"] }), this.ctx.store.people.list()]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return pending
      .map((l) => ({ leave: l, who: byId.get(l.employeeId)! }))
      .filter(({ who }) => canApprove(actor, who))
      .map(({ leave, who }) => ({ ...leave, login: who.login, name: who.name, nameEn: who.nameEn }));
  }

  /** One balance of the actor's own (or, for HR and managers, of someone they may see). */
  async balance(actor: Actor, login: string, type: LeaveType, year: number): Promise<LeaveBalance> {
    const target = await this.ctx.visibleEmployee(actor, login);
    return this.balanceIn(this.ctx.store, await this.rules(), target, type, year);
  }

  /**
   * A balance for a year. Compensatory leave has no year: its balance is the one on `at` (by
   * default today in this year, the year's last day for a past year, its first for a future one).
   */
  private async balanceIn(store: AttendanceStore, rules: Rules, target: Employee, type: LeaveType, year: number, at?: string): Promise<LeaveBalance> {
    if (type === "compensatory") {
      const thisYear = Number(rules.today.slice(0, 4));
      const on = at ?? (year === thisYear ? rules.today : year < thisYear ? `${year}-12-31` : `${year}-01-01`);
      const { grants, draws } = await compensatoryLedger(store, rules.calendar, target.id);
      return compensatoryBalance(grants, draws, on);
    }
    const [taken, granted] = await Promise.all([
      store.leave.list({ employeeIds: [target.id], from: `${year}-01-01`, to: `${year}-12-31`, statuses: ACTIVE }),
      store.leave.grantedDays(target.id, year, type),
    ]);
    let used = 0;
    let pending = 0;
    for (const l of taken) {
      if (l.type !== type) continue;
      const d = countLeaveDays(rules.calendar, l, `${year}-01-01`, `${year}-12-31`);
      if (l.status === "approved") used += d;
      else pending += d;
    }
    const entitled = entitlement(target, type, year, rules.policy, granted);
    return { type, year, entitled, used, pending, remaining: entitled === null ? null : entitled - used - pending };
  }

  async balances(actor: Actor, login: string, year?: number): Promise<LeaveBalance[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    const rules = await this.rules();
    const y = year ?? Number(rules.today.slice(0, 4));
    return Promise.all(LEAVE_TYPES.map((t) => this.balanceIn(this.ctx.store, rules, target, t, y)));
  }

  /** Every balance on a date: the yearly ones for its year, compensatory leave as it stands that day. */
  async balancesAt(actor: Actor, login: string, at: string): Promise<LeaveBalance[]> {
    if (!isValidDate(at)) throw new DomainError("INVALID_DATE", "The date must be YYYY-MM-DD", { field: "at" });
    const target = await this.ctx.visibleEmployee(actor, login);
    const rules = await this.rules();
    return Promise.all(LEAVE_TYPES.map((t) => this.balanceIn(this.ctx.store, rules, target, t, Number(at.slice(0, 4)), at)));
  }

  /**
   * HR grants extra days of a type for a year (the year's total, replacing an earlier grant);
   * compensatory days are added as a grant usable from the year's start (this year: today) for
   * the policy's expiry days. Audited.
   */
  async grant(actor: Actor, login: string, type: LeaveType, year: number, days: number): Promise<LeaveBalance> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can grant leave days");
    const target = await this.ctx.visibleEmployee(actor, login);
    // Separation of duties: a second HR person or an admin grants days to HR.
    if (target.id === actor.id) throw new DomainError("SEPARATION_OF_DUTIES", "You cannot grant yourself leave days; ask a colleague in HR or an admin");
    const rules = await this.rules();
    if (type === "compensatory") {
      const from = Number(rules.today.slice(0, 4)) === year ? rules.today : `${year}-01-01`;
      return this.ctx.store.transaction(async (tx) => {
        const g = await tx.overtime.addGrant({ employeeId: target.id, source: "hr", overtimeId: null, date: from, days: roundDays(days), expiresOn: addDays(from, rules.policy.compensatoryExpiryDays) });
        await this.ctx.audit(tx, actor, "grant", "compensatory", g.id, undefined, g);
        return this.balanceIn(tx, rules, target, type, year);
      });
    }
    return this.ctx.store.transaction(async (tx) => {
      const before = await tx.leave.grantedDays(target.id, year, type);
      await tx.leave.setGrant(target.id, year, type, days);
      await this.ctx.audit(tx, actor, "grant", "leave_grant", `${login}/${year}/${type}`, { days: before }, { days });
      return this.balanceIn(tx, rules, target, type, year);
    });
  }
}

/** The pending request a preview worked out, as the store adds it. */
function pendingLeave(preview: LeavePreview, employeeId: number, reason: string | null, createdAtMs: number): NewLeave {
  const { type, startDate, endDate, halfDay, days } = preview;
  return { employeeId, type, startDate, endDate, halfDay, days, status: "pending", reason, createdAtMs };
}
