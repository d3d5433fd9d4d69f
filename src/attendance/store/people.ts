/** Departments and employees, and the password hashes kept with them. */
import type { Department, Employee, EmploymentPeriod } from "../types.ts";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

const toEmployee = (r: Row): Employee => ({
  id: r.id as number,
  login: r.login as string,
  name: r.name as string,
  nameEn: r.name_en as string,
  departmentId: r.department_id as number,
  managerId: r.manager_id as number | null,
  role: r.role as Employee["role"],
  hireDate: r.hire_date as string,
  careerStart: r.career_start as string,
  language: r.language as Employee["language"],
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  status: r.status as Employee["status"],
  leavingDate: (r.leaving_date as string | null) ?? null,
  pastEmployment: r.past_employment && r.past_employment !== "[]" ? (JSON.parse(r.past_employment as string) as EmploymentPeriod[]) : [],
});

const toDepartment = (r: Row): Department => ({
  id: r.id as number,
  code: r.code as string,
  name: r.name as string,
  nameEn: r.name_en as string,
  parentId: (r.parent_id as number | null) ?? null,
  headId: (r.head_id as number | null) ?? null,
  active: Number(r.active ?? 1) === 1,
});

/** What decides whether and when someone is expected at work: an employee's roll entry. */
export type RollEntry = Pick<Employee, "id" | "departmentId" | "managerId" | "role" | "hireDate" | "leavingDate" | "pastEmployment">;

/** A new employee: everything but the id; the career starts at hire unless said otherwise; active, no contact details by default. */
export interface NewEmployee extends Omit<Employee, "id" | "careerStart" | "email" | "phone" | "status" | "leavingDate" | "pastEmployment"> {
  careerStart?: string;
  email?: string | null;
  phone?: string | null;
  passwordHash?: string | null;
}

/** A new department: code and names; no parent, no head, active unless said. */
export type NewDepartment = Pick<Department, "code" | "name" | "nameEn"> & Partial<Pick<Department, "parentId" | "headId" | "active">>;

/** The columns of an employee a directory change may write. */
export type EmployeeChange = Partial<Omit<Employee, "id" | "login">>;
/** The columns of a department a directory change may write. */
export type DepartmentChange = Partial<Omit<Department, "id" | "code">>;

const EMPLOYEE_COLUMNS: Record<keyof EmployeeChange, string> = {
  name: "name",
  nameEn: "name_en",
  departmentId: "department_id",
  managerId: "manager_id",
  role: "role",
  hireDate: "hire_date",
  careerStart: "career_start",
  language: "language",
  email: "email",
  phone: "phone",
  status: "status",
  leavingDate: "leaving_date",
  pastEmployment: "past_employment",
};
const DEPARTMENT_COLUMNS: Record<keyof DepartmentChange, string> = { name: "name", nameEn: "name_en", parentId: "parent_id", headId: "head_id", active: "active" };

/** `SET a = ?, b = ?` and its values for the fields given. */
function assignments<T extends object>(change: T, columns: Record<keyof T, string>): { sql: string; args: SqlValue[] } {
  const keys = (Object.keys(change) as (keyof T)[]).filter((k) => change[k] !== undefined && columns[k]);
  const args = keys.map((k): SqlValue => {
    const v = change[k] as unknown;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (Array.isArray(v)) return JSON.stringify(v);
    return v as SqlValue;
  });
  return { sql: keys.map((k) => `${columns[k]} = ?`).join(", "), args };
}

/**
 * Employees by login, for the lookup every signed-in request makes. Shared by a store and its
 * transactions. Every write to an employee clears it (writes are rare), and reads inside a
 * transaction never fill it, so it never holds what a rolled-back transaction wrote. It is per
 * process: a store shared by several servers must not keep it (or must hear of other servers' writes).
 */
