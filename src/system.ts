import { mkdirSync } from "node:fs";
import path from "node:path";
import { LeaveService } from "./attendance/leave-service.ts";
import { seedHistory, seedOrganisation } from "./attendance/seed.ts";
import { AttendanceContext, AttendanceService, type Clock } from "./attendance/service.ts";
import { AttendanceStore } from "./attendance/store.ts";
import { AgentKeys } from "./auth/agent-keys.ts";
import { newSecret, TokenSigner } from "./auth/tokens.ts";
import type { CoreDeps } from "./http/deps.ts";

/** Where the database lives: ATTENDANCE_DB, or data/attendance.db. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATTENDANCE_DB || path.resolve("data/attendance.db");
}

/**
 * Opens the store and builds the services every front end (server, CLI) shares. An empty
 * database gets the demo organisation and its history unless `seed` says otherwise.
 */
export function openSystem(options: { db?: string; clock?: Clock; seed?: "history" | "org" | "none"; env?: NodeJS.ProcessEnv } = {}): CoreDeps & { close(): void; seeded: boolean } {
  const env = options.env ?? process.env;
  const file = options.db ?? databasePath(env);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const store = new AttendanceStore(file);
  const ctx = new AttendanceContext(store, options.clock ?? Date.now);
  let seeded = false;
  const seed = options.seed ?? "history";
  if (seed !== "none" && store.isEmpty()) {
    seedOrganisation(ctx);
    if (seed === "history") seedHistory(ctx);
    seeded = true;
  }
  // The signing secret lives with the data, so tokens survive restarts; TOKEN_SECRET overrides it.
  let secret = env.TOKEN_SECRET || store.setting("token_secret");
  if (!secret) {
    secret = newSecret();
    store.setSetting("token_secret", secret);
  }
  const demoMode = env.DEMO_MODE ? env.DEMO_MODE !== "0" : store.setting("demo") === "1";
  return {
    store,
    ctx,
    attendance: new AttendanceService(ctx),
    leave: new LeaveService(ctx),
    tokens: new TokenSigner(secret, () => ctx.clock()),
    agentKeys: new AgentKeys(() => ctx.clock()),
    demoMode,
    seeded,
    close: () => store.close(),
  };
}
