/**
 * Sign-in throttling state, kept in the database so that several servers on one database share
 * it: failures and lockouts per login, attempts per minute per client address. One row per key
 * ("login:wang", "address:10.0.0.7"); the logic is src/auth/throttle.ts.
 */
import type { SqlDb } from "./sql.ts";

/** A login's failure record. */
export interface LoginThrottle {
  /** Failures since the last success or lockout (attempts still being checked count too). */
  failures: number;
  /** Lockouts so far; each doubles the next. */
  lockouts: number;
  /** Locked until then (ms since epoch); null when not locked. */
  lockedUntilMs: number | null;
  updatedMs: number;
}

export class ThrottleRepository {
  constructor(private readonly db: SqlDb) {}

  async login(key: string): Promise<LoginThrottle | undefined> {
    const r = await this.db.get<{ failures: number; lockouts: number; locked_until_ms: number | null; updated_ms: number }>(
      "SELECT failures, lockouts, locked_until_ms, updated_ms FROM sign_in_throttle WHERE key = ?",
      [key],
    );
    return r && { failures: Number(r.failures), lockouts: Number(r.lockouts), lockedUntilMs: r.locked_until_ms === null ? null : Number(r.locked_until_ms), updatedMs: Number(r.updated_ms) };
  }

  async setLogin(key: string, t: LoginThrottle): Promise<void> {
    await this.db.run(
      `INSERT INTO sign_in_throttle (key, failures, lockouts, locked_until_ms, updated_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until_ms = excluded.locked_until_ms, updated_ms = excluded.updated_ms`,
      [key, t.failures, t.lockouts, t.lockedUntilMs, t.updatedMs],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.run("DELETE FROM sign_in_throttle WHERE key = ?", [key]);
  }

  /**
   * Counts one attempt in the key's current window of `windowMs` (a new window starts when the
   * last one is over), in one statement so concurrent servers never lose a count. Returns the
   * attempts in the window, this one included, and when the window started.
   */
  async countAttempt(key: string, nowMs: number, windowMs: number): Promise<{ attempts: number; windowStartMs: number }> {
    const expired = nowMs - windowMs;
    const row = await this.db.get<{ attempts: number; window_start_ms: number }>(
      `INSERT INTO sign_in_throttle (key, attempts, window_start_ms, updated_ms) VALUES (?, 1, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN sign_in_throttle.window_start_ms <= ? THEN 1 ELSE sign_in_throttle.attempts + 1 END,
         window_start_ms = CASE WHEN sign_in_throttle.window_start_ms <= ? THEN excluded.window_start_ms ELSE sign_in_throttle.window_start_ms END,
         updated_ms = excluded.updated_ms
       RETURNING attempts, window_start_ms`,
      [key, nowMs, nowMs, expired, expired],
    );
    return { attempts: Number(row!.attempts), windowStartMs: Number(row!.window_start_ms) };
  }

  /** Forgets keys untouched since `beforeMs` and not locked past it (a spray of made-up logins). */
  async prune(beforeMs: number): Promise<number> {
    return (await this.db.run("DELETE FROM sign_in_throttle WHERE updated_ms < ? AND (locked_until_ms IS NULL OR locked_until_ms < ?)", [beforeMs, beforeMs])).changes;
  }
}