export class EmployeeCache {
  private readonly byLogin = new Map<string, Employee>();
  /**
   * Everyone as last read, with the employees' revision it was read at (see
   * {@link PeopleRepository.revision}): a month's summaries or an export of ten thousand people
   * then reads one number instead of every row, and another process's write still shows.
   */
  everyone?: { revision: number; list: readonly Employee[] };
  get(login: string): Employee | undefined {
    return this.byLogin.get(login);
  }
  set(e: Employee): void {
    this.byLogin.set(e.login, e);
  }
  clear(): void {
    this.byLogin.clear();
  }
}

export class PeopleRepository {
  constructor(
    private readonly db: SqlDb,
    private readonly cache: EmployeeCache,
    /** True on a transaction's handle: reads then must not fill the shared cache. */
    private readonly inTransaction: boolean,
  ) {}

  async isEmpty(): Promise<boolean> {
    const row = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM employees");
    return Number(row?.n ?? 0) === 0;
  }

  async addDepartment(d: NewDepartment): Promise<Department> {
    const row = await this.db.get<{ id: number }>("INSERT INTO departments (code, name, name_en, parent_id, head_id, active) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", [
      d.code,
      d.name,
      d.nameEn,
      d.parentId ?? null,
      d.headId ?? null,
      d.active === false ? 0 : 1,
    ]);
    return { id: Number(row!.id), parentId: null, headId: null, active: true, ...d };
  }

  async updateDepartment(id: number, change: DepartmentChange): Promise<void> {
    const set = assignments(change, DEPARTMENT_COLUMNS);
    if (set.args.length) await this.db.run(`UPDATE departments SET ${set.sql} WHERE id = ?`, [...set.args, id]);
  }

  async departmentByCode(code: string): Promise<Department | undefined> {
    const r = await this.db.get("SELECT * FROM departments WHERE code = ?", [code]);
    return r && toDepartment(r);
  }

  async departments(): Promise<Department[]> {
    return (await this.db.all("SELECT * FROM departments ORDER BY id")).map(toDepartment);
  }

  async department(id: number): Promise<Department | undefined> {
    const r = await this.db.get("SELECT * FROM departments WHERE id = ?", [id]);
    return r && toDepartment(r);
  }

  async add(e: NewEmployee): Promise<Employee> {
    this.cache.clear();
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO employees (login, name, name_en, department_id, manager_id, role, hire_date, career_start, language, email, phone, password_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [e.login, e.name, e.nameEn, e.departmentId, e.managerId, e.role, e.hireDate, e.careerStart ?? e.hireDate, e.language, e.email ?? null, e.phone ?? null, e.passwordHash ?? null],
    );
    // Built from what was written (and the columns' defaults) rather than read back: an import adds thousands.
    return {
      id: Number(row!.id),
      login: e.login,
      name: e.name,
      nameEn: e.nameEn,
      departmentId: e.departmentId,
      managerId: e.managerId,
      role: e.role,
      hireDate: e.hireDate,
      careerStart: e.careerStart ?? e.hireDate,
      language: e.language,
      email: e.email ?? null,
      phone: e.phone ?? null,
      status: "active",
      leavingDate: null,
      pastEmployment: [],
    };
  }

  /** Writes the fields given; the caller has checked them (src/attendance/directory). */
  async update(id: number, change: EmployeeChange): Promise<void> {
    const set = assignments(change, EMPLOYEE_COLUMNS);
    if (!set.args.length) return;
    this.cache.clear();
    await this.db.run(`UPDATE employees SET ${set.sql} WHERE id = ?`, [...set.args, id]);
  }

  async byEmail(email: string): Promise<Employee | undefined> {
    const r = await this.db.get("SELECT * FROM employees WHERE email = ?", [email.toLowerCase()]);
    return r && toEmployee(r);
  }

  /** Removes an employee who has no records (a mistaken entry); their tokens stop working at once. */
  async remove(id: number): Promise<boolean> {
    this.cache.clear();
    return (await this.db.run("DELETE FROM employees WHERE id = ?", [id])).changes > 0;
  }

