import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { openSystem } from "../../src/system.ts";
import { tempDbPath } from "../helpers.ts";

function cli(db: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { env: { ...process.env, ATTENDANCE_DB: db }, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Who has no punch on 2026-12-02 before 09:10 (Asia/Shanghai), read straight from the file. */
function noPunchThisMorning(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const from = Date.parse("2026-12-02T04:00:00+08:00");
    const to = Date.parse("2026-12-02T09:10:00+08:00");
    return (
      db
        .prepare("SELECT login FROM employees e WHERE role <> 'admin' AND NOT EXISTS (SELECT 1 FROM punches p WHERE p.employee_id = e.id AND p.at_ms >= ? AND p.at_ms < ?) ORDER BY login")
        .all(from, to) as { login: string }[]
    ).map((r) => r.login);
  } finally {
    db.close();
  }
}

describe("npm run cli -- reminders", () => {
  it("lists, at 09:10 on the demo organisation, exactly the people with no punch that morning and nobody on leave, sending nothing", async () => {
    const db = tempDbPath();
    const args = ["reminders", "--at", "2026-12-02T09:10+08:00", "--dry-run", "--json"];
    const first = cli(db, args);
    expect(first.code, first.err).toBe(0);
    const listed = JSON.parse(first.out) as { login: string; rule: string; channel: string; text: string }[];
    const missing = noPunchThisMorning(db);
    expect(missing.length).toBeGreaterThan(1);
    expect(listed.map((l) => l.login).sort()).toEqual(missing);
    expect(listed.every((l) => l.rule === "notCheckedIn" && l.channel === "inapp")).toBe(true);

    // One of them is on approved leave today: they drop out of the list.
    const away = missing[0];
    expect(cli(db, ["leave", "--user", away, "--type", "annual", "--from", "2026-12-02", "--approve"]).code).toBe(0);
    const again = JSON.parse(cli(db, args).out) as { login: string }[];
    expect(again.map((l) => l.login).sort()).toEqual(missing.filter((l) => l !== away));

    // Another left the company yesterday: they are not reminded either.
    const gone = missing.filter((l) => l !== away)[0];
    const sys = await openSystem({ db, seed: "none" });
    try {
      await sys.directory.markLeft(SYSTEM_ACTOR, gone, "2026-12-01");
    } finally {
      await sys.close();
    }
    const expected = missing.filter((l) => l !== away && l !== gone);
    expect((JSON.parse(cli(db, args).out) as { login: string }[]).map((l) => l.login).sort()).toEqual(expected);

    // Nothing was written by the dry runs; a real run records and says the same.
    const sent = JSON.parse(cli(db, ["reminders", "--at", "2026-12-02T09:10+08:00", "--json"]).out) as { login: string }[];
    expect(sent.map((l) => l.login).sort()).toEqual(expected);
    expect(JSON.parse(cli(db, ["reminders", "--at", "2026-12-02T09:11+08:00", "--json"]).out)).toEqual([]);
  }, 180_000);
});
