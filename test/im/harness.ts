/**
 * The whole server (buildServer from a configuration, a real SQLite file) listening on a real
 * loopback port, with one chat platform configured against its local fake; callbacks are sent over
 * HTTP exactly as the platform would send them, so the answer leaves before the work starts. The services' clock is fixed on a workday morning; the chat parts run on the
 * real clock, as the platform that signs the callbacks does.
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import Database from "better-sqlite3";
import { afterEach, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildServer, type ServerSystem } from "../../src/system.ts";
import { tempDbPath, testClock } from "../helpers.ts";

const open: Array<{ system: ServerSystem; http: ServerType }> = [];
afterEach(async () => {
  while (open.length) {
    const { system, http } = open.pop()!;
    await new Promise((resolve) => http.close(resolve));
    await system.close();
  }
});

/** Serves the app on a free loopback port; resolves with its origin. */
function listen(system: ServerSystem): Promise<string> {
  return new Promise((resolve) => {
    const http = serve({ fetch: system.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    open.push({ system, http });
  });
}

export const WORKDAY_MORNING = "2026-11-26T08:55:00+08:00";

/** `chatOnClock`: the chat parts (the outbox) run on the test's clock too, for tests that move time past a held message. */
export async function chatServer(env: Record<string, string>, iso = WORKDAY_MORNING, options: { chatOnClock?: boolean } = {}) {
  const clock = testClock(iso);
  const db = tempDbPath();
  const server = await buildServer(loadConfig({ ...env, PUBLIC_BASE_URL: "https://attendance.example.com" }), {
    db,
    clock,
    seed: "org",
    ...(options.chatOnClock ? { imNow: clock } : {}),
    distDir: mkdtempSync(path.join(tmpdir(), "no-web-")),
  });
  const origin = await listen(server);
  const idOf = async (login: string) => (await server.core.people.forSignIn(login))!.id;
  return {
    server,
    clock,
    db,
    origin,
    /** A callback as the platform sends it, over the port. */
    callback: (pathname: string, init: { method?: string; query?: URLSearchParams; headers?: Headers | Record<string, string>; body?: string }) =>
      fetch(`${origin}${pathname}${init.query ? `?${init.query}` : ""}`, { method: init.method ?? "POST", headers: init.headers, body: init.body }),
    /** A web API call as the signed-in `login`, over the port. */
    api: (login: string, pathname: string, init: { method?: string; body?: unknown } = {}) =>
      server.core.auth.issueToken(login).then((token) => fetch(`${origin}/api${pathname}`, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })),
    /** Resolves once every callback so far has been handled (replies are in the outbox). */
    handled: () => server.im.inbox.idle(),
    /** Every punch anyone has. */
    allPunches: () => query<{ n: number }>(db, "SELECT COUNT(*) AS n FROM punches")[0].n,
    punches: async (login: string) => query<{ method: string }>(db, "SELECT method FROM punches WHERE employee_id = ? ORDER BY id", await idOf(login)),
    leaves: async (login: string) => query<{ id: number; status: string; type: string }>(db, "SELECT id, status, type FROM leave_requests WHERE employee_id = ? ORDER BY id", await idOf(login)),
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