  async byId(id: number): Promise<Employee | undefined> {
    const r = await this.db.get("SELECT * FROM employees WHERE id = ?", [id]);
    return r && toEmployee(r);
  }

  async byLogin(login: string): Promise<Employee | undefined> {
    const cached = this.cache.get(login);
    if (cached) return cached;
    const r = await this.db.get("SELECT * FROM employees WHERE login = ?", [login]);
    const e = r && toEmployee(r);
    if (e && !this.inTransaction) this.cache.set(e);
    return e;
  }

  /**
   * A number that changes with every change to any employee row (kept by the database, so another
   * process's writes count too): what was read of everyone stays true while it is the same.
   */
  async revision(): Promise<number> {
    const row = await this.db.get<{ n: number }>("SELECT n FROM revisions WHERE name = 'employees'");
    return Number(row?.n ?? 0);
  }

  /** Everyone's roll: the few facts that decide who is expected when, without the rest of each row (the reminders read it every minute). */
  async roll(): Promise<RollEntry[]> {
    const rows = await this.db.all<Row>("SELECT id, department_id, manager_id, role, hire_date, leaving_date, past_employment FROM employees ORDER BY id");
    return rows.map((r) => ({
      id: r.id as number,
      departmentId: r.department_id as number,
      managerId: r.manager_id as number | null,
      role: r.role as Employee["role"],
      hireDate: r.hire_date as string,
      leavingDate: (r.leaving_date as string | null) ?? null,
      pastEmployment: r.past_employment && r.past_employment !== "[]" ? (JSON.parse(r.past_employment as string) as EmploymentPeriod[]) : [],
    }));
  }

  /** The employees with these ids, in id order. */
  async byIds(ids: readonly number[]): Promise<Employee[]> {
    const out: Employee[] = [];
    // In slices: a statement takes a bounded number of parameters.
    for (let k = 0; k < ids.length; k += 5000) {
      const slice = ids.slice(k, k + 5000);
      out.push(...(await this.db.all(`SELECT * FROM employees WHERE id IN (${slice.map(() => "?").join(",")})`, slice)).map(toEmployee));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /**
   * Everyone, or one department, or one manager's direct reports, in id order. Everyone's entries
   * are shared between calls while no employee row changes, so they are frozen: not to be changed.
   */
  async list(filter: { departmentId?: number; managerId?: number } = {}): Promise<Employee[]> {
    if (filter.managerId !== undefined) return (await this.db.all("SELECT * FROM employees WHERE manager_id = ? ORDER BY id", [filter.managerId])).map(toEmployee);
    if (filter.departmentId !== undefined) return (await this.db.all("SELECT * FROM employees WHERE department_id = ? ORDER BY id", [filter.departmentId])).map(toEmployee);
    // Inside a transaction the rows may be its own uncommitted writes: read, never kept.
    if (this.inTransaction) return (await this.db.all("SELECT * FROM employees ORDER BY id")).map(toEmployee);
    // The revision first: a change landing between the two reads then only makes the next call read again.
    const revision = await this.revision();
    if (this.cache.everyone?.revision !== revision) {
      const list = (await this.db.all("SELECT * FROM employees ORDER BY id")).map((r) => Object.freeze(toEmployee(r)));
      this.cache.everyone = { revision, list };
    }
    return [...this.cache.everyone.list];
  }

  /** The stored password hash, and whether it is a one-time password to be changed at first sign-in. */
  async password(id: number): Promise<{ hash: string | null; temporary: boolean }> {
    const r = await this.db.get<{ password_hash: string | null; password_temporary: number }>("SELECT password_hash, password_temporary FROM employees WHERE id = ?", [id]);
    return { hash: r?.password_hash ?? null, temporary: Number(r?.password_temporary ?? 0) === 1 };
  }

  async setPasswordHash(id: number, hash: string, temporary = false): Promise<void> {
    this.cache.clear();
    await this.db.run("UPDATE employees SET password_hash = ?, password_temporary = ? WHERE id = ?", [hash, temporary ? 1 : 0, id]);
  }
}
