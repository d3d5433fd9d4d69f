/**
 * Reading the audit log: HR and admins look up who changed what and when, by the person who acted
 * or whom it concerns, by kind of record, by date range, a page at a time (read-only; every
 * change is written by the service making it, in its transaction).
 */
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { canManageAll, type Actor } from "./permissions.ts";
import { addDays, fromLocal, isValidDate } from "./time.ts";
import type { Employee } from "./types.ts";

/** What the screen asks for. Dates are local calendar dates in the policy's time zone, both inclusive. */
export interface AuditFilter {
  login?: string;
  kind?: string;
  from?: string;
  to?: string;
  /** The id of the last entry of the previous page. */
  before?: number;
  limit?: number;
}

/** A person as an entry names them. */
export interface AuditPerson {
  login: string;
  name: string;
  nameEn: string;
}

/** One audited change as HR reads it. */
export interface AuditView {
  id: number;
  atMs: number;
  /** Who acted; null: the system (CLI, seeding, the scheduler). */
  actor: AuditPerson | null;
  /** Whom it concerns, when it concerns one person. */
  subject: AuditPerson | null;
  action: string;
  /** The kind of record: punch, leave, correction, overtime, employee, shift, policy... */
  kind: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export const AUDIT_PAGE_MAX = 200;

export class AuditService {
  constructor(private readonly ctx: AttendanceContext) {}

  /** A page of entries, newest first, and the `before` of the next page (null at the end). */
  async entries(actor: Actor, filter: AuditFilter = {}): Promise<{ entries: AuditView[]; next: number | null }> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR and admins can read the audit log");
    const store = this.ctx.store;
    const person = filter.login ? await store.people.byLogin(filter.login) : undefined;
    if (filter.login && !person) throw new DomainError("NOT_FOUND", `No one with the login ${filter.login}`, { what: "person", name: filter.login });
    for (const [field, date] of [["from", filter.from], ["to", filter.to]] as const) {
      if (date !== undefined && !isValidDate(date)) throw new DomainError("INVALID_DATE", `${field}: ${date} is not a date`, { field, date });
    }
    if (filter.from && filter.to && filter.from > filter.to) throw new DomainError("DATE_RANGE_REVERSED", "from is after to", { startDate: filter.from, endDate: filter.to });
    const { timeZone } = await this.ctx.policy();
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), AUDIT_PAGE_MAX);
    const rows = await store.audit.find({
      personId: person?.id,
      entity: filter.kind || undefined,
      fromMs: filter.from ? fromLocal(filter.from, 0, timeZone) : undefined,
      toMs: filter.to ? fromLocal(addDays(filter.to, 1), 0, timeZone) : undefined,
      beforeId: filter.before,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const people = new Map<number, Employee | undefined>();
    const named = async (id: number | null): Promise<AuditPerson | null> => {
      if (id === null || id === 0) return null;
      if (!people.has(id)) people.set(id, await store.people.byId(id));
      const e = people.get(id);
      return e ? { login: e.login, name: e.name, nameEn: e.nameEn } : null;
    };
    const entries: AuditView[] = [];
    for (const r of page) {
      entries.push({ id: r.id, atMs: r.atMs, actor: await named(r.actorId), subject: await named(r.subjectId), action: r.action, kind: r.entity, entityId: r.entityId, before: r.before, after: r.after });
    }
    return { entries, next: rows.length > limit ? page[page.length - 1].id : null };
  }
}
