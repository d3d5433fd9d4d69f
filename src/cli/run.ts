import { readFileSync } from "node:fs";
import { DomainError } from "../attendance/errors.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import type { ImportReport } from "../attendance/directory/import.ts";
import type { Config } from "../config.ts";
import { openSystem, type Core } from "../system.ts";
import { has, instant, one, parseArgs, required, type ParsedArgs } from "./args.ts";
import { PLACE_COMMANDS, runPlaceCommand } from "./places.ts";
import { RULE_COMMANDS, runRuleCommand } from "./rules.ts";

const usage = (config: Config) => `usage: npm run cli -- <command> [options]
  ask [--user LOGIN] [--now ISO] [--dry-run] [--json] [--jsonl] [--audio FILE.wav] [TEXT]
  punch --user LOGIN [--at ISO]... [--in ISO]... [--out ISO]... [--note TEXT]
                                 HR records punches, audited; --at picks the kind as a bare punch does
  shift --code C --start HH:MM --end HH:MM [--flex N] [--grace N] [--name TEXT] [--name-en TEXT]
  assign --shift C (--user LOGIN | --department CODE)
  roster --user LOGIN --date D --shift C|off
  correction --user LOGIN --date D --kind in|out --time HH:MM [--reason TEXT] [--approve] [--now ISO]
  overtime --user LOGIN --date D --start HH:MM --end HH:MM [--compensation leave|pay] [--reason TEXT] [--approve] [--now ISO]
  policy [--set KEY=VALUE ...]
  balance --user LOGIN [--type TYPE] [--at DATE]
  site --name N [--lat X --lng Y] [--radius M] [--network CIDR]... [--active|--inactive] [--department CODE --rule none|site|siteOrField]
                                 sets up (or changes) an office site; with --department, that department punches by the rule there
  erase-locations                erases punch coordinates and photos older than the policy's locationRetentionDays
  leave --user LOGIN --type TYPE --from DATE [--to DATE] [--half am|pm] [--reason TEXT] [--approve]
  summary --user LOGIN --month YYYY-MM [--json]
  init --admin LOGIN --name NAME   the first administrator of an empty database; prints a one-time password
  token LOGIN [--hours N] [--name LABEL]   an API token (default 12 hours, at most 2160 = 90 days)
  token --list LOGIN | token --revoke ID
  password LOGIN                 reads the new password (12+ characters) from stdin; ends LOGIN's sessions and tokens
  import FILE [--dry-run] [--create-departments]
                                 a staff list (CSV or XLSX, English or Chinese headers); all of it or nothing
  seed [--org-only]
  reminders --at ISO [--dry-run] [--json]   what the scheduler sends at that instant ([{login, rule, channel, text}]); nothing with --dry-run
  backup FILE
Database: ATTENDANCE_DB (now ${config.databaseFile}).`;

const BOOLEANS = new Set(["json", "jsonl", "dry-run", "approve", "org-only", "help", "list", "active", "inactive", "create-departments"]);

/**
 * Runs one command with `config`, writing its output lines to `out`; resolves to the exit code.
 * A DomainError or a bad argument rejects: `failureOf` says how the process ends for it.
 */
