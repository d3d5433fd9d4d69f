/**
 * What the chat channels keep in the database, over the same SQL port as the attendance store:
 * employees' chat ids per platform, inbound event ids for 24 hours (platform retries are
 * duplicates, across restarts), linking codes, and the outbox. Portable SQL only (see sql.ts).
 */
import { AuditRepository, type AuditEntry } from "../attendance/store/audit.ts";
import type { Migration, SqlDb } from "../attendance/store/index.ts";
import { PLATFORMS, type Address, type Platform } from "./message.ts";
import type { NewOutboxEntry, OutboxChannel, OutboxEntry, OutboxPayload, OutboxStatus, OutboxStore } from "./outbox.ts";

/** The chat channels' schema steps, run by the composition root after the attendance store's. */
export const IM_MIGRATIONS: Migration[] = [
  {
    id: "100-im-channels",
    sql: `
    CREATE TABLE IF NOT EXISTS im_identities (
      employee_id INTEGER NOT NULL REFERENCES employees(id),
      platform TEXT NOT NULL CHECK (platform IN ('wecom','feishu','dingtalk','slack')),
      im_id TEXT NOT NULL,
      PRIMARY KEY (platform, im_id),
      UNIQUE (employee_id, platform)
    );
    CREATE TABLE im_events (
      platform TEXT NOT NULL,
      event_id TEXT NOT NULL,
      received_ms INTEGER NOT NULL,
      PRIMARY KEY (platform, event_id)
    );
    CREATE INDEX im_events_received ON im_events(received_ms);
    CREATE TABLE im_link_codes (
      code TEXT PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id),
      expires_ms INTEGER NOT NULL,
      used_ms INTEGER
    );
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      employee_id INTEGER REFERENCES employees(id),
      payload TEXT NOT NULL,
      dedupe_key TEXT NOT NULL UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending','sent','failed')),
      last_error TEXT,
      created_ms INTEGER NOT NULL,
      sent_ms INTEGER
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt_ms);
    `,

  },
];

/** How long inbound event ids are remembered. */
export const EVENT_MEMORY_MS = 24 * 3600_000;

/** An employee's id on one platform. */
export interface ImIdentity {
  employeeId: number;
  platform: Platform;
  imId: string;
}

export class ImRepository {
  private readonly auditLog: AuditRepository;

  constructor(private readonly db: SqlDb) {
    this.auditLog = new AuditRepository(db);
  }

  /** Chat-account changes go to the one audit log. */
  audit(entry: AuditEntry): Promise<void> {
    return this.auditLog.add(entry);
  }

  /** Records an inbound event; false when it was seen before (a retry). Forgets ids older than a day. */
  async claimEvent(platform: Platform, eventId: string, now: number): Promise<boolean> {
    await this.db.run("DELETE FROM im_events WHERE received_ms < ?", [now - EVENT_MEMORY_MS]);
    const { changes } = await this.db.run("INSERT INTO im_events (platform, event_id, received_ms) VALUES (?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING", [
      platform,
      eventId,
      now,
    ]);
    return changes === 1;
  }

  async employeeIdFor(platform: Platform, imId: string): Promise<number | undefined> {
    return (await this.db.get<{ employee_id: number }>("SELECT employee_id FROM im_identities WHERE platform = ? AND im_id = ?", [platform, imId]))?.employee_id;
  }

  async identitiesOf(employeeId: number): Promise<ImIdentity[]> {
    const rows = await this.db.all<{ platform: Platform; im_id: string }>("SELECT platform, im_id FROM im_identities WHERE employee_id = ? ORDER BY platform", [employeeId]);
    return rows.map((r) => ({ employeeId, platform: r.platform, imId: r.im_id }));
  }

  /** Everyone's ids (the directory's list and export read them in one query). */
  async allIdentities(): Promise<ImIdentity[]> {
    const rows = await this.db.all<{ employee_id: number; platform: Platform; im_id: string }>("SELECT employee_id, platform, im_id FROM im_identities");
    return rows.map((r) => ({ employeeId: Number(r.employee_id), platform: r.platform, imId: r.im_id }));
  }

  /** Sets (or with `null` removes) an employee's id on a platform. */
  async setIdentity(employeeId: number, platform: Platform, imId: string | null): Promise<void> {
    await this.db.run("DELETE FROM im_identities WHERE employee_id = ? AND platform = ?", [employeeId, platform]);
    if (imId !== null) await this.db.run("INSERT INTO im_identities (employee_id, platform, im_id) VALUES (?, ?, ?)", [employeeId, platform, imId]);
  }

