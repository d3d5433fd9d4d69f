/**
 * The schema, as named steps. A database records the steps it has run in `schema_migrations`, so
 * branches can each add a step without renumbering anyone's: never edit or reorder a released
 * step, add one. A database from before named steps (SQLite's `user_version` = N) is adopted as
 * having run the first N. Steps are written in SQL both SQLite and Postgres read where that costs
 * nothing; a Postgres store will give a step its own form only where the dialects differ (ids).
 */
import { STEPS_1 } from "./schema-steps-1.ts";
import { STEPS_2 } from "./schema-steps-2.ts";
import type { SqlDb } from "./sql.ts";

/** One schema step. */
export interface Migration {
  /** Unique and sortable: "NNN-what-it-does". */
  id: string;
  sql: string;
}

/** Every step, in the order they run. */
export const MIGRATIONS: Migration[] = [...STEPS_1, ...STEPS_2];

/** Brings the schema up to date, each step in its own transaction. Safe to call on every start. */
export async function migrate(db: SqlDb, steps: Migration[] = MIGRATIONS): Promise<string[]> {
  await db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_ms INTEGER NOT NULL)");
  const done = new Set((await db.all<{ id: string }>("SELECT id FROM schema_migrations")).map((r) => r.id));
  if (done.size === 0 && db.dialect === "sqlite") {
    const version = (await db.get<{ user_version: number }>("PRAGMA user_version"))?.user_version ?? 0;
    for (const step of steps.slice(0, version)) {
      await db.run("INSERT INTO schema_migrations (id, applied_ms) VALUES (?, ?)", [step.id, 0]);
      done.add(step.id);
    }
  }
  const applied: string[] = [];
  for (const step of steps) {
    if (done.has(step.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(step.sql);
      await tx.run("INSERT INTO schema_migrations (id, applied_ms) VALUES (?, ?)", [step.id, Date.now()]);
    });
    applied.push(step.id);
  }
  return applied;
}
