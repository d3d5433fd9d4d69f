import type { WorkCalendar } from "./calendar.ts";
import { allocateCompensatory, type CompensatoryDraw, grantForOvertime, roundDays } from "./compensatory.ts";
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { leaveDaysByDate } from "./leave-days.ts";
import { overtimeCategory, overtimeInterval, overtimeMinutes } from "./overtime.ts";
import type { Actor } from "./permissions.ts";
import { canApprove, canView } from "./permissions.ts";
import { loadSchedules } from "./work-days.ts";
import { checkClock } from "./shifts.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { CompensatoryGrant, Employee, LeaveRequest, OvertimeCategory, OvertimeCompensation, OvertimeRequest, Policy, RequestStatus } from "./types.ts";
import { OVERTIME_COMPENSATIONS } from "./types.ts";
import { isValidDate } from "./time.ts";

const ACTIVE: RequestStatus[] = ["pending", "approved"];

/** What someone asks for: a date, a clock interval, and how it is paid back. */
export interface OvertimeAsk {
  date: string;
  start: string;
  end: string;
  /** Default: compensatory leave for a rest day, pay for a workday or a statutory holiday (as the labour law pays them). */
  compensation?: string | null;
  reason?: string | null;
}

/** An overtime request as a manager's queue shows it: with who asked. */
export type OvertimeForApproval = OvertimeRequest & { login: string; name: string; nameEn: string };

/** The days compensatory leave draws on each date, pending and approved. */
export function compensatoryDraws(calendar: Pick<WorkCalendar, "isWorkday">, leaves: LeaveRequest[]): CompensatoryDraw[] {
  const draws: CompensatoryDraw[] = [];
  for (const l of leaves) {
    if (l.type !== "compensatory" || (l.status !== "pending" && l.status !== "approved")) continue;
    for (const [date, cover] of leaveDaysByDate(calendar as WorkCalendar, l)) draws.push({ date, days: cover.days, status: l.status });
  }
  return draws;
}

/** A person's compensatory grants and the leave drawing on them, read through `store`. */
export async function compensatoryLedger(store: AttendanceStore, calendar: WorkCalendar, employeeId: number) {
  const [grants, leaves] = await Promise.all([store.overtime.grants(employeeId), store.leave.list({ employeeIds: [employeeId], statuses: ACTIVE })]);
  return { grants, draws: compensatoryDraws(calendar, leaves) };
}

/** Overtime requests (加班) and the compensatory leave (调休) they grant. */
export class OvertimeService {
  constructor(private readonly ctx: AttendanceContext) {}

  /** Minutes and category of an interval on a person's date, by their schedule that day. */
  private async figures(store: AttendanceStore, person: Employee, policy: Policy, calendar: WorkCalendar, ask: { date: string; start: string; end: string }): Promise<{ minutes: number; category: OvertimeCategory }> {
    const schedules = await loadSchedules(store, policy, calendar, [person], ask.date, ask.date);
    const s = schedules.of(person);
    const i = s.grid.indexOf(ask.date);
    const day = { workday: s.workday[i], shift: s.shift[i], special: s.grid.special[i] };
    const previous = { workday: s.workday[i - 1], shift: s.shift[i - 1] };
    return { minutes: overtimeMinutes(ask, day, policy, previous), category: overtimeCategory(day) };
  }

  /** Files overtime for the actor themself. */
  async request(actor: Actor, ask: OvertimeAsk): Promise<OvertimeRequest> {
    const ctx = this.ctx;
    if (!isValidDate(ask.date)) throw new DomainError("INVALID_DATE", "The date must be a real date as YYYY-MM-DD", { field: "date" });
    const start = checkClock("start", ask.start);
    const end = checkClock("end", ask.end);
    if (ask.compensation && !(OVERTIME_COMPENSATIONS as readonly string[]).includes(ask.compensation))
      throw new DomainError("INVALID_INPUT", "compensation is leave or pay", { field: "compensation" });
    const [policy, calendar] = await Promise.all([ctx.policy(), ctx.calendar()]);
    const filed = await ctx.store.transaction(async (tx) => {
      const person = await tx.people.byId(actor.id);
      if (!person) throw new DomainError("FORBIDDEN", "Only employees can file overtime");
      if (ask.date < person.hireDate) throw new DomainError("NOT_A_WORKDAY", `${ask.date} is before the hire date`, { date: ask.date });
      const { minutes, category } = await this.figures(tx, person, policy, calendar, { date: ask.date, start, end });
      if (minutes <= 0) throw new DomainError("OVERTIME_NO_HOURS", "That time is all within the shift or the break", { date: ask.date });
      const [from, to] = overtimeInterval(start, end);
      const clash = (await tx.overtime.list({ employeeIds: [person.id], from: ask.date, to: ask.date, statuses: ACTIVE })).find((o) => {
        const [a, b] = overtimeInterval(o.start, o.end);
        return a < to && from < b;
      });
      if (clash) throw new DomainError("OVERTIME_OVERLAP", `Overlaps overtime #${clash.id}`, { date: ask.date, requestId: clash.id });
      const compensation = (ask.compensation as OvertimeCompensation | null | undefined) ?? (category === "restDay" ? "leave" : "pay");
      const reason = ask.reason?.trim() ? ask.reason.trim().slice(0, 500) : null;
      const filed = await tx.overtime.add({ employeeId: person.id, date: ask.date, start, end, compensation, reason, minutes, category, status: "pending", createdAtMs: ctx.clock() });
      await ctx.audit(tx, actor, "request", "overtime", filed.id, undefined, filed);
      return filed;
    });
    // Announced once committed, so nobody hears of a request that was rolled back.
    ctx.events.requestFiled?.({ kind: "overtime", id: filed.id, employeeId: filed.employeeId });
    return filed;
  }

