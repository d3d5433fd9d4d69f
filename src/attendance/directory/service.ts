/**
 * The directory: departments (a tree with heads) and employees, managed by HR, read by managers
 * for their reports. Every change is audited and made in one transaction; leaving ends the
 * person's sessions and tokens and cancels their pending requests in the same one.
 */
import type { AttendanceContext } from "../context.ts";
import { isActiveOn } from "../employment.ts";
import { DomainError } from "../errors.ts";
import { canManageAll, canSeeTeam, SYSTEM_ACTOR, type Actor } from "../permissions.ts";
import type { AttendanceStore, SqlDb } from "../store/index.ts";
import { IM_PLATFORMS, type Department, type Employee, type ImIds, type ImPlatform } from "../types.ts";
import { checkMayChangePrivileged, checkNotLastAdmin, checkRoleChange, requireDirectoryManager } from "./rules.ts";
import {
  DepartmentPatchSchema,
  EmailSchema,
  EmployeePatchSchema,
  LoginSchema,
  NameSchema,
  EmployeeQuerySchema,
  NewDepartmentSchema,
  NewEmployeeSchema,
  type DepartmentPatch,
  type EmployeePatch,
  type EmployeeQuery,
  type NewDepartmentInput,
  type NewEmployeeInput,
} from "./schemas.ts";
import { chainReaches, departmentSubtree, departmentView, employeesCsv, employeeView, type DepartmentView, type EmployeeView, type Names, type Page } from "./views.ts";
import { cancelPendingRequests } from "./leaving.ts";
import { applyImport } from "./import-apply.ts";
import { directoryState, planImport, type ImportOptions, type ImportReport } from "./import.ts";
import { readTable, type Table } from "./table-file.ts";
import { z } from "zod";

/**
 * People's chat ids, kept by the chat side (src/im) and written through the database handle the
 * directory gives, so they commit or roll back with the directory's transaction.
 */
export interface ChatIdRecords {
  all(db: SqlDb): Promise<Map<number, ImIds>>;
  of(db: SqlDb, employeeId: number): Promise<ImIds>;
  ownerOf(db: SqlDb, platform: ImPlatform, imId: string): Promise<number | undefined>;
  set(db: SqlDb, employeeId: number, platform: ImPlatform, imId: string | null): Promise<void>;
}

/** Without the chat tables (a bare attendance store): nobody has chat ids, and none can be set. */
export const NO_CHAT_IDS: ChatIdRecords = {
  all: async () => new Map(),
  of: async () => ({}),
  ownerOf: async () => undefined,
  set: async () => {
    throw new DomainError("INVALID_INPUT", "Chat ids are not kept by this store", { field: "im" });
  },
};

