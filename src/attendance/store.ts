import Database from "better-sqlite3";
import type { HolidayDay } from "./calendar.ts";
import { configure, migrate } from "./migrations.ts";
import type {
  Department,
  Employee,
  LeaveRequest,
  LeaveStatus,
  LeaveType,
  Location,
  Policy,
  Punch,
  PunchMethod,
} from "./types.ts";
import { DEFAULT_POLICY } from "./types.ts";

type Row = Record<string, any>;

const toEmployee = (r: Row): Employee => ({
  id: r.id,
  login: r.login,
  name: r.name,
  nameEn: r.name_en,
  departmentId: r.department_id,
  managerId: r.manager_id,
  role: r.role,
  hireDate: r.hire_date,
  careerStart: r.career_start,
  language: r.language,
});

const toPunch = (r: Row): Punch => ({
  id: r.id,
  employeeId: r.employee_id,
  atMs: r.at_ms,
  method: r.method,
  location: r.latitude === null ? null : { latitude: r.latitude, longitude: r.longitude, accuracyM: r.accuracy_m ?? undefined },
  recordedBy: r.recorded_by,
  recordedAtMs: r.created_ms,
  note: r.note,
});

const toLeave = (r: Row): LeaveRequest => ({
  id: r.id,
  employeeId: r.employee_id,
  type: r.type,
  startDate: r.start_date,
  endDate: r.end_date,
  halfDay: r.half_day,
  days: r.days,
  status: r.status,
  approverId: r.approver_id,
  reason: r.reason,
  createdAtMs: r.created_ms,
  decidedAtMs: r.decided_ms,
});

export interface NewEmployee extends Omit<Employee, "id" | "careerStart"> {
  careerStart?: string;
  passwordHash?: string | null;
}

export interface NewPunch {
  employeeId: number;
  atMs: number;
  method: PunchMethod;
  location?: Location | null;
  recordedBy: number;
  note?: string | null;
}

/** A leave request as filed: everything but the id and the decision, which come later. */
export type NewLeave = Omit<LeaveRequest, "id" | "approverId" | "decidedAtMs">;

