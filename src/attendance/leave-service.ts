import type { Actor } from "../auth/permissions.ts";
import { canApprove, canManageAll } from "../auth/permissions.ts";
import type { LeaveBalance } from "./balances.ts";
import { entitlement } from "./balances.ts";
import { DomainError } from "./errors.ts";
import { countLeaveDays, leavesOverlap } from "./leave-days.ts";
import type { AttendanceContext } from "./service.ts";
import type { Employee, HalfDay, LeaveRequest, LeaveStatus, LeaveType } from "./types.ts";
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

/** Leave requests: preview, file, cancel, approve, reject; balances. */
export class LeaveService {
  constructor(readonly ctx: AttendanceContext) {}

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
  preview(actor: Actor, login: string, input: LeaveInput, options: { overdraw?: boolean } = {}): LeavePreview {
    const target = this.ctx.visibleEmployee(actor, login);
    if (target.id !== actor.id && !canManageAll(actor)) throw new DomainError("FORBIDDEN", "You can only request leave for yourself");
    return this.check(actor, target, this.normalize(input), options.overdraw);
  }

  private check(actor: Actor, target: Employee, req: ReturnType<LeaveService["normalize"]>, overdraw = false): LeavePreview {
    const calendar = this.ctx.calendar();
    const policy = this.ctx.policy();
    if (!canManageAll(actor) && req.startDate < addDays(this.ctx.today(), -policy.maxBackdateDays))
      throw new DomainError("LEAVE_TOO_FAR_BACK", `Leave may start at most ${policy.maxBackdateDays} days back`, { maxBackdateDays: policy.maxBackdateDays });
    if (daysBetween(req.startDate, req.endDate) >= MAX_REQUEST_DAYS)
      throw new DomainError("LEAVE_TOO_LONG", `One request covers at most ${MAX_REQUEST_DAYS} days; file longer leave in parts`, { maxDays: MAX_REQUEST_DAYS });
    if (req.startDate < target.hireDate) throw new DomainError("LEAVE_BEFORE_HIRE", `Leave cannot start before the hire date ${target.hireDate}`, { hireDate: target.hireDate });
    const days = countLeaveDays(calendar, req);
    if (days < 0.5) throw new DomainError("LEAVE_NO_WORKDAYS", "Those dates have no working day to take off");
    const clash = this.ctx.store
      .leaves({ employeeIds: [target.id], from: req.startDate, to: req.endDate, statuses: ACTIVE })
      .find((l) => leavesOverlap(l, req));
    if (clash)
      throw new DomainError("LEAVE_OVERLAP", `Overlaps leave #${clash.id} (${clash.startDate} to ${clash.endDate}, ${clash.status})`, {
        leaveId: clash.id,
        startDate: clash.startDate,
        endDate: clash.endDate,
        status: clash.status,
      });
    let before: number | null = null;
    let after: number | null = null;
    const startYear = Number(req.startDate.slice(0, 4));
    for (let year = startYear; year <= Number(req.endDate.slice(0, 4)); year++) {
      const inYear = countLeaveDays(calendar, req, `${year}-01-01`, `${year}-12-31`);
      const balance = this.balance(target, req.type, year);
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

  /**
   * Files a request (pending), for oneself, or by HR for anyone; HR may file it approved, and may
   * `overdraw` a balance when recording leave that was already taken (the remaining goes negative).
   */
  request(actor: Actor, login: string, input: LeaveInput, options: { approve?: boolean; overdraw?: boolean } = {}): LeaveRequest {
    return this.ctx.store.transaction(() => {
      const preview = this.preview(actor, login, input, { overdraw: options.overdraw });
      const target = this.ctx.store.employeeByLogin(login)!;
      const approve = !!options.approve;
      if (approve && !canApprove(actor, target)) throw new DomainError("FORBIDDEN", "You may not approve this request");
      const leave = this.ctx.store.addLeave({
        employeeId: target.id,
        type: preview.type,
        startDate: preview.startDate,
        endDate: preview.endDate,
        halfDay: preview.halfDay,
        days: preview.days,
        status: "pending",
        reason: input.reason ?? null,
        createdAtMs: this.ctx.clock(),
      });
      this.ctx.audit(actor, "request", "leave", leave.id, undefined, leave);
      return approve ? this.decide(actor, leave.id, "approved") : leave;
    });
  }

  /** The actor's own active request by id, or the one starting on (or covering) a date. */
  findOwn(actor: Actor, ref: { leaveId?: number | null; startDate?: string | null }, ownOnly = false): LeaveRequest {
    if (ref.leaveId) {
      const leave = this.ctx.store.leave(ref.leaveId);
      if (!leave || (leave.employeeId !== actor.id && (ownOnly || !canManageAll(actor)))) throw new DomainError("NOT_FOUND", `No leave request #${ref.leaveId} of yours`, { what: "leaveId", leaveId: ref.leaveId });
      return leave;
    }
    if (ref.startDate) {
      if (!isValidDate(ref.startDate)) throw new DomainError("INVALID_DATE", "Dates must be YYYY-MM-DD");
      const mine = this.ctx.store.leaves({ employeeIds: [actor.id], from: ref.startDate, to: ref.startDate, statuses: ACTIVE });
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
  cancel(actor: Actor, ref: { leaveId?: number | null; startDate?: string | null }, options: { ownOnly?: boolean } = {}): LeaveRequest {
    return this.ctx.store.transaction(() => {
      const leave = this.findOwn(actor, ref, options.ownOnly);
      if (!ACTIVE.includes(leave.status)) throw new DomainError("LEAVE_NOT_CANCELLABLE", `Leave #${leave.id} is already ${leave.status}`, { status: leave.status });
      // Cancelling leave already under way would turn the days taken into absences.
      if (!canManageAll(actor) && leave.status === "approved" && leave.startDate <= this.ctx.today())
        throw new DomainError("LEAVE_NOT_CANCELLABLE", "That leave has already started; ask HR to change it", { what: "taken" });
      const after = this.ctx.store.setLeaveStatus(leave.id, "cancelled", leave.approverId, this.ctx.clock());
      this.ctx.audit(actor, "cancel", "leave", leave.id, leave, after);
      return after;
    });
  }

  decide(actor: Actor, leaveId: number, status: "approved" | "rejected"): LeaveRequest {
    return this.ctx.store.transaction(() => {
      const leave = this.ctx.store.leave(leaveId);
      const requester = leave && this.ctx.store.employee(leave.employeeId);
      if (!leave || !requester) throw new DomainError("NOT_FOUND", `No leave request #${leaveId}`, { what: "leaveId", leaveId });
      if (actor.id === requester.id && actor.id !== 0) throw new DomainError("SELF_APPROVAL", "You cannot decide your own request");
      // To anyone who may not decide it, another team's request looks like no request at all.
      if (!canApprove(actor, requester)) throw new DomainError("NOT_FOUND", `No leave request #${leaveId} for you to decide`, { what: "leaveId", leaveId });
      if (leave.status !== "pending") throw new DomainError("LEAVE_NOT_PENDING", `Leave #${leaveId} is ${leave.status}, not pending`, { status: leave.status });
      const after = this.ctx.store.setLeaveStatus(leaveId, status, actor.id || null, this.ctx.clock());
      this.ctx.audit(actor, status === "approved" ? "approve" : "reject", "leave", leaveId, leave, after);
      return after;
    });
  }

  list(actor: Actor, login: string, status?: LeaveStatus): LeaveRequest[] {
    const target = this.ctx.visibleEmployee(actor, login);
    return this.ctx.store.leaves({ employeeIds: [target.id], statuses: status ? [status] : undefined });
  }

  /** Pending requests the actor can decide. */
  pendingFor(actor: Actor): (LeaveRequest & { login: string; name: string })[] {
    return this.ctx.store
      .leaves({ statuses: ["pending"] })
      .map((l) => ({ leave: l, who: this.ctx.store.employee(l.employeeId)! }))
      .filter(({ who }) => canApprove(actor, who))
      .map(({ leave, who }) => ({ ...leave, login: who.login, name: who.name }));
  }

  balance(target: Employee, type: LeaveType, year: number): LeaveBalance {
    const policy = this.ctx.policy();
    const taken = this.ctx.store.leaves({ employeeIds: [target.id], from: `${year}-01-01`, to: `${year}-12-31`, statuses: ACTIVE }).filter((l) => l.type === type);
    const calendar = this.ctx.calendar();
    let used = 0;
    let pending = 0;
    for (const l of taken) {
      const d = countLeaveDays(calendar, l, `${year}-01-01`, `${year}-12-31`);
      if (l.status === "approved") used += d;
      else pending += d;
    }
    const entitled = entitlement(target, type, year, policy, this.ctx.store.grantedDays(target.id, year, type));
    return { type, year, entitled, used, pending, remaining: entitled === null ? null : entitled - used - pending };
  }

  balances(actor: Actor, login: string, year = Number(this.ctx.today().slice(0, 4))): LeaveBalance[] {
    const target = this.ctx.visibleEmployee(actor, login);
    return LEAVE_TYPES.map((t) => this.balance(target, t, year));
  }

  /** HR grants compensatory (or extra) days for a year; audited. */
  grant(actor: Actor, login: string, type: LeaveType, year: number, days: number): LeaveBalance {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can grant leave days");
    const target = this.ctx.visibleEmployee(actor, login);
    const before = this.ctx.store.grantedDays(target.id, year, type);
    this.ctx.store.transaction(() => {
      this.ctx.store.setGrant(target.id, year, type, days);
      this.ctx.audit(actor, "grant", "leave_grant", `${login}/${year}/${type}`, { days: before }, { days });
    });
    return this.balance(target, type, year);
  }
}
