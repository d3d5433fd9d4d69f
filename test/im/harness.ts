/**
 * The whole server (buildServer from a configuration, a real SQLite file) with one chat platform
 * configured against its local fake; callbacks go through `app.request` exactly as the platform
 * would send them. The services' clock is fixed on a workday morning; the chat parts run on the
 * real clock, as the platform that signs the callbacks does.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildServer, type ServerSystem } from "../../src/system.ts";
import { tempDbPath, testClock } from "../helpers.ts";

const open: ServerSystem[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

export const WORKDAY_MORNING = "2026-11-26T08:55:00+08:00";

export async function chatServer(env: Record<string, string>, iso = WORKDAY_MORNING) {
  const clock = testClock(iso);
  const db = tempDbPath();
  const server = await buildServer(loadConfig({ ...env, PUBLIC_BASE_URL: "https://attendance.example.com" }), {
    db,
    clock,
    seed: "org",
    distDir: mkdtempSync(path.join(tmpdir(), "no-web-")),
  });
  open.push(server);
  const idOf = async (login: string) => (await server.core.people.forSignIn(login))!.id;
  return {
    server,
    clock,
    db,
    /** A callback as the platform sends it. */
    callback: (pathname: string, init: { method?: string; query?: URLSearchParams; headers?: Headers; body?: string }) =>
      server.app.request(`${pathname}${init.query ? `?${init.query}` : ""}`, { method: init.method ?? "POST", headers: init.headers, body: init.body }),
    /** Resolves once every callback so far has been handled (replies are in the outbox). */
    handled: () => server.im.inbox.idle(),
    punches: async (login: string) => query<{ method: string }>(db, "SELECT method FROM punches WHERE employee_id = ? ORDER BY id", await idOf(login)),
    leaves: async (login: string) => query<{ id: number; status: string; type: string }>(db, "SELECT id, status, type FROM leave_requests WHERE employee_id = ? ORDER BY id", await idOf(login)),
    bearer: async (login: string) => ({ authorization: `Bearer ${await server.core.auth.issueToken(login)}` }),
  };
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Waits until `check` gives a value: the fake received what we wait for. */
export function eventually<T>(check: () => T | undefined | false | null, what: string): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check();
      if (!value) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout: 20_000, interval: 5 },
  );
}
