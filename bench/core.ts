/**
 * Attendance core figures: punches per second into the store, the time to compute 1,000 monthly
 * summaries, and (benchHttp) check-ins per second over HTTP on loopback beside a bare Hono route.
 * Prints one JSON line per figure.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { SYSTEM_ACTOR } from "../src/attendance/permissions.ts";
import { openSystem } from "../src/system.ts";
import { startServer } from "./process.ts";
import { WorkCalendar } from "../src/attendance/calendar.ts";
import { fromLocal, addDays } from "../src/attendance/time.ts";

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

export async function benchCore(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "attendance-bench-"));
  try {
    await storePunches(path.join(dir, "store.db"));
    await summaries(path.join(dir, "summaries.db"), false);
    await summaries(path.join(dir, "summaries-rules.db"), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHttp(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "attendance-bench-"));
  try {
    await httpCheckIns(path.join(dir, "http.db"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storePunches(db: string) {
  let now = 1_800_000_000_000;
  const sys = await openSystem({ db, seed: "org", clock: () => now });
  const people = await sys.store.people.list();
  const runs: number[] = [];
  const servicePunch: number[] = [];
  for (let run = 0; run < 5; run++) {
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const e = people[i % people.length];
      await sys.store.punches.add({ employeeId: e.id, atMs: 1_790_000_000_000 + run * 1e9 + i * 60_000, kind: "in", method: "api", recordedBy: e.id }, Date.now());
    }
    runs.push(n / ((performance.now() - t0) / 1000));
    // The full check-in path: duplicate check, insert and audit entry in one transaction.
    const t1 = performance.now();
    now = 1_800_000_000_000 + run * 1e9;
    for (let i = 0; i < 5_000; i++) {
      now += 61_000;
      await sys.attendance.punch(people[i % people.length], { method: "api" });
    }
    servicePunch.push(5_000 / ((performance.now() - t1) / 1000));
  }
  report({ bench: "store.addPunch", unit: "punches/s", median: Math.round(median(runs)), runs: runs.map(Math.round), target: 20_000 });
  report({ bench: "attendance.punch (dedupe + insert + audit, own transaction)", unit: "punches/s", median: Math.round(median(servicePunch)), runs: servicePunch.map(Math.round) });
  await sys.close();
}

/**
 * 1,000 monthly summaries. With `rules`, people work three shifts (a department default, a flexible
 * one of their own for a third, a night roster for a tenth with a day off), and have approved
 * corrections and overtime: what rules v2 reads besides punches and leave.
 */
async function summaries(db: string, rules: boolean) {
  const sys = await openSystem({ db, seed: "org", clock: () => Date.parse("2026-11-26T08:55:00+08:00") });
  const [dept] = await sys.store.people.departments();
  const policy = await sys.attendance.policy(SYSTEM_ACTOR);
  const calendar = new WorkCalendar(await sys.attendance.holidays(SYSTEM_ACTOR));
  if (rules) {
    await sys.shifts.saveShift(SYSTEM_ACTOR, { code: "DAY", start: "08:30", end: "17:30" });
    await sys.shifts.saveShift(SYSTEM_ACTOR, { code: "FLEX", start: "09:00", end: "18:00", flexMinutes: 60 });
    await sys.shifts.saveShift(SYSTEM_ACTOR, { code: "NIGHT", start: "22:00", end: "06:00" });
    await sys.shifts.assign(SYSTEM_ACTOR, "DAY", { department: dept.code });
  }
  await sys.store.transaction(async (tx) => {
    // 1,000 employees besides the admin account, which keeps no attendance.
    for (let i = (await tx.people.list()).length; i <= 1000; i++) {
      const e = await tx.people.add({ login: `bench${i}`, name: `员工${i}`, nameEn: `Bench ${i}`, departmentId: dept.id, managerId: null, role: "employee", hireDate: "2020-01-01", language: "zh" });
      if (rules && i % 3 === 0) await tx.shifts.assign("employee", e.id, "FLEX");
      if (rules && i % 10 === 0)
        await tx.shifts.setRoster([
          ...["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15"].map((date) => ({ employeeId: e.id, date, shiftCode: "NIGHT" })),
          { employeeId: e.id, date: "2026-10-16", shiftCode: null },
        ]);
      for (let d = "2026-10-01"; d <= "2026-10-31"; d = addDays(d, 1)) {
        if (!calendar.isWorkday(d)) continue;
        await tx.punches.add({ employeeId: e.id, atMs: fromLocal(d, 8 * 60 + 40 + (i % 30), policy.timeZone), kind: "in", method: "api", recordedBy: e.id }, 0);
        await tx.punches.add({ employeeId: e.id, atMs: fromLocal(d, 18 * 60 + (i % 50), policy.timeZone), kind: "out", method: "api", recordedBy: e.id }, 0);
      }
      if (!rules) continue;
      for (const date of ["2026-10-20", "2026-10-27"]) {
        const c = await tx.corrections.add({ employeeId: e.id, date, kind: "out", time: "18:00", atMs: fromLocal(date, 18 * 60, policy.timeZone), reason: null, status: "pending", createdAtMs: 0 });
        await tx.corrections.decide(c.id, { status: "approved", approverId: null, comment: null, decidedMs: 0 });
      }
      const o = await tx.overtime.add({ employeeId: e.id, date: "2026-10-17", start: "09:00", end: "15:00", compensation: "leave", reason: null, minutes: 300, category: "restDay", status: "pending", createdAtMs: 0 });
      await tx.overtime.decide(o.id, { status: "approved", approverId: null, comment: null, decidedMs: 0 });
    }
  });
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    count = (await sys.attendance.monthlySummaries(SYSTEM_ACTOR, "2026-10")).length;
    times.push(performance.now() - t0);
  }
  const what = rules ? "monthly summaries with shifts, rosters, corrections and overtime" : "monthly summaries";
  report({ bench: what, employees: count, unit: "ms", median: Math.round(median(times)), runs: times.map((t) => Math.round(t)), target: "< 300" });
  await sys.close();
}

