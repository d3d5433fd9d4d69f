/** The audit log: who changed what, when, with the record before and after. */
import type { Row, SqlDb } from "./sql.ts";

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

export class AuditRepository {
  constructor(private readonly db: SqlDb) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.atMs,
        entry.actorId,
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
}
