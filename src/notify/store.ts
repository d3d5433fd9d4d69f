/**
 * What reminders and notifications keep, over the attendance database's SQL port: each person's
 * settings, the scheduler's decisions (one row per person, rule and occasion: the reason nothing
 * is ever sent twice, across restarts and double ticks), and the in-app notification list.
 * Portable SQL only (see src/attendance/store/sql.ts).
 */
import type { Migration, SqlDb } from "../attendance/store/index.ts";
import type { ReminderRule } from "../attendance/types.ts";

export const NOTIFY_MIGRATIONS: Migration[] = [
  {
    id: "200-notify",
    sql: `
    CREATE TABLE notify_settings (
      employee_id INTEGER PRIMARY KEY REFERENCES employees(id),
      channel TEXT NOT NULL DEFAULT 'auto' CHECK (channel IN ('auto','im','email','inapp')),
      opt_out TEXT NOT NULL DEFAULT '[]',
      email TEXT
    );
    CREATE TABLE notify_decisions (
      employee_id INTEGER NOT NULL REFERENCES employees(id),
      rule TEXT NOT NULL,
      occasion TEXT NOT NULL,
      decided_ms INTEGER NOT NULL,
      channel TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','skipped')),
      reason TEXT,
      dedupe_key TEXT NOT NULL,
      PRIMARY KEY (employee_id, rule, occasion)
    );
    CREATE INDEX notify_decisions_occasion ON notify_decisions(occasion);
    CREATE INDEX notify_decisions_decided ON notify_decisions(decided_ms);
    CREATE TABLE notifications (
      id INTEGER PRIMARY KEY,
      employee_id INTEGER NOT NULL REFERENCES employees(id),
      rule TEXT NOT NULL,
      dedupe_key TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      read_ms INTEGER
    );
    CREATE INDEX notifications_employee ON notifications(employee_id, id);
    `,
  },
];

/** How a person wants to be reached. */
export type ChannelChoice = "auto" | "im" | "email" | "inapp";
export const CHANNEL_CHOICES: readonly ChannelChoice[] = ["auto", "im", "email", "inapp"];

/** One person's notification settings. */
export interface NotificationSettings {
  /** `auto`: the chat platform they are linked on, else email, else in-app only. */
  channel: ChannelChoice;
  /** Rules turned off (only the optional ones can be). */
  optOut: ReminderRule[];
  /** Where email goes (until the directory keeps addresses). */
  email: string | null;
}

export const DEFAULT_SETTINGS: NotificationSettings = { channel: "auto", optOut: [], email: null };

/** A decision of the scheduler or the event handlers: what was done for a person, rule and occasion. */
export interface Decision {
  employeeId: number;
  rule: ReminderRule | "test";
  /** A work date ("2026-12-02"), or the request it is about ("leave:42"). */
  occasion: string;
  channel: string;
  status: "queued" | "skipped";
  reason?: string;
  dedupeKey: string;
}

/** A decision as HR's delivery log shows it, with the outbox's outcome for chat and email. */
export interface DeliveryRow extends Decision {
  login: string;
  decidedMs: number;
  /** queued: waiting in the outbox; sent; failed (with the platform's error); skipped (with the reason). */
  outcome: "queued" | "sent" | "failed" | "skipped";
  error?: string;
}

/** One in-app notification. */
export interface AppNotification {
  id: number;
  rule: string;
  title: string;
  body: string;
  createdMs: number;
  read: boolean;
}

export class NotifyRepository {
  constructor(private readonly db: SqlDb) {}

  async settings(employeeId: number): Promise<NotificationSettings> {
    return (await this.allSettings([employeeId])).get(employeeId) ?? DEFAULT_SETTINGS;
  }

  /** Stored settings by employee (those never set are absent: defaults). */
  async allSettings(employeeIds?: number[]): Promise<Map<number, NotificationSettings>> {
    const rows = await this.db.all<{ employee_id: number; channel: ChannelChoice; opt_out: string; email: string | null }>(
      employeeIds ? `SELECT * FROM notify_settings WHERE employee_id IN (${employeeIds.map(() => "?").join(",") || "NULL"})` : "SELECT * FROM notify_settings",
      employeeIds ?? [],
    );
    return new Map(rows.map((r) => [r.employee_id, { channel: r.channel, optOut: JSON.parse(r.opt_out) as ReminderRule[], email: r.email }]));
  }

