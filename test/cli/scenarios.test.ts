/**
 * Whole months driven through the command line, as HR would type them, on a fresh database file
 * each: shifts, assignments, rosters, punches of every kind, overtime, leave, correction requests
 * (a refused one must fail), then the summary and balances, compared with hand-computed figures
 * (test/fixtures/scenarios-rules-v2.json). Commands run in-process, each opening the file anew.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { failureOf, runCli } from "../../src/cli/run.ts";
import { loadConfig } from "../../src/config.ts";
import { tempDbPath } from "../helpers.ts";

interface Scenario {
  name: string;
  login: string;
  month: string;
  policy?: Record<string, string | number>;
  shifts?: { code: string; start: string; end: string; flex?: number; grace?: number }[];
  assign?: { shift: string; user?: string; department?: string }[];
  roster?: { user?: string; date: string; shift: string }[];
  punches?: string[];
  ins?: string[];
  outs?: string[];
  overtime?: { date: string; start: string; end: string; compensation?: string; approve?: boolean }[];
  leaves?: { type: string; from: string; to?: string; half?: string }[];
  corrections?: { date: string; kind: string; time: string; reason?: string; approve?: boolean; expectError?: boolean }[];
  expect?: Record<string, unknown>;
  balance?: { type: string; at: string; expect: Record<string, unknown> } | { type: string; at: string; expect: Record<string, unknown> }[];
}

const scenarios = JSON.parse(readFileSync(new URL("../fixtures/scenarios-rules-v2.json", import.meta.url), "utf8")) as Scenario[];

/** Requests are made at 10:00 on the first day after the month, as a person would the next morning. */
function morningAfter(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, "0")}-01T10:00:00+08:00`;
}

/** The commands of a scenario in order, each with whether it must be refused. */
function commands(s: Scenario): { args: string[]; refused?: boolean }[] {
  const now = ["--now", morningAfter(s.month)];
  const out: { args: string[]; refused?: boolean }[] = [{ args: ["seed", "--org-only"] }];
  for (const [k, v] of Object.entries(s.policy ?? {})) out.push({ args: ["policy", "--set", `${k}=${v}`] });
  for (const sh of s.shifts ?? [])
    out.push({ args: ["shift", "--code", sh.code, "--start", sh.start, "--end", sh.end, ...(sh.flex != null ? ["--flex", String(sh.flex)] : []), ...(sh.grace != null ? ["--grace", String(sh.grace)] : [])] });
  for (const a of s.assign ?? []) out.push({ args: ["assign", "--shift", a.shift, ...(a.department && !a.user ? ["--department", a.department] : ["--user", a.user ?? s.login])] });
  for (const r of s.roster ?? []) out.push({ args: ["roster", "--user", r.user ?? s.login, "--date", r.date, "--shift", r.shift] });
  if (s.punches || s.ins || s.outs)
    out.push({ args: ["punch", "--user", s.login, ...(s.punches ?? []).flatMap((p) => ["--at", p]), ...(s.ins ?? []).flatMap((p) => ["--in", p]), ...(s.outs ?? []).flatMap((p) => ["--out", p])] });
  for (const o of s.overtime ?? [])
    out.push({ args: ["overtime", "--user", s.login, "--date", o.date, "--start", o.start, "--end", o.end, ...now, ...(o.compensation ? ["--compensation", o.compensation] : []), ...(o.approve ? ["--approve"] : [])] });
  for (const l of s.leaves ?? []) out.push({ args: ["leave", "--user", s.login, "--type", l.type, "--from", l.from, "--to", l.to ?? l.from, "--approve", ...(l.half ? ["--half", l.half] : [])] });
  for (const c of s.corrections ?? [])
    out.push({
      args: ["correction", "--user", s.login, "--date", c.date, "--kind", c.kind, "--time", c.time, ...now, ...(c.reason ? ["--reason", c.reason] : []), ...(c.approve ? ["--approve"] : [])],
      refused: c.expectError === true,
    });
  return out;
}

/** Runs one command on `db`; its JSON output, or the failure it ended with. */
async function cli(db: string, args: string[]): Promise<{ code: number; json?: unknown; error?: string }> {
  const lines: string[] = [];
  try {
    const code = await runCli([...args, "--json"], loadConfig({ ATTENDANCE_DB: db }), (l) => lines.push(l));
    return { code, json: lines.length ? JSON.parse(lines.at(-1)!) : undefined };
  } catch (err) {
    const { code, message } = failureOf(err);
    return { code, error: message };
  }
}

const pick = (o: unknown, dotted: string) => dotted.split(".").reduce<unknown>((x, k) => (x == null ? undefined : (x as Record<string, unknown>)[k]), o);

describe("monthly scenarios through the command line", () => {
  for (const s of scenarios) {
    it(`${s.month} ${s.name}`, async () => {
      const db = tempDbPath();
      for (const c of commands(s)) {
        const r = await cli(db, c.args);
        if (c.refused) expect(r.code, `${c.args.join(" ")} must be refused`).toBe(1);
        else expect(r, c.args.slice(0, 3).join(" ")).toMatchObject({ code: 0 });
      }
      if (s.expect) {
        const summary = (await cli(db, ["summary", "--user", s.login, "--month", s.month])).json;
        const got = Object.fromEntries(Object.keys(s.expect).map((k) => [k, pick(summary, k) ?? (typeof s.expect![k] === "number" ? 0 : undefined)]));
        expect(got).toEqual(s.expect);
      }
      for (const b of [s.balance ?? []].flat()) {
        const balance = (await cli(db, ["balance", "--user", s.login, "--type", b.type, "--at", b.at])).json;
        expect(balance, `${b.type} at ${b.at}`).toMatchObject(b.expect);
      }
    });
  }
});
