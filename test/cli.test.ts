import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { runCli } from "../src/cli/run.ts";
import { loadConfig } from "../src/config.ts";
import { describe, expect, it } from "vitest";
import { rowCounts, tempDbPath } from "./helpers.ts";

function cli(db: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { env: { ...process.env, ATTENDANCE_DB: db }, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("the command line", () => {
  it("seeds an organisation, records punches and approved leave, and prints the month as JSON", () => {
    const db = tempDbPath();
    expect(cli(db, ["seed", "--org-only"]).code).toBe(0);
    expect(cli(db, ["punch", "--user", "wang", "--at", "2025-05-06T09:10:00+08:00", "--at", "2025-05-06T17:30:00+08:00"]).code).toBe(0);
    expect(cli(db, ["leave", "--user", "wang", "--type", "annual", "--from", "2025-05-12", "--to", "2025-05-13", "--approve", "--json"]).out).toMatch(/"status":"approved"/);
    const summary = JSON.parse(cli(db, ["summary", "--user", "wang", "--month", "2025-05", "--json"]).out);
    expect(summary).toMatchObject({ login: "wang", requiredDays: 19, attendedDays: 1, lateCount: 1, lateMinutes: 10, earlyLeaveCount: 1, earlyLeaveMinutes: 30, absentDays: 16, leaveDays: { total: 2, byType: { annual: 2 } }, fullAttendance: false, judgedThrough: "2025-05-31" });
  });

  it("refuses a second seed and bad input with a clear message, writing nothing", () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    const before = rowCounts(db);
    const again = cli(db, ["seed"]);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already has employees/);
    const bad = cli(db, ["leave", "--user", "wang", "--type", "holiday", "--from", "2025-05-12"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/UNKNOWN_LEAVE_TYPE/);
    const reversed = cli(db, ["punch", "--user", "wang", "--at", "yesterday"]);
    expect(reversed.err).toMatch(/INVALID_DATE/);
    expect(rowCounts(db)).toEqual(before);
  });

  it("answers a batch of utterances with --jsonl --dry-run and leaves the database as it was", () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    const before = rowCounts(db);
    const lines = [
      { id: "a", text: "check me in", now: "2026-11-26T08:55:00+08:00", user: "wang" },
      { id: "b", text: "请12月1号到3号的年假", now: "2026-11-26T08:55:00+08:00", user: "wang" },
      { id: "c", text: "我们组今天还有谁没打卡", now: "2026-11-26T09:30:00+08:00", user: "chen" },
    ];
    const r = cli(db, ["ask", "--jsonl", "--dry-run"], lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const out = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(out).toEqual([
      { id: "a", toolCalls: [{ name: "checkIn", args: {} }], reply: "Checked in at 8:55, on time." },
      { id: "b", toolCalls: [{ name: "requestLeave", args: expect.objectContaining({ type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" }) }], reply: expect.stringMatching(/^已提交12月1日到3日的年假申请，共3个工作日/) },
      { id: "c", toolCalls: [{ name: "getTeamAttendance", args: expect.any(Object) }], reply: expect.stringMatching(/^你的团队12人，今天还有12人没打卡/) },
    ]);
    expect(rowCounts(db)).toEqual(before);
  });

  it("records a punch typed at the command line with method api", async () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    await runCli(["ask", "--user", "wang", "--now", "2026-11-26T08:55:00+08:00", "check me in"], loadConfig({ ATTENDANCE_DB: db }), () => {});
    const rows = new Database(db, { readonly: true }).prepare("SELECT p.method FROM punches p JOIN employees e ON e.id = p.employee_id WHERE e.login = 'wang'").all();
    expect(rows).toEqual([{ method: "api" }]);
  });

  it("mints, lists and revokes tokens of at most 90 days, and writes a private backup that opens", async () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    expect(cli(db, ["token", "wang"]).out.trim()).toMatch(/^at_[\w-]{43}$/);
    // The rest in-process (runCli, as the entry runs it): each spawn costs seconds on a busy machine.
    const run = async (args: string[]) => {
      const lines: string[] = [];
      await runCli([...args, "--json"], loadConfig({ ATTENDANCE_DB: db }), (l) => lines.push(l));
      return JSON.parse(lines.at(-1)!) as unknown;
    };
    await expect(run(["token", "wang", "--hours", "2161"])).rejects.toThrow(/A token lasts at most 2160 hours/);
    const [listed] = (await run(["token", "--list", "wang"])) as { id: number }[];
    expect(await run(["token", "--revoke", String(listed.id)])).toEqual({ id: listed.id, revoked: true });
    expect(await run(["token", "--list", "wang"])).toEqual([]);
    const file = db.replace(/attendance\.db$/, "backup.db");
    expect(cli(db, ["backup", file]).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    for (const f of [db, file]) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect((new Database(file, { readonly: true }).prepare("SELECT COUNT(*) n FROM employees").get() as { n: number }).n).toBeGreaterThan(25);
  });
});

describe("sign-in outside demo mode", () => {
  // Three processes and two scrypt hashes at N=2^17: minutes on a loaded 2-core machine.
  it("needs the password set with `cli password`", { timeout: 180_000 }, async () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    expect(cli(db, ["password", "wang"], "short\n").err).toMatch(/at least 12/);
    expect(cli(db, ["password", "wang"], "correct horse battery\n").code).toBe(0);
    const { openSystem } = await import("../src/system.ts");
    const { loadConfig } = await import("../src/config.ts");
    const { createApp } = await import("../src/http/app.ts");
    const sys = await openSystem({ db, config: loadConfig({ DEMO_MODE: "0" }) });
    const app = createApp(sys);
    const signIn = (body: unknown) => app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await signIn({ login: "wang" })).status).toBe(401);
    expect((await signIn({ login: "wang", password: "wrong password" })).status).toBe(401);
    expect((await signIn({ login: "chen", password: "correct horse battery" })).status).toBe(401);
    const ok = await signIn({ login: "wang", password: "correct horse battery" });
    expect(ok.status).toBe(200);
    expect((await app.request("/api/auth/demo-people")).status).toBe(404);
    await sys.close();
  });
});

describe("recording leave HR already knows about", () => {
  it("overdraws a balance with a warning instead of refusing", () => {
    const db = tempDbPath();
    cli(db, ["seed", "--org-only"]);
    const r = cli(db, ["leave", "--user", "wang", "--type", "annual", "--from", "2025-05-12", "--to", "2025-05-20", "--approve", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ days: 7, status: "approved" });
    expect(r.err).toMatch(/annual balance for 2025 is now -2 days/);
  });
});