  /** Approves or rejects pending overtime; approving `leave` grants compensatory days. */
  async decide(actor: Actor, id: number, status: "approved" | "rejected", comment: string | null = null): Promise<OvertimeRequest> {
    const ctx = this.ctx;
    const [policy, calendar] = await Promise.all([ctx.policy(), ctx.calendar()]);
    const decided = await ctx.store.transaction(async (tx) => {
      const request = await tx.overtime.byId(id);
      const requester = request && (await tx.people.byId(request.employeeId));
      if (!request || !requester) throw new DomainError("NOT_FOUND", `No overtime request #${id}`, { what: "requestId", requestId: id });
      if (actor.id === requester.id && actor.id !== 0) throw new DomainError("SELF_APPROVAL", "You cannot decide your own request");
      if (!canApprove(actor, requester)) throw new DomainError("NOT_FOUND", `No overtime request #${id} for you to decide`, { what: "requestId", requestId: id });
      if (request.status !== "pending") throw new DomainError("REQUEST_NOT_PENDING", `Overtime #${id} is ${request.status}`, { status: request.status });
      // Judged again as the schedule stands now: a roster changed since filing changes the hours.
      const figures = status === "approved" ? await this.figures(tx, requester, policy, calendar, request) : undefined;
      const decision = { status, approverId: actor.id || null, comment: comment?.trim() ? comment.trim().slice(0, 500) : null, decidedMs: ctx.clock() };
      const after = await tx.overtime.decide(id, decision, figures);
      if (status === "approved" && after.compensation === "leave" && after.minutes > 0) {
        const grant = await tx.overtime.addGrant({ employeeId: requester.id, source: "overtime", overtimeId: id, date: after.date, ...grantForOvertime(after, policy) });
        await ctx.audit(tx, actor, "grant", "compensatory", grant.id, undefined, grant);
      }
      await ctx.audit(tx, actor, status === "approved" ? "approve" : "reject", "overtime", id, request, after);
      return after;
    });
    ctx.events.requestDecided?.({ kind: "overtime", id, employeeId: decided.employeeId, status, approverId: actor.id });
    return decided;
  }

  /** An overtime request by id as someone who may see it (its owner, their manager, HR), any status. */
  async byId(actor: Actor, id: number): Promise<OvertimeRequest> {
    const request = await this.ctx.store.overtime.byId(id);
    const owner = request && (await this.ctx.store.people.byId(request.employeeId));
    if (!request || !owner || !canView(actor, owner)) throw new DomainError("NOT_FOUND", `No overtime request #${id}`, { what: "requestId", requestId: id });
    return request;
  }

  /** Withdraws one's own pending overtime. */
  async cancel(actor: Actor, id: number): Promise<OvertimeRequest> {
    const ctx = this.ctx;
    return ctx.store.transaction(async (tx) => {
      const request = await tx.overtime.byId(id);
      if (!request || request.employeeId !== actor.id) throw new DomainError("NOT_FOUND", `No overtime request #${id} of yours`, { what: "requestId", requestId: id });
      if (request.status !== "pending") throw new DomainError("REQUEST_NOT_PENDING", `Overtime #${id} is ${request.status}`, { status: request.status });
      const after = await tx.overtime.decide(id, { status: "cancelled", approverId: null, comment: null, decidedMs: ctx.clock() });
      await ctx.audit(tx, actor, "cancel", "overtime", id, request, after);
      return after;
    });
  }

  /** One's own pending overtime on a date (the newest), to withdraw it by date. */
  async pendingOn(actor: Actor, date: string): Promise<OvertimeRequest> {
    const found = (await this.ctx.store.overtime.list({ employeeIds: [actor.id], from: date, to: date, statuses: ["pending"] })).at(-1);
    if (!found) throw new DomainError("NOT_FOUND", `No pending overtime of yours on ${date}`, { what: "requestOnDate", date });
    return found;
  }

  async list(actor: Actor, login: string, status?: RequestStatus): Promise<OvertimeRequest[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    return (await this.ctx.store.overtime.list({ employeeIds: [target.id], statuses: status ? [status] : undefined })).reverse();
  }

  async pendingFor(actor: Actor): Promise<OvertimeForApproval[]> {
    const out: OvertimeForApproval[] = [];
    for (const o of await this.ctx.store.overtime.list({ statuses: ["pending"] })) {
      const who = await this.ctx.store.people.byId(o.employeeId);
      if (who && who.id !== actor.id && canApprove(actor, who)) out.push({ ...o, login: who.login, name: who.name, nameEn: who.nameEn });
    }
    return out;
  }
}

/** Whether adding `extra` draws leaves some compensatory leave uncovered that was covered before. */
export function compensatoryShortfall(grants: CompensatoryGrant[], draws: CompensatoryDraw[], extra: CompensatoryDraw[]): number {
  const sum = (d: CompensatoryDraw[]) => d.reduce((s, x) => s + x.days, 0);
  return roundDays(sum(allocateCompensatory(grants, [...draws, ...extra]).shortfall) - sum(allocateCompensatory(grants, draws).shortfall));
}
