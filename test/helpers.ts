import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
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

/** The demo organisation (no history) on a real SQLite file, at a fixed moment. */
export function demoSystem(iso = "2026-11-26T08:55:00+08:00", options: { history?: boolean } = {}) {
  const clock = testClock(iso);
  const system = openSystem({ db: tempDbPath(), clock, seed: options.history ? "history" : "org" });
  return { ...system, clock, user: (login: string) => system.store.employeeByLogin(login)! };
}

/** Counts rows of the tables a bad request must not touch. */
export function rowCounts(db: import("better-sqlite3").Database) {
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) n FROM ${t}`).get() as { n: number }).n;
  return { punches: n("punches"), leave: n("leave_requests"), audit: n("audit_log"), holidays: n("holidays") };
}