/** Parses with a domain schema; the first problem is an INVALID_INPUT naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const field = first?.path.join(".") ?? "";
  throw new DomainError("INVALID_INPUT", `${field || "input"}: ${first?.message ?? "invalid"}`, { field });
}

export class DirectoryService {
  constructor(
    private readonly ctx: AttendanceContext,
    private readonly chatIds: ChatIdRecords = NO_CHAT_IDS,
  ) {}

  private async names(store: AttendanceStore, withIm: boolean): Promise<Names & { people: Employee[]; departments: Department[] }> {
    const [people, departments, im] = await Promise.all([store.people.list(), store.people.departments(), withIm ? this.chatIds.all(store.db) : new Map<number, ImIds>()]);
    return { people, departments, loginOf: new Map(people.map((p) => [p.id, p.login])), codeOf: new Map(departments.map((d) => [d.id, d.code])), im };
  }

  /** The department tree, flat, parents before children where possible: anyone signed in may read it. */
  async departments(_actor: Actor): Promise<DepartmentView[]> {
    const n = await this.names(this.ctx.store, false);
    const today = await this.ctx.today();
    const headcount = new Map<number, number>();
    for (const p of n.people) if (isActiveOn(p, today)) headcount.set(p.departmentId, (headcount.get(p.departmentId) ?? 0) + 1);
    return n.departments.map((d) => departmentView(d, n, headcount.get(d.id) ?? 0));
  }

  private async department(store: AttendanceStore, code: string): Promise<Department> {
    const d = await store.people.departmentByCode(code);
    if (!d) throw new DomainError("UNKNOWN_DEPARTMENT", `No department ${code}`, { field: "department", code });
    return d;
  }

  /** An active person to head a department or manage someone. */
  private async activePerson(store: AttendanceStore, login: string, field: string): Promise<Employee> {
    const e = await store.people.byLogin(login);
    if (!e || e.status !== "active") throw new DomainError("UNKNOWN_MANAGER", `No active employee ${login}`, { field, login });
    return e;
  }

  async addDepartment(actor: Actor, input: NewDepartmentInput): Promise<DepartmentView> {
    requireDirectoryManager(actor);
    const body = parseInput(NewDepartmentSchema, input);
    const created = await this.ctx.store.transaction(async (tx) => {
      if (await tx.people.departmentByCode(body.code)) throw new DomainError("ALREADY_EXISTS", `Department ${body.code} exists`, { field: "code" });
      const parentId = body.parent ? (await this.department(tx, body.parent)).id : null;
      const headId = body.head ? (await this.activePerson(tx, body.head, "head")).id : null;
      const d = await tx.people.addDepartment({ code: body.code, name: body.name, nameEn: body.nameEn ?? body.name, parentId, headId });
      await this.ctx.audit(tx, actor, "add-department", "department", d.id, undefined, body);
      return d;
    });
    return (await this.departments(actor)).find((d) => d.code === created.code)!;
  }

  async updateDepartment(actor: Actor, code: string, patch: DepartmentPatch): Promise<DepartmentView> {
    requireDirectoryManager(actor);
    const body = parseInput(DepartmentPatchSchema, patch);
    await this.ctx.store.transaction(async (tx) => {
      const d = await this.department(tx, code);
      let parentId: number | null | undefined;
      if (body.parent !== undefined) {
        parentId = body.parent === null ? null : (await this.department(tx, body.parent)).id;
        const all = await tx.people.departments();
        const parentOf = new Map(all.map((x) => [x.id, x.parentId]));
        if (parentId !== null && chainReaches(parentId, d.id, (id) => parentOf.get(id))) throw new DomainError("DEPARTMENT_CYCLE", `${body.parent} is under ${code}`, { field: "parent" });
      }
      const headId = body.head === undefined ? undefined : body.head === null ? null : (await this.activePerson(tx, body.head, "head")).id;
      await tx.people.updateDepartment(d.id, { name: body.name, nameEn: body.nameEn, parentId, headId, active: body.active });
      await this.ctx.audit(tx, actor, "update-department", "department", d.id, d, body);
    });
    return (await this.departments(actor)).find((d) => d.code === code)!;
  }

  /**
   * One page of the people the actor may see: everyone for HR, their reports for a manager.
   * `q` matches a login, a name or an email; `department` includes its sub-departments.
   */
  async employees(actor: Actor, query: EmployeeQuery = {}): Promise<Page<EmployeeView>> {
    if (!canSeeTeam(actor)) throw new DomainError("FORBIDDEN", "Only managers and HR can list people");
    const q = parseInput(EmployeeQuerySchema, query);
    const n = await this.names(this.ctx.store, true);
    let people = canManageAll(actor) ? n.people : n.people.filter((p) => p.managerId === actor.id);
    if (q.department) {
      const root = n.departments.find((d) => d.code === q.department);
      const ids = root ? departmentSubtree([root.id], n.departments) : new Set<number>();
      people = people.filter((p) => ids.has(p.departmentId));
    }
    if (q.status) people = people.filter((p) => p.status === q.status);
    if (q.q) {
      const needle = q.q.toLowerCase();
      people = people.filter((p) => p.login.toLowerCase().includes(needle) || p.name.includes(q.q!) || p.nameEn.toLowerCase().includes(needle) || (p.email ?? "").includes(needle));
    }
    const start = (q.page - 1) * q.pageSize;
    return { items: people.slice(start, start + q.pageSize).map((p) => employeeView(p, n)), total: people.length, page: q.page, pageSize: q.pageSize };
  }

  /** One person's record: themselves, their reports for a manager, anyone for HR. */
  async employee(actor: Actor, login: string): Promise<EmployeeView> {
    const e = await this.ctx.visibleEmployee(actor, login);
    return this.viewOf(this.ctx.store, e);
  }

  private async viewOf(store: AttendanceStore, e: Employee): Promise<EmployeeView> {
    const [department, manager, im] = await Promise.all([store.people.department(e.departmentId), e.managerId === null ? undefined : store.people.byId(e.managerId), this.chatIds.of(store.db, e.id)]);
    return employeeView(e, { loginOf: new Map(manager ? [[manager.id, manager.login]] : []), codeOf: new Map(department ? [[department.id, department.code]] : []), im: new Map([[e.id, im]]) });
  }

  /** Sets a person's chat ids (null removes one); an id another person holds is refused. */
  private async setChatIds(tx: AttendanceStore, actor: Actor, employeeId: number, ids: Partial<Record<ImPlatform, string | null>>): Promise<void> {
    const before = await this.chatIds.of(tx.db, employeeId);
    for (const platform of IM_PLATFORMS) {
      const want = ids[platform];
      if (want === undefined || (before[platform] ?? null) === want) continue;
      const owner = want === null ? undefined : await this.chatIds.ownerOf(tx.db, platform, want);
      if (owner !== undefined && owner !== employeeId) throw new DomainError("ALREADY_EXISTS", `That ${platform} id belongs to someone else`, { field: `im.${platform}` });
      await this.chatIds.set(tx.db, employeeId, platform, want);
      await this.ctx.audit(tx, actor, "set-im-id", "employee", employeeId, { platform, imId: before[platform] ?? null }, { platform, imId: want });
    }
  }

  async addEmployee(actor: Actor, input: NewEmployeeInput): Promise<EmployeeView> {
    requireDirectoryManager(actor);
    const body = parseInput(NewEmployeeSchema, input);
    checkRoleChange(actor, null, body.role);
    return this.ctx.store.transaction(async (tx) => {
      if (await tx.people.byLogin(body.login)) throw new DomainError("ALREADY_EXISTS", `Login ${body.login} is taken`, { field: "login" });
      if (body.email && (await tx.people.byEmail(body.email))) throw new DomainError("ALREADY_EXISTS", `Email ${body.email} is taken`, { field: "email" });
      const department = await this.department(tx, body.department);
      if (!department.active) throw new DomainError("UNKNOWN_DEPARTMENT", `Department ${body.department} is inactive`, { field: "department" });
      const managerId = body.manager ? (await this.activePerson(tx, body.manager, "manager")).id : null;
      const e = await tx.people.add({
        login: body.login,
        name: body.name,
        nameEn: body.nameEn ?? body.name,
        email: body.email ?? null,
        phone: body.phone ?? null,
        departmentId: department.id,
        managerId,
        role: body.role,
        hireDate: body.hireDate,
        careerStart: body.careerStart,
        language: body.language,
      });
      if (body.im) await this.setChatIds(tx, actor, e.id, body.im);
      await this.ctx.audit(tx, actor, "add-employee", "employee", e.id, undefined, body);
      return this.viewOf(tx, e);
    });
  }

  /**
   * Changes someone's record. A role change follows the role rules (only an admin touches hr and
   * admin; never the last admin) and ends every session and token the person has.
   */
  async updateEmployee(actor: Actor, login: string, patch: EmployeePatch): Promise<EmployeeView> {
    requireDirectoryManager(actor);
    const body = parseInput(EmployeePatchSchema, patch);
    return this.ctx.store.transaction(async (tx) => {
      const e = await tx.people.byLogin(login);
      if (!e) throw new DomainError("NOT_FOUND", `No employee with login ${login}`);
      const roleChanged = body.role !== undefined && body.role !== e.role;
      if (roleChanged) {
        checkRoleChange(actor, e.role, body.role!);
        if (e.role === "admin") checkNotLastAdmin(e, await this.activeAdminIds(tx));
      }
      if (body.email && body.email !== e.email) {
        const other = await tx.people.byEmail(body.email);
        if (other && other.id !== e.id) throw new DomainError("ALREADY_EXISTS", `Email ${body.email} is taken`, { field: "email" });
      }
      const departmentId = body.department === undefined ? undefined : (await this.department(tx, body.department)).id;
      let managerId: number | null | undefined;
      if (body.manager !== undefined) {
        managerId = body.manager === null ? null : (await this.activePerson(tx, body.manager, "manager")).id;
        if (managerId !== null && (managerId === e.id || (await this.managerChainReaches(tx, managerId, e.id)))) {
          throw new DomainError("MANAGER_CYCLE", `${body.manager} reports to ${login}: that would make a loop`, { field: "manager" });
        }
      }
      const { im, department: _d, manager: _m, ...fields } = body;
      await tx.people.update(e.id, { ...fields, departmentId, managerId });
      if (im) await this.setChatIds(tx, actor, e.id, im);
      await this.ctx.audit(tx, actor, "update-employee", "employee", e.id, e, body);
      if (roleChanged) await this.ctx.endSessions(tx, actor, e.id, "role-change");
      return this.viewOf(tx, (await tx.people.byId(e.id))!);
    });
  }

  private async managerChainReaches(store: AttendanceStore, start: number, target: number): Promise<boolean> {
    const managerOf = new Map((await store.people.list()).map((p) => [p.id, p.managerId]));
    return chainReaches(start, target, (id) => managerOf.get(id));
  }

  private async activeAdminIds(store: AttendanceStore): Promise<number[]> {
    return (await store.people.list()).filter((p) => p.role === "admin" && p.status === "active").map((p) => p.id);
  }

  /**
   * Records that someone left after `leavingDate`: at once they cannot sign in (every session and
   * token ends), their pending leave, corrections and overtime are cancelled (each audited), and
   * they head no department. Their history stays; they are expected through the leaving date.
   */
  async markLeft(actor: Actor, login: string, leavingDate: string): Promise<EmployeeView> {
    requireDirectoryManager(actor);
    return this.ctx.store.transaction(async (tx) => {
      const e = await tx.people.byLogin(login);
      if (!e) throw new DomainError("NOT_FOUND", `No employee with login ${login}`);
      if (e.status === "left") throw new DomainError("EMPLOYEE_LEFT", `${login} has already left`);
      if (e.id === actor.id) throw new DomainError("FORBIDDEN", "You cannot mark yourself as left");
      checkMayChangePrivileged(actor, e);
      checkNotLastAdmin(e, await this.activeAdminIds(tx));
      if (leavingDate < e.hireDate) throw new DomainError("INVALID_DATE", `The leaving date is before the hire date ${e.hireDate}`, { field: "leavingDate" });
      await tx.people.update(e.id, { status: "left", leavingDate });
      for (const d of await tx.people.departments()) if (d.headId === e.id) await tx.people.updateDepartment(d.id, { headId: null });
      await this.ctx.audit(tx, actor, "employee-left", "employee", e.id, { status: e.status }, { status: "left", leavingDate });
      await cancelPendingRequests(this.ctx, tx, actor, e.id);
      await this.ctx.endSessions(tx, actor, e.id, "left");
      return this.viewOf(tx, (await tx.people.byId(e.id))!);
    });
  }

  /** Rehires someone who left: active again from `hireDate` (default today), the earlier stretch kept. */
  async rejoin(actor: Actor, login: string, hireDate?: string): Promise<EmployeeView> {
    requireDirectoryManager(actor);
    const start = hireDate ?? (await this.ctx.today());
    return this.ctx.store.transaction(async (tx) => {
      const e = await tx.people.byLogin(login);
      if (!e) throw new DomainError("NOT_FOUND", `No employee with login ${login}`);
      if (e.status !== "left" || !e.leavingDate) throw new DomainError("EMPLOYEE_ACTIVE", `${login} has not left`);
      checkMayChangePrivileged(actor, e);
      if (start <= e.leavingDate) throw new DomainError("INVALID_DATE", `Rejoining starts after the leaving date ${e.leavingDate}`, { field: "hireDate" });
      const pastEmployment = [...e.pastEmployment, { hireDate: e.hireDate, leavingDate: e.leavingDate }];
      await tx.people.update(e.id, { status: "active", leavingDate: null, hireDate: start, pastEmployment });
      await this.ctx.audit(tx, actor, "employee-rejoined", "employee", e.id, { status: "left", leavingDate: e.leavingDate }, { status: "active", hireDate: start });
      return this.viewOf(tx, (await tx.people.byId(e.id))!);
    });
  }

  /** Everyone as CSV, in the import's format (HR only). */
  async exportCsv(actor: Actor): Promise<string> {
    requireDirectoryManager(actor);
    const n = await this.names(this.ctx.store, true);
    return employeesCsv(n.people.map((p) => employeeView(p, n)));
  }

  /**
   * Imports a staff list (CSV or XLSX bytes): with `dryRun`, what each row would do and every
   * error; otherwise all of it in one transaction, or nothing (IMPORT_INVALID carrying the report).
   */
  async importFile(actor: Actor, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
    requireDirectoryManager(actor);
    return this.importTable(actor, await readTable(bytes), options);
  }

  async importTable(actor: Actor, table: Table, options: ImportOptions = {}): Promise<ImportReport> {
    requireDirectoryManager(actor);
    const im = (store: AttendanceStore) => this.chatIds.all(store.db);
    if (options.dryRun) return planImport(actor, table, await directoryState(this.ctx.store, im), options).report;
    return this.ctx.store.transaction(async (tx) => {
      const plan = planImport(actor, table, await directoryState(tx, im), options);
      if (plan.report.errors.length) throw new DomainError("IMPORT_INVALID", `${plan.report.errors.length} problem(s) in the file; nothing was imported`, { report: plan.report });
      await applyImport(this.ctx, tx, actor, plan, this.chatIds);
      return { ...plan.report, applied: true };
    });
  }

  /**
   * An employee for a person the company's sign-on vouches for but the directory lacks
   * (OIDC_CREATE_UNKNOWN=1): active from today, role employee, in `department` (or the first
   * department). The system acts; audited. A taken login gets a number appended.
   */
  async createFromSingleSignOn(person: { login: string; email: string | null; name: string }, department?: string): Promise<Employee> {
    const today = await this.ctx.today();
    return this.ctx.store.transaction(async (tx) => {
      const d = department ? await this.department(tx, department) : (await tx.people.departments())[0];
      if (!d) throw new DomainError("UNKNOWN_DEPARTMENT", "No department to put new people in: set OIDC_DEFAULT_DEPARTMENT", { field: "department" });
      const base = LoginSchema.safeParse(person.login).success ? person.login : "user";
      let login = base;
      for (let i = 2; await tx.people.byLogin(login); i++) login = `${base}${i}`;
      const name = NameSchema.safeParse(person.name).success ? person.name.trim() : login;
      const email = person.email && EmailSchema.safeParse(person.email).success && !(await tx.people.byEmail(person.email)) ? person.email.toLowerCase() : null;
      const e = await tx.people.add({ login, name, nameEn: name, email, departmentId: d.id, managerId: null, role: "employee", hireDate: today, language: "zh" });
      await this.ctx.audit(tx, SYSTEM_ACTOR, "add-employee", "employee", e.id, undefined, { login, email, department: d.code, by: "single-sign-on" });
      return e;
    });
  }

  /** The people employed on `date` (the reminders' and the figures' "who is expected" list). */
  async activeOn(date: string): Promise<Employee[]> {
    return (await this.ctx.store.people.list()).filter((p) => isActiveOn(p, date));
  }
}
