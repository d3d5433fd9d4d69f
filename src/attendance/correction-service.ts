import type { AttendanceContext } from "./context.ts";
import { checkCorrection, type CorrectionAsk } from "./corrections.ts";
import { DomainError } from "./errors.ts";
import type { Actor } from "./permissions.ts";
import { canApprove, canView } from "./permissions.ts";
import { loadWorkDay } from "./work-days.ts";
import type { CorrectionRequest, RequestStatus } from "./types.ts";
import { isValidDate, monthRange } from "./time.ts";

const ACTIVE: RequestStatus[] = ["pending", "approved"];

/** A correction as a manager's queue shows it: with who asked. */
export type CorrectionForApproval = CorrectionRequest & { login: string; name: string; nameEn: string };

/** Correction requests (补卡): filed by the employee, decided by their manager or HR. */
export class CorrectionService {
  constructor(private readonly ctx: AttendanceContext) {}

  /** Files a correction for the actor's own punch; the quota and window of the policy apply. */
  async request(actor: Actor, ask: CorrectionAsk & { reason?: string | null }): Promise<CorrectionRequest> {
    const ctx = this.ctx;
    const [policy, calendar, today] = await Promise.all([ctx.policy(), ctx.calendar(), ctx.today()]);
    const filed = await ctx.store.transaction(async (tx) => {
      const person = await tx.people.byId(actor.id);
      if (!person) throw new DomainError("FORBIDDEN", "Only employees can ask for corrections");
      const month = isValidDate(ask.date) ? monthRange(ask.date.slice(0, 7)) : null;
      const mine = month ? await tx.corrections.list({ employeeIds: [person.id], from: month.first, to: month.last, statuses: ACTIVE }) : [];
      const duplicate = mine.find((c) => c.status === "pending" && c.date === ask.date && c.kind === ask.kind);
      // An invalid or future date is refused by the check before the day matters; today stands in for it.
      const day = await loadWorkDay(tx, policy, calendar, person, { date: isValidDate(ask.date) && ask.date <= today ? ask.date : today });
      const checked = checkCorrection(ask, {
        today,
        nowMs: ctx.clock(),
        hireDate: person.hireDate,
        policy,
        schedule: day.schedule,
        dateIndex: day.i,
        dayPunches: day.punches,
        monthCount: mine.length,
        duplicateId: duplicate?.id ?? null,
      });
      const reason = ask.reason?.trim() ? ask.reason.trim().slice(0, 500) : null;
      const filed = await tx.corrections.add({ employeeId: person.id, date: ask.date, ...checked, reason, status: "pending", createdAtMs: ctx.clock() });
      await ctx.audit(tx, actor, "request", "correction", filed.id, undefined, filed);
      return filed;
    });
    // Announced once committed, so nobody hears of a request that was rolled back.
    ctx.events.requestFiled?.({ kind: "correction", id: filed.id, employeeId: filed.employeeId });
    return filed;
  }

  /** Approves (recording the punch) or rejects a pending correction, with an optional comment. */
  async decide(actor: Actor, id: number, status: "approved" | "rejected", comment: string | null = null): Promise<CorrectionRequest> {
    const ctx = this.ctx;
    const decided = await ctx.store.transaction(async (tx) => {
      const request = await tx.corrections.byId(id);
      const requester = request && (await tx.people.byId(request.employeeId));
      if (!request || !requester) throw new DomainError("NOT_FOUND", `No correction request #${id}`, { what: "requestId", requestId: id });
      if (actor.id === requester.id && actor.id !== 0) throw new DomainError("SELF_APPROVAL", "You cannot decide your own request");
      if (!canApprove(actor, requester)) throw new DomainError("NOT_FOUND", `No correction request #${id} for you to decide`, { what: "requestId", requestId: id });
      if (request.status !== "pending") throw new DomainError("REQUEST_NOT_PENDING", `Correction #${id} is ${request.status}`, { status: request.status });
      const decision = { status, approverId: actor.id || null, comment: comment?.trim() ? comment.trim().slice(0, 500) : null, decidedMs: ctx.clock() };
      let punchId: number | null = null;
      if (status === "approved") {
        // The punch is the approver's record of what the employee said, linked to the request.
        const punch = await tx.punches.add(
          { employeeId: requester.id, atMs: request.atMs, kind: request.kind, method: "correction", recordedBy: actor.id || requester.id, note: request.reason, correctionId: request.id },
          ctx.clock(),
        );
        punchId = punch.id;
        await ctx.audit(tx, actor, "correct", "punch", punch.id, undefined, punch);
      }
      const after = await tx.corrections.decide(id, decision, punchId);
      await ctx.audit(tx, actor, status === "approved" ? "approve" : "reject", "correction", id, request, after);
      return after;
    });
    ctx.events.requestDecided?.({ kind: "correction", id, employeeId: decided.employeeId, status, approverId: actor.id });
    return decided;
  }

