/**
 * The directory at a company's scale: a 10,000-person staff list (CSV, 50 departments, managers
 * named further down the file) imported as a dry run and for real, then the month's summaries and
 * today's department figures for all of them, with a punch in and out on each past workday of
 * the month. One JSON line per figure; targets from issue 11.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SYSTEM_ACTOR } from "../src/attendance/permissions.ts";
import { openSystem } from "../src/system.ts";

const report = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const PEOPLE = 10_000;

/** The staff list as CSV bytes: every 20th person manages the 19 after them, named by login. */
function staffCsv(n: number): Uint8Array {
  const lines = ["login,name,nameEn,email,department,manager,role,hireDate,careerStart,language,wecom,feishu,dingtalk,slack"];
  for (let i = 0; i < n; i++) {
    const boss = i % 20 === 0 ? "" : `p${i - (i % 20)}`;
    lines.push(`p${i},员工${i},Person ${i},p${i}@bench.example,DEPT${i % 50},${boss},${boss ? "employee" : "manager"},2020-01-0${1 + (i % 9)},,zh,wc${i},,,`);
  }
  return new TextEncoder().encode("\ufeff" + lines.join("\n") + "\n");
}

const ms = (t0: number) => Math.round(performance.now() - t0);
/** CPU time of this process since `c0` (ms): on a machine shared with other work, closer to what the code costs than the wall clock. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 1000);
};

export async function benchDirectory(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "directory-bench-"));
  const now = Date.parse("2026-11-26T18:30:00+08:00");
  const sys = await openSystem({ db: path.join(dir, "directory.db"), seed: "none", clock: () => now });
  try {
    await sys.auth.initAdmin("alice", "Alice Admin");
    const file = staffCsv(PEOPLE);
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const dry = await sys.directory.importFile(SYSTEM_ACTOR, file, { dryRun: true, createDepartments: true });
    report({ bench: "directory", figure: "import dry run", people: PEOPLE, ms: ms(t0), cpuMs: cpuMs(c0), targetMs: 1000, errors: dry.errors.length });
    t0 = performance.now();
    c0 = process.cpuUsage();
    const real = await sys.directory.importFile(SYSTEM_ACTOR, file, { createDepartments: true });
    report({ bench: "directory", figure: "import", people: PEOPLE, ms: ms(t0), cpuMs: cpuMs(c0), targetMs: 2000, created: real.counts.create });
    t0 = performance.now();
    c0 = process.cpuUsage();
    const again = await sys.directory.importFile(SYSTEM_ACTOR, file, { dryRun: true });
    report({ bench: "directory", figure: "import dry run over an imported directory", people: PEOPLE, ms: ms(t0), cpuMs: cpuMs(c0), targetMs: 1000, unchanged: again.counts.unchanged });

    // Punches for the month so far: in at 08:55, out at 18:05 on each workday through the 25th.
    const people = await sys.store.people.list();
    await sys.store.transaction(async (tx) => {
      for (let day = 2; day <= 25; day++) {
        const date = `2026-11-${String(day).padStart(2, "0")}`;
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        const inMs = Date.parse(`${date}T08:55:00+08:00`);
        for (const e of people) {
          await tx.punches.add({ employeeId: e.id, atMs: inMs, kind: "in", method: "api", recordedBy: e.id }, inMs);
          await tx.punches.add({ employeeId: e.id, atMs: inMs + 9 * 3_600_000 + 600_000, kind: "out", method: "api", recordedBy: e.id }, inMs);
        }
      }
    });
    for (let run = 0; run < 2; run++) {
      t0 = performance.now();
      c0 = process.cpuUsage();
      const summaries = await sys.attendance.monthlySummaries(SYSTEM_ACTOR, "2026-11");
      report({ bench: "directory", figure: "monthly summaries", run, people: summaries.length, ms: ms(t0), cpuMs: cpuMs(c0), targetMs: 500 });
      t0 = performance.now();
      c0 = process.cpuUsage();
      const departments = await sys.attendance.departmentsDay(SYSTEM_ACTOR, "2026-11-26");
      report({ bench: "directory", figure: "department figures today", run, departments: departments.length, ms: ms(t0), cpuMs: cpuMs(c0), targetMs: 500 });
    }
  } finally {
    await sys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