/** The SQLite system of record. Plain reads and writes; the rules live in the service. */
export class AttendanceStore {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string | Database.Database) {
    this.db = typeof file === "string" ? new Database(file) : file;
    configure(this.db);
    migrate(this.db);
    const db = this.db;
    this.stmts = {
      employeeById: db.prepare("SELECT * FROM employees WHERE id = ?"),
      employeeByLogin: db.prepare("SELECT * FROM employees WHERE login = ?"),
      insertPunch: db.prepare(
        `INSERT INTO punches (employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms)
         VALUES (@employeeId, @atMs, @method, @latitude, @longitude, @accuracyM, @recordedBy, @note, @createdMs)`,
      ),
      punchesBetween: db.prepare("SELECT * FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms"),
      lastRecordedPunch: db.prepare("SELECT * FROM punches WHERE employee_id = ? ORDER BY id DESC LIMIT 1"),
      leaveById: db.prepare("SELECT * FROM leave_requests WHERE id = ?"),
      audit: db.prepare(
        `INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  private readonly statements = new Map<string, Database.Statement>();
  /** A prepared statement, compiled once per SQL text. */
  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // Organisation

  isEmpty(): boolean {
    return (this.sql("SELECT COUNT(*) n FROM employees").get() as Row).n === 0;
  }

  addDepartment(d: Omit<Department, "id">): Department {
    const info = this.sql("INSERT INTO departments (code, name, name_en) VALUES (?, ?, ?)").run(d.code, d.name, d.nameEn);
    return { id: Number(info.lastInsertRowid), ...d };
  }

  departments(): Department[] {
    return (this.sql("SELECT * FROM departments ORDER BY id").all() as Row[]).map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
    }));
  }

  addEmployee(e: NewEmployee): Employee {
    const info = this
      .sql(
        `INSERT INTO employees (login, name, name_en, department_id, manager_id, role, hire_date, career_start, language, password_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.login, e.name, e.nameEn, e.departmentId, e.managerId, e.role, e.hireDate, e.careerStart ?? e.hireDate, e.language, e.passwordHash ?? null);
    return this.employee(Number(info.lastInsertRowid))!;
  }

  employee(id: number): Employee | undefined {
    const r = this.stmts.employeeById.get(id) as Row | undefined;
    return r && toEmployee(r);
  }

  // Every authenticated request looks its caller up; the organisation changes only through addEmployee.
  private readonly byLogin = new Map<string, Employee>();
  employeeByLogin(login: string): Employee | undefined {
    const cached = this.byLogin.get(login);
    if (cached) return cached;
    const r = this.stmts.employeeByLogin.get(login) as Row | undefined;
    const e = r && toEmployee(r);
    if (e) this.byLogin.set(login, e);
    return e;
  }

  passwordHash(id: number): string | null {
    return ((this.sql("SELECT password_hash FROM employees WHERE id = ?").get(id) as Row | undefined)?.password_hash as string) ?? null;
  }

  setPasswordHash(id: number, hash: string): void {
    this.sql("UPDATE employees SET password_hash = ? WHERE id = ?").run(hash, id);
  }

  employees(filter: { departmentId?: number; managerId?: number } = {}): Employee[] {
    if (filter.managerId !== undefined)
      return (this.sql("SELECT * FROM employees WHERE manager_id = ? ORDER BY id").all(filter.managerId) as Row[]).map(toEmployee);
    if (filter.departmentId !== undefined)
      return (this.sql("SELECT * FROM employees WHERE department_id = ? ORDER BY id").all(filter.departmentId) as Row[]).map(toEmployee);
    return (this.sql("SELECT * FROM employees ORDER BY id").all() as Row[]).map(toEmployee);
  }

  // Settings and policy

  setting(key: string): string | undefined {
    return (this.sql("SELECT value FROM settings WHERE key = ?").get(key) as Row | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.sql("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  policy(): Policy {
    const raw = this.setting("policy");
    return raw ? { ...DEFAULT_POLICY, ...JSON.parse(raw) } : DEFAULT_POLICY;
  }

  // Punches

  addPunch(p: NewPunch, createdMs: number): Punch {
    const location = p.location ?? null;
    const info = this.stmts.insertPunch.run({
      employeeId: p.employeeId,
      atMs: p.atMs,
      method: p.method,
      latitude: p.location?.latitude ?? null,
      longitude: p.location?.longitude ?? null,
      accuracyM: p.location?.accuracyM ?? null,
      recordedBy: p.recordedBy,
      note: p.note ?? null,
      createdMs,
    });
    // Built from what was written rather than read back: this is the hot path of every check-in.
    return { id: Number(info.lastInsertRowid), employeeId: p.employeeId, atMs: p.atMs, method: p.method, location, recordedBy: p.recordedBy, recordedAtMs: createdMs, note: p.note ?? null };
  }

  punches(employeeId: number, fromMs: number, toMs: number): Punch[] {
    return (this.stmts.punchesBetween.all(employeeId, fromMs, toMs) as Row[]).map(toPunch);
  }

  /** The earliest punch in [fromMs, midMs) and the latest in [midMs, toMs): what decides a day. */
  extremePunches(employeeId: number, fromMs: number, midMs: number, toMs: number): number[] {
    const first = this.sql("SELECT MIN(at_ms) t FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ?").get(employeeId, fromMs, midMs) as Row;
    const last = this.sql("SELECT MAX(at_ms) t FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ?").get(employeeId, midMs, toMs) as Row;
    return [first.t, last.t].filter((t): t is number => t !== null);
  }

  /** Punch instants of many employees at once, for department and company views. */
  punchInstants(employeeIds: number[] | null, fromMs: number, toMs: number): Map<number, number[]> {
    const rows = this
      .sql("SELECT employee_id, at_ms FROM punches WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms")
      .raw()
      .all(fromMs, toMs) as [number, number][];
    const wanted = employeeIds && new Set(employeeIds);
    const out = new Map<number, number[]>();
    for (const [id, at] of rows) {
      if (wanted && !wanted.has(id)) continue;
      const list = out.get(id);
      if (list) list.push(at);
      else out.set(id, [at]);
    }
    return out;
  }

  /** The punch recorded last (not necessarily the latest instant: corrections can be backdated). */
  lastRecordedPunch(employeeId: number): Punch | undefined {
    const r = this.stmts.lastRecordedPunch.get(employeeId) as Row | undefined;
    return r && toPunch(r);
  }

  // Leave

  addLeave(l: NewLeave): LeaveRequest {
    const info = this
      .sql(
        `INSERT INTO leave_requests (employee_id, type, start_date, end_date, half_day, days, status, reason, created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(l.employeeId, l.type, l.startDate, l.endDate, l.halfDay, l.days, l.status, l.reason, l.createdAtMs);
    return this.leave(Number(info.lastInsertRowid))!;
  }

  leave(id: number): LeaveRequest | undefined {
    const r = this.stmts.leaveById.get(id) as Row | undefined;
    return r && toLeave(r);
  }

  setLeaveStatus(id: number, status: LeaveStatus, approverId: number | null, decidedMs: number): LeaveRequest {
    this.sql("UPDATE leave_requests SET status = ?, approver_id = ?, decided_ms = ? WHERE id = ?").run(status, approverId, decidedMs, id);
    return this.leave(id)!;
  }

  /** Leave of the given employees (all when null) touching [from, to], in the given statuses. */
  leaves(filter: { employeeIds?: number[] | null; from?: string; to?: string; statuses?: LeaveStatus[] }): LeaveRequest[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.employeeIds) {
      where.push(`employee_id IN (${filter.employeeIds.map(() => "?").join(",") || "NULL"})`);
      args.push(...filter.employeeIds);
    }
    if (filter.to) {
      where.push("start_date <= ?");
      args.push(filter.to);
    }
    if (filter.from) {
      where.push("end_date >= ?");
      args.push(filter.from);
    }
    if (filter.statuses) {
      where.push(`status IN (${filter.statuses.map(() => "?").join(",")})`);
      args.push(...filter.statuses);
    }
    const sql = `SELECT * FROM leave_requests ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY start_date, id`;
    return (this.sql(sql).all(...args) as Row[]).map(toLeave);
  }

  grantedDays(employeeId: number, year: number, type: LeaveType): number {
    return ((this.sql("SELECT days FROM leave_grants WHERE employee_id = ? AND year = ? AND type = ?").get(employeeId, year, type) as Row | undefined)?.days as number) ?? 0;
  }

  setGrant(employeeId: number, year: number, type: LeaveType, days: number): void {
    this
      .sql("INSERT INTO leave_grants (employee_id, year, type, days) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET days = excluded.days")
      .run(employeeId, year, type, days);
  }

  // Holidays

  holidays(): HolidayDay[] {
    return (this.sql("SELECT * FROM holidays ORDER BY date").all() as Row[]).map((r) => ({
      date: r.date,
      name: r.name,
      isOffDay: r.is_off_day === 1,
    }));
  }

  /** Replaces a year's statutory days with `days`. */
  replaceHolidayYear(year: number, days: HolidayDay[]): void {
    this.transaction(() => {
      this.sql("DELETE FROM holidays WHERE date LIKE ?").run(`${year}-%`);
      const insert = this.sql("INSERT INTO holidays (date, name, is_off_day) VALUES (?, ?, ?)");
      for (const d of days) insert.run(d.date, d.name, d.isOffDay ? 1 : 0);
    });
  }

  // Audit

  audit(entry: { atMs: number; actorId: number | null; action: string; entity: string; entityId: string | number | null; before?: unknown; after?: unknown }): void {
    this.stmts.audit.run(
      entry.atMs,
      entry.actorId,
      entry.action,
      entry.entity,
      entry.entityId === null ? null : String(entry.entityId),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
  }

  auditLog(limit = 100): Row[] {
    return this.sql("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?").all(limit) as Row[];
  }
}
