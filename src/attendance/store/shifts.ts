/** Shifts, who works which (a department's default, a person's own), and dated roster entries. */
import type { ShiftAssignments } from "../schedule.ts";
import type { RosterEntry, Shift } from "../types.ts";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

const toShift = (r: Row): Shift => ({
  code: r.code as string,
  name: r.name as string,
  nameEn: r.name_en as string,
  start: r.start_time as string,
  end: r.end_time as string,
  flexMinutes: Number(r.flex_minutes),
  graceMinutes: Number(r.grace_minutes),
});

export class ShiftRepository {
  constructor(private readonly db: SqlDb) {}

  /** Creates the shift, or updates the one with its code. */
  async save(s: Shift): Promise<void> {
    await this.db.run(
      `INSERT INTO shifts (code, name, name_en, start_time, end_time, flex_minutes, grace_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, start_time = excluded.start_time,
       end_time = excluded.end_time, flex_minutes = excluded.flex_minutes, grace_minutes = excluded.grace_minutes`,
      [s.code, s.name, s.nameEn, s.start, s.end, s.flexMinutes, s.graceMinutes],
    );
  }

  async all(): Promise<Shift[]> {
    return (await this.db.all("SELECT * FROM shifts ORDER BY code")).map(toShift);
  }

  async byCode(code: string): Promise<Shift | undefined> {
    const r = await this.db.get("SELECT * FROM shifts WHERE code = ?", [code]);
    return r && toShift(r);
  }

  /** Assigns a shift to a department or a person; null removes the assignment. */
  async assign(scope: "department" | "employee", targetId: number, code: string | null): Promise<void> {
    if (code === null) {
      await this.db.run("DELETE FROM shift_assignments WHERE scope = ? AND target_id = ?", [scope, targetId]);
      return;
    }
    await this.db.run(
      "INSERT INTO shift_assignments (scope, target_id, shift_code) VALUES (?, ?, ?) ON CONFLICT (scope, target_id) DO UPDATE SET shift_code = excluded.shift_code",
      [scope, targetId, code],
    );
  }

  async assignments(): Promise<ShiftAssignments> {
    const rows = await this.db.all<{ scope: string; target_id: number; shift_code: string }>("SELECT scope, target_id, shift_code FROM shift_assignments");
    const departments = new Map<number, string>();
    const employees = new Map<number, string>();
    for (const r of rows) (r.scope === "department" ? departments : employees).set(Number(r.target_id), r.shift_code);
    return { departments, employees };
  }

  /** Writes roster entries, replacing any for the same person and date. */
  async setRoster(entries: RosterEntry[]): Promise<void> {
    for (const e of entries)
      await this.db.run(
        "INSERT INTO roster (employee_id, date, shift_code) VALUES (?, ?, ?) ON CONFLICT (employee_id, date) DO UPDATE SET shift_code = excluded.shift_code",
        [e.employeeId, e.date, e.shiftCode],
      );
  }

  /** Removes a person's roster entry for a date (the usual shift applies again); returns the entry removed, if there was one. */
  async removeRoster(employeeId: number, date: string): Promise<RosterEntry | undefined> {
    const [entry] = await this.roster([employeeId], date, date);
    if (entry) await this.db.run("DELETE FROM roster WHERE employee_id = ? AND date = ?", [employeeId, date]);
    return entry;
  }

  /** Roster entries of the given people (everyone when null) in [from, to]. */
  async roster(employeeIds: number[] | null, from: string, to: string): Promise<RosterEntry[]> {
    const args: SqlValue[] = [from, to];
    let sql = "SELECT employee_id, date, shift_code FROM roster WHERE date >= ? AND date <= ?";
    if (employeeIds) {
      sql += ` AND employee_id IN (${employeeIds.map(() => "?").join(",") || "NULL"})`;
      args.push(...employeeIds);
    }
    const rows = await this.db.all<{ employee_id: number; date: string; shift_code: string | null }>(`${sql} ORDER BY date`, args);
    return rows.map((r) => ({ employeeId: Number(r.employee_id), date: r.date, shiftCode: r.shift_code }));
  }
}
