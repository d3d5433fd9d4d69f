/** The audit log: who changed what, when, with the record before and after. */
import type { Row, SqlDb, SqlValue } from "./sql.ts";

/** One audited change. `actorId` null: the system (CLI, seeding). */
export interface AuditEntry {
  atMs: number;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** What HR's audit screen asks for: newest first, `beforeId` pages back. */
export interface AuditQuery {
  /** Entries this person made or that concern them. */
  personId?: number;
  entity?: string;
  /** Instants, from inclusive, to exclusive. */
  fromMs?: number;
  toMs?: number;
  beforeId?: number;
  limit: number;
}

/** An entry as stored, with the person it concerns. */
export interface AuditRow {
  id: number;
  atMs: number;
  actorId: number | null;
  subjectId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Whom an entry concerns: the employee record itself, or the employee a record belongs to. */
function subjectOf(entry: AuditEntry): number | null {
  if (entry.entity === "employee" && entry.entityId !== null && /^\d+$/.test(String(entry.entityId))) return Number(entry.entityId);
  const owner = (record: unknown) => (record && typeof record === "object" && typeof (record as { employeeId?: unknown }).employeeId === "number" ? (record as { employeeId: number }).employeeId : null);
  return owner(entry.after) ?? owner(entry.before);
}

const parse = (json: unknown) => (typeof json === "string" ? (JSON.parse(json) as unknown) : null);

export class AuditRepository {
  constructor(private readonly db: SqlDb) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log (at_ms, actor_id, subject_id, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.atMs,
        entry.actorId,
        subjectOf(entry),
        entry.action,
        entry.entity,
        entry.entityId === null ? null : String(entry.entityId),
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /** The latest entries, newest first. */
  async recent(limit = 100): Promise<Row[]> {
    return this.db.all("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]);
  }

  /** Entries matching every given filter, newest first. */
  async find(q: AuditQuery): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (q.personId !== undefined) where.push("(actor_id = ? OR subject_id = ?)"), params.push(q.personId, q.personId);
    if (q.entity !== undefined) where.push("entity = ?"), params.push(q.entity);
    if (q.fromMs !== undefined) where.push("at_ms >= ?"), params.push(q.fromMs);
    if (q.toMs !== undefined) where.push("at_ms < ?"), params.push(q.toMs);
    if (q.beforeId !== undefined) where.push("id < ?"), params.push(q.beforeId);
    const rows = await this.db.all<Record<string, SqlValue>>(
      `SELECT * FROM audit_log${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
      [...params, q.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      atMs: Number(r.at_ms),
      actorId: r.actor_id === null ? null : Number(r.actor_id),
      subjectId: r.subject_id === null ? null : Number(r.subject_id),
      action: String(r.action),
      entity: String(r.entity),
      entityId: r.entity_id === null ? null : String(r.entity_id),
      before: parse(r.before_json),
      after: parse(r.after_json),
    }));
  }
}
