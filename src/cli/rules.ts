/**
 * The CLI's commands for shifts, rosters, corrections, overtime, the policy and balances: what the
 * monthly scenarios drive. Every command acts as DESIGN.md says: HR's edits as the system; a
 * correction or overtime request as the person themself, approved by their manager.
 */
import { DomainError } from "../attendance/errors.ts";
import type { Actor } from "../attendance/permissions.ts";
import { SYSTEM_ACTOR } from "../attendance/permissions.ts";
import { policyAssignment } from "../attendance/policy.ts";
import { LEAVE_TYPES, type LeaveType, type PunchIntent } from "../attendance/types.ts";
import { isValidDate } from "../attendance/time.ts";
import type { Core } from "../system.ts";
import { all, has, instant, one, type ParsedArgs, required } from "./args.ts";

type Print = (value: unknown, text: string) => void;

/** Commands this file handles. */
export const RULE_COMMANDS = new Set(["punch", "shift", "assign", "roster", "correction", "overtime", "policy", "balance"]);


function minutes(args: ParsedArgs, name: string): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new DomainError("INVALID_INPUT", `--${name} takes whole minutes`, { field: name });
  return Number(v);
}

/** The person a request is made as, and who approves it: their manager, or HR (the system) when they have none. */
async function requesterAndApprover(system: Core, login: string): Promise<{ me: Actor; approver: Actor }> {
  const me = await system.people.employee(SYSTEM_ACTOR, login);
  const manager = me.managerId === null ? undefined : await system.people.employeeById(SYSTEM_ACTOR, me.managerId);
  return { me, approver: manager ?? SYSTEM_ACTOR };
}

export async function runRuleCommand(system: Core, command: string, args: ParsedArgs, print: Print): Promise<number> {
  switch (command) {
    case "punch": {
      const login = required(args, "user");
      const entries = [
        ...all(args, "at").map((s) => ({ atMs: instant(s), kind: "auto" as PunchIntent })),
        ...all(args, "in").map((s) => ({ atMs: instant(s), kind: "in" as PunchIntent })),
        ...all(args, "out").map((s) => ({ atMs: instant(s), kind: "out" as PunchIntent })),
      ];
      const punches = await system.attendance.correctPunches(SYSTEM_ACTOR, login, entries, one(args, "note") ?? null);
      print(punches, `Recorded ${punches.length} punch(es) for ${login}: ${punches.map((p) => p.kind).join(", ")}.`);
      return 0;
    }
    case "shift": {
      const shift = await system.shifts.saveShift(SYSTEM_ACTOR, {
        code: required(args, "code"),
        start: required(args, "start"),
        end: required(args, "end"),
        flexMinutes: minutes(args, "flex"),
        graceMinutes: minutes(args, "grace"),
        name: one(args, "name"),
        nameEn: one(args, "name-en"),
      });
      print(shift, `Shift ${shift.code}: ${shift.start}-${shift.end}, flex ${shift.flexMinutes}, grace ${shift.graceMinutes}.`);
      return 0;
    }
    case "assign": {
      const login = one(args, "user");
      const department = one(args, "department");
      if (!login === !department) throw new DomainError("INVALID_INPUT", "Give --user or --department");
      const done = await system.shifts.assign(SYSTEM_ACTOR, required(args, "shift"), { login, department });
      print(done, `${done.login ?? done.department} works ${done.shift}.`);
      return 0;
    }
    case "roster": {
      const entries = await system.shifts.setRoster(SYSTEM_ACTOR, [{ login: required(args, "user"), date: required(args, "date"), shift: required(args, "shift") }]);
      print(entries, `Rostered ${required(args, "user")} on ${required(args, "date")}: ${required(args, "shift")}.`);
      return 0;
    }
    case "correction": {
      const { me, approver } = await requesterAndApprover(system, required(args, "user"));
      let c = await system.corrections.request(me, { date: required(args, "date"), kind: required(args, "kind"), time: required(args, "time"), reason: one(args, "reason") });
      if (has(args, "approve")) c = await system.corrections.decide(approver, c.id, "approved");
      print(c, `Correction #${c.id}: ${c.kind} at ${c.time} on ${c.date}, ${c.status}.`);
      return 0;
    }
    case "overtime": {
      const { me, approver } = await requesterAndApprover(system, required(args, "user"));
      let o = await system.overtime.request(me, {
        date: required(args, "date"),
        start: required(args, "start"),
        end: required(args, "end"),
        compensation: one(args, "compensation"),
        reason: one(args, "reason"),
      });
      if (has(args, "approve")) o = await system.overtime.decide(approver, o.id, "approved");
      print(o, `Overtime #${o.id}: ${o.date} ${o.start}-${o.end}, ${o.minutes / 60} h ${o.category}, ${o.compensation}, ${o.status}.`);
      return 0;
    }
    case "policy": {
      let policy = await system.attendance.policy(SYSTEM_ACTOR);
      for (const assignment of all(args, "set")) policy = await system.attendance.setPolicy(SYSTEM_ACTOR, policyAssignment(assignment));
      print(policy, JSON.stringify(policy, null, 2));
      return 0;
    }
    case "balance": {
      const login = required(args, "user");
      const at = one(args, "at") ?? (await system.attendance.today());
      if (!isValidDate(at)) throw new DomainError("INVALID_DATE", "--at must be YYYY-MM-DD");
      const type = one(args, "type");
      if (type !== undefined && !(LEAVE_TYPES as readonly string[]).includes(type)) throw new DomainError("UNKNOWN_LEAVE_TYPE", `Unknown leave type ${type}`);
      const balances = await system.leave.balancesAt(SYSTEM_ACTOR, login, at);
      const shown = type ? balances.find((b) => b.type === (type as LeaveType))! : balances;
      print(shown, JSON.stringify(shown, null, 2));
      return 0;
    }
    default:
      return 2;
  }
}