  /** A correction by id as someone who may see it (its owner, their manager, HR), any status. */
  async byId(actor: Actor, id: number): Promise<CorrectionRequest> {
    const request = await this.ctx.store.corrections.byId(id);
    const owner = request && (await this.ctx.store.people.byId(request.employeeId));
    if (!request || !owner || !canView(actor, owner)) throw new DomainError("NOT_FOUND", `No correction request #${id}`, { what: "requestId", requestId: id });
    return request;
  }

  /** Withdraws one's own pending correction. */
  async cancel(actor: Actor, id: number): Promise<CorrectionRequest> {
    const ctx = this.ctx;
    return ctx.store.transaction(async (tx) => {
      const request = await tx.corrections.byId(id);
      if (!request || request.employeeId !== actor.id) throw new DomainError("NOT_FOUND", `No correction request #${id} of yours`, { what: "requestId", requestId: id });
      if (request.status !== "pending") throw new DomainError("REQUEST_NOT_PENDING", `Correction #${id} is ${request.status}`, { status: request.status });
      const after = await tx.corrections.decide(id, { status: "cancelled", approverId: null, comment: null, decidedMs: ctx.clock() });
      await ctx.audit(tx, actor, "cancel", "correction", id, request, after);
      return after;
    });
  }

  /** One's own pending correction for a date (the newest), to withdraw it by date. */
  async pendingOn(actor: Actor, date: string): Promise<CorrectionRequest> {
    const found = (await this.ctx.store.corrections.list({ employeeIds: [actor.id], from: date, to: date, statuses: ["pending"] })).at(-1);
    if (!found) throw new DomainError("NOT_FOUND", `No pending correction of yours for ${date}`, { what: "requestOnDate", date });
    return found;
  }

  /** A person's corrections, newest date first, optionally by status. */
  async list(actor: Actor, login: string, status?: RequestStatus): Promise<CorrectionRequest[]> {
    const target = await this.ctx.visibleEmployee(actor, login);
    return (await this.ctx.store.corrections.list({ employeeIds: [target.id], statuses: status ? [status] : undefined })).reverse();
  }

  /** How many of a month's corrections the actor has used (pending and approved), and the most allowed. */
  async quota(actor: Actor, month: string): Promise<{ used: number; max: number }> {
    const { first, last } = monthRange(month);
    const used = (await this.ctx.store.corrections.list({ employeeIds: [actor.id], from: first, to: last, statuses: ACTIVE })).length;
    return { used, max: (await this.ctx.policy()).maxCorrectionsPerMonth };
  }

  /** Pending corrections the actor can decide. */
  async pendingFor(actor: Actor): Promise<CorrectionForApproval[]> {
    const out: CorrectionForApproval[] = [];
    for (const c of await this.ctx.store.corrections.list({ statuses: ["pending"] })) {
      const who = await this.ctx.store.people.byId(c.employeeId);
      if (who && who.id !== actor.id && canApprove(actor, who)) out.push({ ...c, login: who.login, name: who.name, nameEn: who.nameEn });
    }
    return out;
  }
}
