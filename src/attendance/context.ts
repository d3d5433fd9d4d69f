/** What the attendance services share: the store, the clock, and the policy and calendar read from it. */
import { WorkCalendar } from "./calendar.ts";
import { DomainError } from "./errors.ts";
import { canManageAll, canView, type Actor } from "./permissions.ts";
import type { AttendanceStore } from "./store/index.ts";
import { localDate } from "./time.ts";
import type { Employee, Policy } from "./types.ts";

/** A clock returning ms since epoch; injected so tests and `--now` control time. */
export type Clock = () => number;

/** What the domain announces after a change is committed; the composition root listens (chat approvals). */
export interface DomainEvents {
  /** A request now waits for a decision: `leave`, `correction` or `overtime`. */
  requestFiled?(request: { kind: string; id: number; employeeId: number }): void;
  /** A request was approved or rejected by `approverId` (0: the system). */
  requestDecided?(request: { kind: string; id: number; employeeId: number; status: "approved" | "rejected"; approverId: number }): void;
}

/**
 * The store and the clock, with the policy and the work calendar kept after the first read: only
 * the services' own writes change them, and those drop the copy. A context made for a transaction
 * (a dry run) keeps its own copies, so what it read inside never outlives a rollback.
 */
export class AttendanceContext {
  private calendarCache: Promise<WorkCalendar> | null = null;
  private policyCache: Promise<Policy> | null = null;

  constructor(
    readonly store: AttendanceStore,
    readonly clock: Clock = Date.now,
    readonly events: DomainEvents = {},
  ) {}

  /** The same clock and a fresh view over another store (a transaction's). */
  over(store: AttendanceStore): AttendanceContext {
    return new AttendanceContext(store, this.clock, this.events);
  }

  policy(): Promise<Policy> {
    return (this.policyCache ??= this.store.settings.policy().catch((err) => {
      this.policyCache = null;
      throw err;
    }));
  }
  invalidatePolicy(): void {
    this.policyCache = null;
  }
  calendar(): Promise<WorkCalendar> {
    return (this.calendarCache ??= this.store.holidays.all().then(
      (days) => new WorkCalendar(days),
      (err) => {
        this.calendarCache = null;
        throw err;
      },
    ));
  }
  invalidateCalendar(): void {
    this.calendarCache = null;
  }
  async today(): Promise<string> {
    return localDate(this.clock(), (await this.policy()).timeZone);
  }

  /**
   * The first day of the month in which the organisation's first record falls (its earliest punch
   * or approved leave), or null before any: earlier months are "no-records", not absent. A whole
   * month, so that the first month's days before its first punch are still judged.
   */
  async recordsFrom(): Promise<string | null> {
    const [firstMs, firstLeave, policy] = await Promise.all([this.store.punches.firstAtMs(), this.store.leave.firstApprovedStart(), this.policy()]);
    const dates = [firstMs === null ? null : localDate(firstMs, policy.timeZone), firstLeave].filter((d): d is string => d !== null).sort();
    return dates.length ? `${dates[0].slice(0, 7)}-01` : null;
  }

  /** The employee `actor` may act on, or FORBIDDEN / NOT_FOUND. Unknown and forbidden look alike to non-HR. */
  async visibleEmployee(actor: Actor, login: string, store = this.store): Promise<Employee> {
    const target = await store.people.byLogin(login);
    if (target && canView(actor, target)) return target;
    if (!target && canManageAll(actor)) throw new DomainError("NOT_FOUND", `No employee with login ${login}`);
    throw new DomainError("FORBIDDEN", "You may not see this person's records");
  }

  /**
   * Ends every web session and API token of an employee at once, inside `store` (the transaction
   * making the change that calls for it: a new password, a role change, leaving); audited with
   * `reason`. Returns how many ended. Agora's per-agent keys are short-lived and not affected.
   */
  async endSessions(store: AttendanceStore, actor: Actor, employeeId: number, reason: string): Promise<number> {
    const ended = await store.sessions.removeAllOf(employeeId);
    await this.audit(store, actor, "end-sessions", "employee", employeeId, undefined, { reason, ended });
    return ended;
  }

  /** Records a change in the audit log, through `store` (the transaction making the change). */
  audit(store: AttendanceStore, actor: Actor, action: string, entity: string, entityId: string | number | null, before?: unknown, after?: unknown): Promise<void> {
    return store.audit.add({ atMs: this.clock(), actorId: actor.id || null, action, entity, entityId, before, after });
  }
}