  async setSettings(employeeId: number, s: NotificationSettings): Promise<void> {
    await this.db.run(
      "INSERT INTO notify_settings (employee_id, channel, opt_out, email) VALUES (?, ?, ?, ?) ON CONFLICT (employee_id) DO UPDATE SET channel = excluded.channel, opt_out = excluded.opt_out, email = excluded.email",
      [employeeId, s.channel, JSON.stringify(s.optOut), s.email],
    );
  }

  /** Keys `employeeId:rule:occasion` of the decisions taken for these occasions. */
  async decided(occasions: string[]): Promise<Set<string>> {
    if (occasions.length === 0) return new Set();
    const rows = await this.db.all<{ employee_id: number; rule: string; occasion: string }>(
      `SELECT employee_id, rule, occasion FROM notify_decisions WHERE occasion IN (${occasions.map(() => "?").join(",")})`,
      occasions,
    );
    return new Set(rows.map((r) => decisionKey(r.employee_id, r.rule, r.occasion)));
  }

  /** Records a decision; false when one was already taken for that person, rule and occasion. */
  async decide(d: Decision, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO notify_decisions (employee_id, rule, occasion, decided_ms, channel, status, reason, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (employee_id, rule, occasion) DO NOTHING`,
      [d.employeeId, d.rule, d.occasion, now, d.channel, d.status, d.reason ?? null, d.dedupeKey],
    );
    return changes === 1;
  }

  /** The newest decisions with their outbox outcome. */
  async deliveries(limit: number, beforeMs?: number): Promise<DeliveryRow[]> {
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT d.*, e.login AS login, o.status AS outbox_status, o.last_error AS outbox_error
       FROM notify_decisions d JOIN employees e ON e.id = d.employee_id LEFT JOIN outbox o ON o.dedupe_key = d.dedupe_key
       WHERE d.decided_ms < ? ORDER BY d.decided_ms DESC, d.employee_id LIMIT ?`,
      [beforeMs ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((r) => {
      const status = r.status as Decision["status"];
      const outbox = r.outbox_status as string | null;
      const outcome = status === "skipped" ? "skipped" : outbox === null ? "sent" : outbox === "pending" ? "queued" : (outbox as "sent" | "failed");
      return {
        employeeId: Number(r.employee_id),
        login: String(r.login),
        rule: r.rule as Decision["rule"],
        occasion: String(r.occasion),
        channel: String(r.channel),
        status,
        reason: (r.reason as string | null) ?? undefined,
        dedupeKey: String(r.dedupe_key),
        decidedMs: Number(r.decided_ms),
        outcome,
        error: outcome === "failed" ? ((r.outbox_error as string | null) ?? undefined) : undefined,
      };
    });
  }

  /** Adds an in-app notification; false when its key was used before. */
  async addNotification(n: { employeeId: number; rule: string; dedupeKey: string; title: string; body: string }, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      "INSERT INTO notifications (employee_id, rule, dedupe_key, title, body, created_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
      [n.employeeId, n.rule, n.dedupeKey, n.title, n.body, now],
    );
    return changes === 1;
  }

  async notifications(employeeId: number, limit: number): Promise<{ items: AppNotification[]; unread: number }> {
    const rows = await this.db.all<{ id: number; rule: string; title: string; body: string; created_ms: number; read_ms: number | null }>(
      "SELECT id, rule, title, body, created_ms, read_ms FROM notifications WHERE employee_id = ? ORDER BY id DESC LIMIT ?",
      [employeeId, limit],
    );
    const unread = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE employee_id = ? AND read_ms IS NULL", [employeeId]);
    return {
      items: rows.map((r) => ({ id: r.id, rule: r.rule, title: r.title, body: r.body, createdMs: Number(r.created_ms), read: r.read_ms !== null })),
      unread: Number(unread?.n ?? 0),
    };
  }

  /** Marks a person's notifications read: the ids given, or all up to `throughId`. Returns how many changed. */
  async markRead(employeeId: number, ids: number[] | { throughId: number }, now: number): Promise<number> {
    if (Array.isArray(ids)) {
      if (ids.length === 0) return 0;
      return (await this.db.run(`UPDATE notifications SET read_ms = ? WHERE employee_id = ? AND read_ms IS NULL AND id IN (${ids.map(() => "?").join(",")})`, [now, employeeId, ...ids])).changes;
    }
    return (await this.db.run("UPDATE notifications SET read_ms = ? WHERE employee_id = ? AND read_ms IS NULL AND id <= ?", [now, employeeId, ids.throughId])).changes;
  }
}

export const decisionKey = (employeeId: number, rule: string, occasion: string) => `${employeeId}:${rule}:${occasion}`;
