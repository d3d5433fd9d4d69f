import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import type { Actor } from "./permissions.ts";
import { canManageAll } from "./permissions.ts";
import { checkShift, DEFAULT_SHIFT_CODE, defaultShift } from "./shifts.ts";
import type { AttendanceStore } from "./store/index.ts";
import type { RosterEntry, Shift } from "./types.ts";
import { isValidDate } from "./time.ts";

/** One roster line as HR writes it: a person, a date, a shift code or "off". */
export interface RosterInput {
  login: string;
  date: string;
  shift: string;
}

/** Shifts, who works which, and the roster: HR's. Everyone may read the shifts. */
export class ShiftService {
  constructor(private readonly ctx: AttendanceContext) {}

  /** The policy's default shift and every shift HR made. */
  async shifts(_actor: Actor): Promise<Shift[]> {
    return [defaultShift(await this.ctx.policy()), ...(await this.ctx.store.shifts.all())];
  }

  /** Creates or updates a shift (the default shift is the policy's: change it there). */
  async saveShift(actor: Actor, input: Parameters<typeof checkShift>[0]): Promise<Shift> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can change shifts");
    const shift = checkShift(input);
    if (shift.code === DEFAULT_SHIFT_CODE)
      throw new DomainError("INVALID_INPUT", `${DEFAULT_SHIFT_CODE} is the policy's shift; change it through the policy`, { field: "code" });
    return this.ctx.store.transaction(async (tx) => {
      const before = await tx.shifts.byCode(shift.code);
      await tx.shifts.save(shift);
      await this.ctx.audit(tx, actor, before ? "update" : "create", "shift", shift.code, before, shift);
      return shift;
    });
  }

  private async knownCode(store: AttendanceStore, code: string): Promise<string> {
    if (code === DEFAULT_SHIFT_CODE || (await store.shifts.byCode(code))) return code;
    throw new DomainError("UNKNOWN_SHIFT", `No shift ${code}`, { code });
  }

  /** Makes a shift a department's default, or one person's own (overriding their department's). */
  async assign(actor: Actor, code: string, target: { login?: string; department?: string }): Promise<{ shift: string; login?: string; department?: string }> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can assign shifts");
    return this.ctx.store.transaction(async (tx) => {
      await this.knownCode(tx, code);
      if (target.login) {
        const e = await this.ctx.visibleEmployee(actor, target.login, tx);
        await tx.shifts.assign("employee", e.id, code);
        await this.ctx.audit(tx, actor, "assign", "shift", code, undefined, { login: e.login });
        return { shift: code, login: e.login };
      }
      const dept = (await tx.people.departments()).find((d) => d.code === target.department);
      if (!dept) throw new DomainError("NOT_FOUND", `No department ${target.department ?? "(none given)"}`, { what: "department" });
      await tx.shifts.assign("department", dept.id, code);
      await this.ctx.audit(tx, actor, "assign", "shift", code, undefined, { department: dept.code });
      return { shift: code, department: dept.code };
    });
  }

  /**
   * Writes dated roster entries: a shift that day, or "off" (a rest day for that person). HR may
   * roster anyone, a manager their own reports. All or nothing.
   */
  async setRoster(actor: Actor, entries: RosterInput[]): Promise<RosterEntry[]> {
    if (entries.length === 0) throw new DomainError("INVALID_INPUT", "Give at least one roster entry");
    return this.ctx.store.transaction(async (tx) => {
      const out: RosterEntry[] = [];
      for (const [i, e] of entries.entries()) {
        if (!isValidDate(e.date)) throw new DomainError("INVALID_DATE", `Line ${i + 1}: the date must be YYYY-MM-DD`, { line: i + 1 });
        const person = await this.ctx.visibleEmployee(actor, e.login, tx);
        if (!canManageAll(actor) && person.managerId !== actor.id) throw new DomainError("FORBIDDEN", "Only HR or the person's manager can change their roster");
        const off = e.shift.toLowerCase() === "off";
        out.push({ employeeId: person.id, date: e.date, shiftCode: off ? null : await this.knownCode(tx, e.shift) });
      }
      await tx.shifts.setRoster(out);
      await this.ctx.audit(tx, actor, "roster", "roster", null, undefined, entries);
      return out;
    });
  }

  /**
   * Removes a person's roster entry for a date, so the usual shift applies again; HR, or the
   * person's manager, as for writing one. NOT_FOUND when the date has no entry. Audited.
   */
  async removeRoster(actor: Actor, login: string, date: string): Promise<RosterEntry> {
    if (!isValidDate(date)) throw new DomainError("INVALID_DATE", "The date must be YYYY-MM-DD");
    return this.ctx.store.transaction(async (tx) => {
      const person = await this.ctx.visibleEmployee(actor, login, tx);
      if (!canManageAll(actor) && person.managerId !== actor.id) throw new DomainError("FORBIDDEN", "Only HR or the person's manager can change their roster");
      const removed = await tx.shifts.removeRoster(person.id, date);
      if (!removed) throw new DomainError("NOT_FOUND", `${login} has no roster entry on ${date}`, { what: "rosterEntry", date });
      await this.ctx.audit(tx, actor, "delete", "roster", person.id, { login, date, shift: removed.shiftCode ?? "off" }, undefined);
      return removed;
    });
  }

  /** Roster entries from CSV lines `login,date,shift` (a header line is skipped). */
  async importRoster(actor: Actor, csv: string): Promise<RosterEntry[]> {
    const lines = csv.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^login\s*,/i.test(l));
    const entries = lines.map((line, i) => {
      const [login, date, shift, ...rest] = line.split(",").map((c) => c.trim());
      if (!login || !date || !shift || rest.length) throw new DomainError("INVALID_INPUT", `Line ${i + 1}: expected login,date,shift`, { line: i + 1 });
      return { login, date, shift };
    });
    return this.setRoster(actor, entries);
  }

  /** Roster entries of a person in [from, to], for calendars. */
  async roster(actor: Actor, login: string, from: string, to: string): Promise<RosterEntry[]> {
    const e = await this.ctx.visibleEmployee(actor, login);
    return this.ctx.store.shifts.roster([e.id], from, to);
  }
}