  async addLinkCode(code: string, employeeId: number, expiresMs: number): Promise<void> {
    await this.db.run("DELETE FROM im_link_codes WHERE employee_id = ? AND used_ms IS NULL", [employeeId]);
    await this.db.run("INSERT INTO im_link_codes (code, employee_id, expires_ms) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET employee_id = excluded.employee_id, expires_ms = excluded.expires_ms, used_ms = NULL", [
      code,
      employeeId,
      expiresMs,
    ]);
  }

  /** Whether an unused, unexpired code is held by anyone. */
  async linkCodeTaken(code: string, now: number): Promise<boolean> {
    return (await this.db.get("SELECT 1 AS taken FROM im_link_codes WHERE code = ? AND used_ms IS NULL AND expires_ms > ?", [code, now])) !== undefined;
  }

  /** Uses a code once: the employee it was made for, or undefined when unknown, used or expired. */
  async useLinkCode(code: string, now: number): Promise<number | undefined> {
    const row = await this.db.get<{ employee_id: number }>("SELECT employee_id FROM im_link_codes WHERE code = ? AND used_ms IS NULL AND expires_ms > ?", [code, now]);
    if (!row) return undefined;
    const { changes } = await this.db.run("UPDATE im_link_codes SET used_ms = ? WHERE code = ? AND used_ms IS NULL", [now, code]);
    return changes === 1 ? row.employee_id : undefined;
  }
}

interface OutboxRow {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  employee_id: number | null;
  payload: string;
  dedupe_key: string;
  attempts: number;
  next_attempt_ms: number;
  status: OutboxStatus;
  last_error: string | null;
  created_ms: number;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  channel: r.channel,
  recipient: JSON.parse(r.recipient) as Address,
  employeeId: r.employee_id ?? undefined,
  payload: JSON.parse(r.payload) as OutboxPayload,
  dedupeKey: r.dedupe_key,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_ms,
  status: r.status,
  lastError: r.last_error ?? undefined,
  createdAt: r.created_ms,
});

export class OutboxRepository implements OutboxStore {
  constructor(private readonly db: SqlDb) {}

  async insertOutbox(entry: NewOutboxEntry, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO outbox (channel, recipient, employee_id, payload, dedupe_key, attempts, next_attempt_ms, status, created_ms)
       VALUES (?, ?, ?, ?, ?, 0, ?, 'pending', ?) ON CONFLICT (dedupe_key) DO NOTHING`,
      [entry.channel, JSON.stringify(entry.recipient), entry.employeeId ?? null, JSON.stringify(entry.payload), entry.dedupeKey, Math.max(now, entry.notBefore ?? now), now],
    );
    return changes === 1;
  }

  async dueOutbox(now: number, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.all<OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?", [now, limit]);
    return rows.map(toEntry);
  }

  async nextOutboxAttempt(after: number): Promise<number | undefined> {
    return (await this.db.get<{ next: number | null }>("SELECT MIN(next_attempt_ms) AS next FROM outbox WHERE status = 'pending' AND next_attempt_ms > ?", [after]))?.next ?? undefined;
  }

  async markOutboxSent(id: number, now: number): Promise<void> {
    await this.db.run("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_ms = ?, last_error = NULL WHERE id = ?", [now, id]);
  }

  async markOutboxRetry(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.db.run("UPDATE outbox SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ?", [attempts, nextAttemptAt, error, id]);
  }

  async markOutboxFailed(id: number, attempts: number, error: string): Promise<void> {
    await this.db.run("UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?", [attempts, error, id]);
  }

  /** Rows by dedupe key or status, for health figures and tests. */
  async list(filter: { status?: OutboxStatus } = {}): Promise<OutboxEntry[]> {
    const rows = filter.status
      ? await this.db.all<OutboxRow>("SELECT * FROM outbox WHERE status = ? ORDER BY id", [filter.status])
      : await this.db.all<OutboxRow>("SELECT * FROM outbox ORDER BY id");
    return rows.map(toEntry);
  }
}

/** The demo organisation's chat ids: each person's login, on every platform. */
export async function seedDemoChatIds(db: SqlDb, employees: { id: number; login: string }[]): Promise<void> {
  const repo = new ImRepository(db);
  for (const e of employees) for (const platform of PLATFORMS) await repo.setIdentity(e.id, platform, e.login);
}
