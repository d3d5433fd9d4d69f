import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import type { SqliteDb } from "../src/attendance/store/index.ts";
import { openSystem } from "../src/system.ts";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh database file in a temp folder, removed after the test. */
export function tempDbPath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "attendance-test-"));
  dirs.push(dir);
  return path.join(dir, "attendance.db");
}

/** A settable clock, starting at an ISO instant. */
export function testClock(iso: string) {
  let now = Date.parse(iso);
  const clock = () => now;
  clock.set = (next: string) => {
    now = Date.parse(next);
  };
  return clock;
}

/** scrypt at N=2^10 for tests that set passwords: the same code path, a thousandth of the work. */
export const CHEAP_HASHING = { ln: 10, r: 8, p: 1 };

/**
 * The demo organisation (no history) on a real SQLite file, at a fixed moment. `user(login)` is
 * the employee as seeded (sync, for building calls); `token(login)` a fresh API token.
 */
export async function demoSystem(iso = "2026-11-26T08:55:00+08:00", options: { history?: boolean } = {}) {
  const clock = testClock(iso);
  const system = await openSystem({ db: tempDbPath(), clock, seed: options.history ? "history" : "org", passwordHashing: CHEAP_HASHING });
  const people = new Map((await system.store.people.list()).map((e) => [e.login, e]));
  return Object.assign(system, { clock, user: (login: string) => people.get(login)!, token: (login: string, hours?: number) => system.auth.issueToken(login, hours) });
}

/**
 * Counts rows of the tables a bad request must not touch: of a database file (read as another
 * process would), or of an open system (on its connection, between requests).
 */
export function rowCounts(target: string | { store: { db: unknown } }) {
  const db = typeof target === "string" ? new Database(target, { readonly: true }) : (target.store.db as SqliteDb).native;
  try {
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { punches: n("punches"), leave: n("leave_requests"), audit: n("audit_log"), holidays: n("holidays") };
  } finally {
    if (typeof target === "string") db.close();
  }
}
