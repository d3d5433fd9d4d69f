/**
 * Web sessions and API tokens, kept on the server: only a hash of each secret is stored, so a
 * copy of the database (or a backup) lets no one act as anyone. Deleting a row ends it at once.
 */
import type { Row, SqlDb } from "./sql.ts";

/** A session (web sign-in, by cookie) or an API token (by bearer header). */
export type CredentialKind = "session" | "token";

/** One stored session or token, without its secret. */
export interface StoredCredential {
  id: number;
  kind: CredentialKind;
  employeeId: number;
  /** The employee's login (joined, for the lookup every request makes). */
  login: string;
  /** A token's label ("laptop script"); null for sessions. */
  name: string | null;
  createdMs: number;
  lastSeenMs: number;
  /** A token's fixed expiry; null for sessions, whose idle and absolute limits are policy. */
  expiresMs: number | null;
  userAgent: string | null;
  address: string | null;
}

/** What is stored when a session starts or a token is made. */
export type NewCredential = Omit<StoredCredential, "id" | "login" | "lastSeenMs">;

const toCredential = (r: Row): StoredCredential => ({
  id: Number(r.id),
  kind: r.kind as CredentialKind,
  employeeId: Number(r.employee_id),
  login: r.login as string,
  name: (r.name as string | null) ?? null,
  createdMs: Number(r.created_ms),
  lastSeenMs: Number(r.last_seen_ms),
  expiresMs: r.expires_ms === null ? null : Number(r.expires_ms),
  userAgent: (r.user_agent as string | null) ?? null,
  address: (r.address as string | null) ?? null,
});

const SELECT = "SELECT s.*, e.login AS login FROM auth_sessions s JOIN employees e ON e.id = s.employee_id";

export class SessionRepository {
  constructor(private readonly db: SqlDb) {}

  async add(c: NewCredential, secretHash: string): Promise<StoredCredential> {
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO auth_sessions (secret_hash, kind, employee_id, name, created_ms, last_seen_ms, expires_ms, user_agent, address)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [secretHash, c.kind, c.employeeId, c.name, c.createdMs, c.createdMs, c.expiresMs, c.userAgent, c.address],
    );
    return (await this.byId(row!.id))!;
  }

  async byId(id: number): Promise<StoredCredential | undefined> {
    const r = await this.db.get(`${SELECT} WHERE s.id = ?`, [id]);
    return r && toCredential(r);
  }

  /** The session or token whose secret hashes to `secretHash`. */
  async bySecretHash(secretHash: string): Promise<StoredCredential | undefined> {
    const r = await this.db.get(`${SELECT} WHERE s.secret_hash = ?`, [secretHash]);
    return r && toCredential(r);
  }

  async touch(id: number, lastSeenMs: number): Promise<void> {
    await this.db.run("UPDATE auth_sessions SET last_seen_ms = ? WHERE id = ?", [lastSeenMs, id]);
  }

  /** An employee's sessions or tokens, newest first. */
  async list(employeeId: number, kind: CredentialKind): Promise<StoredCredential[]> {
    return (await this.db.all(`${SELECT} WHERE s.employee_id = ? AND s.kind = ? ORDER BY s.id DESC`, [employeeId, kind])).map(toCredential);
  }

  /** Ends one session or token; false when there was none. */
  async remove(id: number): Promise<boolean> {
    return (await this.db.run("DELETE FROM auth_sessions WHERE id = ?", [id])).changes > 0;
  }

  /** Ends every session and token of an employee; how many there were. */
  async removeAllOf(employeeId: number): Promise<number> {
    return (await this.db.run("DELETE FROM auth_sessions WHERE employee_id = ?", [employeeId])).changes;
  }

  /** Drops what can no longer be used: tokens past expiry, sessions idle or old past the limits. */
  async removeExpired(nowMs: number, idleMs: number, maxAgeMs: number): Promise<number> {
    return (
      await this.db.run(
        `DELETE FROM auth_sessions WHERE (kind = 'token' AND expires_ms <= ?) OR (kind = 'session' AND (last_seen_ms <= ? OR created_ms <= ?))`,
        [nowMs, nowMs - idleMs, nowMs - maxAgeMs],
      )
    ).changes;
  }
}