export async function runCli(argv: string[], config: Config, out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    out(usage(config));
    return command ? 0 : 2;
  }
  const args = parseArgs(rest, BOOLEANS);
  // `reminders --at` is the instant the scheduler decides at: the clock of the whole command.
  const now = one(args, "now") ?? (command === "reminders" ? required(args, "at") : undefined);
  const clock = now ? (() => { const t = instant(now); return () => t; })() : Date.now;
  const json = has(args, "json");
  const print = (value: unknown, text: string) => out(json ? JSON.stringify(value) : text);

  if (command === "ask") {
    const { runAsk } = await import("./ask.ts");
    return runAsk(args, clock, config);
  }
  // An empty database gets the demo organisation only where demo sign-in is allowed (never for init).
  const system = await openSystem({ config, clock, seed: command === "seed" || command === "init" ? "none" : undefined });
  try {
    if (RULE_COMMANDS.has(command)) return await runRuleCommand(system, command, args, print);
    if (PLACE_COMMANDS.has(command)) return await runPlaceCommand(system, command, args, print);
    switch (command) {
      case "seed": {
        const seeded = await system.seed({ history: !has(args, "org-only") });
        print(seeded, `Seeded ${seeded.employees} people, ${seeded.punches} punches, ${seeded.leaves} leave requests.`);
        return 0;
      }
      case "leave": {
        const half = one(args, "half");
        const leave = await system.leave.request(
          SYSTEM_ACTOR,
          required(args, "user"),
          { type: required(args, "type"), startDate: required(args, "from"), endDate: one(args, "to"), halfDay: half as "am" | "pm" | undefined, reason: one(args, "reason") },
          // The CLI records what HR knows happened: an overdrawn balance is reported, not refused.
          { approve: has(args, "approve"), overdraw: true },
        );
        const balance = await system.leave.balance(SYSTEM_ACTOR, required(args, "user"), leave.type, Number(leave.startDate.slice(0, 4)));
        if (balance.remaining !== null && balance.remaining < 0) console.error(`warning: ${required(args, "user")}'s ${leave.type} balance for ${balance.year} is now ${balance.remaining} days`);
        print(leave, `Leave #${leave.id}: ${leave.type} ${leave.startDate}..${leave.endDate}, ${leave.days} day(s), ${leave.status}.`);
        return 0;
      }
      case "summary": {
        const s = await system.attendance.monthlySummary(SYSTEM_ACTOR, required(args, "user"), required(args, "month"));
        print(s, JSON.stringify(s, null, 2));
        return 0;
      }
      case "init": {
        const { user, password } = await system.auth.initAdmin(required(args, "admin"), required(args, "name"));
        print(
          { login: user.login, oneTimePassword: password },
          `Created administrator ${user.login}. One-time password (shown once; it must be changed at first sign-in):\n${password}`,
        );
        return 0;
      }
      case "token":
        return await tokenCommand(system, args, print);
      case "import":
        return await importCommand(system, args, print);
      case "password": {
        const login = args.positional[0];
        // Asked before reading stdin, so a wrong login fails at once instead of waiting for input.
        if (!login || !(await system.people.forSignIn(login))) throw new DomainError("NOT_FOUND", `No employee ${login ?? "(none given)"}`);
        await system.auth.setPassword(SYSTEM_ACTOR, login, readFileSync(0, "utf8").split("\n")[0].replace(/\r$/, ""));
        print({ login }, `Password set for ${login}; their sessions and tokens have ended.`);
        return 0;
      }
      case "reminders": {
        const { runReminders } = await import("./reminders.ts");
        return await runReminders(system, config, args, print);
      }
      case "backup": {
        const file = args.positional[0];
        if (!file) throw new Error("backup needs a FILE");
        await system.backup(file);
        print({ file }, `Backed up to ${file}.`);
        return 0;
      }
      default:
        console.error(`Unknown command ${command}\n${usage(config)}`);
        return 2;
    }
  } finally {
    await system.close();
  }
}

/** `import FILE [--dry-run] [--create-departments]`: the report, or every problem by row and column (exit 1). */
async function importCommand(system: Core, args: ParsedArgs, print: (value: unknown, text: string) => void): Promise<number> {
  const file = args.positional[0];
  if (!file) throw new Error("import needs a FILE");
  const options = { dryRun: has(args, "dry-run"), createDepartments: has(args, "create-departments") };
  let report: ImportReport;
  try {
    report = await system.directory.importFile(SYSTEM_ACTOR, readFileSync(file), options);
  } catch (err) {
    if (!(err instanceof DomainError && err.code === "IMPORT_INVALID")) throw err;
    report = err.details.report as ImportReport;
  }
  const problems = report.errors.map((e) => `row ${e.row}, ${e.column}: ${e.code} ${e.message}`);
  const { create, update, unchanged } = report.counts;
  const outcome = report.errors.length ? "nothing imported" : report.applied ? "imported" : "dry run, nothing written";
  print(report, [`${create} to create, ${update} to update, ${unchanged} unchanged; ${outcome}.`, ...problems].join("\n"));
  return report.errors.length ? 1 : 0;
}

/** `token LOGIN [--hours N] [--name L]`, `token --list LOGIN`, `token --revoke ID`. */
async function tokenCommand(system: Core, args: ParsedArgs, print: (value: unknown, text: string) => void): Promise<number> {
  const revoke = one(args, "revoke");
  if (revoke !== undefined) {
    if (!/^\d+$/.test(revoke)) throw new DomainError("INVALID_INPUT", `--revoke takes a token id, got ${revoke}`);
    const revoked = await system.auth.revokeToken(Number(revoke));
    if (!revoked) throw new DomainError("NOT_FOUND", `No token #${revoke}`);
    print({ id: Number(revoke), revoked }, `Revoked token #${revoke}.`);
    return 0;
  }
  const login = args.positional[0] ?? one(args, "user");
  if (!login) throw new DomainError("NOT_FOUND", "No employee (none given)");
  if (has(args, "list")) {
    const tokens = await system.auth.tokens(login);
    const line = (t: (typeof tokens)[number]) => `#${t.id}  ${t.name ?? "-"}  created ${new Date(t.createdMs).toISOString()}  expires ${new Date(t.expiresMs).toISOString()}`;
    print(tokens, tokens.length ? tokens.map(line).join("\n") : `${login} has no tokens.`);
    return 0;
  }
  const hours = one(args, "hours") ?? "12";
  if (!/^\d+(\.\d+)?$/.test(hours)) throw new DomainError("INVALID_INPUT", `--hours takes a number of hours, got ${hours}`);
  const token = await system.auth.issueToken(login, Number(hours), one(args, "name") ?? "cli");
  print({ login, token }, token);
  return 0;
}

/** A failure's message for stderr and the exit code: 1 for a refusal with a code, 2 for anything else. */
export function failureOf(err: unknown): { message: string; code: number } {
  const message = err instanceof DomainError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  return { message: `error: ${message}`, code: err instanceof DomainError ? 1 : 2 };
}