/**
 * Check-ins over HTTP beside a bare Hono route (bench/bare-server.ts) under the same load, in
 * alternating runs of one process run, so their ratio is what our request path costs.
 */
async function httpCheckIns(db: string) {
  const setup = await openSystem({ db, seed: "org" });
  // Every request must insert, at any hour the bench runs: no 60-second duplicate window, and a
  // shift that has not ended (a check-in after the shift's end is refused).
  await setup.attendance.setPolicy(SYSTEM_ACTOR, { duplicatePunchSeconds: 0, shiftStart: "00:00", shiftEnd: "23:59" });
  // 2,000 people, each punching a few times a run as people do, rather than the demo's 30 punching
  // hundreds of times a day each (a day's punches are read to judge a check-in).
  const [dept] = await setup.store.people.departments();
  await setup.store.transaction(async (tx) => {
    for (let i = (await tx.people.list()).length; i < 2_000; i++) {
      await tx.people.add({ login: `http${i}`, name: `员工${i}`, nameEn: `Http ${i}`, departmentId: dept.id, managerId: null, role: "employee", hireDate: "2020-01-01", language: "zh" });
    }
  });
  const tokens = await Promise.all((await setup.store.people.list()).map((e) => setup.auth.issueToken(e.login)));
  await setup.close();
  // The voice engines are left unconfigured (no key for the OpenAI ones): their start-up warm-up
  // (sphinx's grammar model, espeak's WASM) would otherwise share the cores with the first runs.
  const product = startServer("src/server.ts", { ATTENDANCE_DB: db, PORT: "0", HOST: "127.0.0.1", VOICE_STT: "openai", VOICE_TTS: "openai", OPENAI_API_KEY: "" });
  const bare = startServer("bench/bare-server.ts", {});
  try {
    const urls = { bare: await bare.url, checkIn: await product.url };
    // One token after another across all connections: autocannon walks a `requests` list from its
    // start on every connection, so 32 connections would punch the same person at the same moment
    // and the first few hundred people would gather hundreds of punches a day.
    let next = 0;
    const requests = [{ method: "POST" as const, path: "/api/punches/check-in", setupRequest: (req: autocannon.Request) => ({ ...req, headers: { authorization: `Bearer ${tokens[next++ % tokens.length]}` } }) }];
    for (const url of Object.values(urls)) await autocannon({ url, connections: 32, duration: 2, requests }); // warm-up: JIT and caches
    // autocannon shares the two cores with the server; pipelining shows what the server alone can take.
    for (const [label, pipelining, connections] of [["32 connections", 1, 32], ["10 connections x 10 pipelined", 10, 10]] as const) {
      const rates = { bare: [] as number[], checkIn: [] as number[] };
      const cpu = { bare: [] as number[], checkIn: [] as number[] };
      for (let run = 0; run < 3; run++) {
        for (const which of ["bare", "checkIn"] as const) {
          const pid = (which === "bare" ? bare : product).child.pid;
          const cpu0 = cpuSeconds(pid);
          const result = await autocannon({ url: urls[which], connections, pipelining, duration: 4, requests });
          const cpu1 = cpuSeconds(pid);
          rates[which].push(result.requests.average);
          if (cpu0 !== null && cpu1 !== null && result.requests.total > 0) cpu[which].push(((cpu1 - cpu0) / result.requests.total) * 1e6);
          if (result.non2xx) report({ warning: `non-2xx responses (${which})`, count: result.non2xx });
        }
      }
      const [bareRate, checkInRate] = [median(rates.bare), median(rates.checkIn)];
      report({ bench: `HTTP bare Hono route on loopback (autocannon, ${label})`, unit: "requests/s", median: Math.round(bareRate), runs: rates.bare.map(Math.round) });
      report({ bench: `HTTP check-in on loopback (autocannon, ${label})`, unit: "check-ins/s", median: Math.round(checkInRate), runs: rates.checkIn.map(Math.round), target: 3_000 });
      report({ bench: `HTTP check-in / bare route (${label})`, unit: "ratio", value: Math.round((checkInRate / bareRate) * 100) / 100, target: ">= 0.4" });
      // The server's own CPU time per request: what our code costs, whatever else the machine runs.
      if (cpu.bare.length && cpu.checkIn.length)
        report({ bench: `HTTP server CPU per request (${label})`, unit: "µs", bare: Math.round(median(cpu.bare)), checkIn: Math.round(median(cpu.checkIn)), ratio: Math.round((median(cpu.bare) / median(cpu.checkIn)) * 100) / 100, loadAverage1m: Math.round(loadavg()[0] * 10) / 10 });
    }
  } finally {
    product.child.kill("SIGTERM");
    bare.child.kill("SIGTERM");
  }
}
