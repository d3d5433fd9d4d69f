/** People and departments as the front ends need them: who is signing in, names, departments. */
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { canManageAll, SYSTEM_ACTOR, type Actor } from "./permissions.ts";
import type { Department, Employee } from "./types.ts";

/** A person in the demo sign-in list. */
export interface DemoPerson {
  login: string;
  name: string;
  nameEn: string;
  role: Employee["role"];
  /** The department's English name. */
  department?: string;
}

export class PeopleService {
  constructor(private readonly ctx: AttendanceContext) {}

  /**
   * The employee a verified token, key or password names, if they still exist and have not left:
   * the one lookup every signed-in request makes. Undefined for a person since removed or marked
   * as left, so their token gets a 401 at once.
   */
  async forSignIn(login: string): Promise<Employee | undefined> {
    const e = await this.ctx.store.people.byLogin(login);
    return e && e.status === "active" ? e : undefined;
  }

  /**
   * The person a single sign-on names, by email or login, whether or not they have left (the
   * sign-in says which); undefined when nobody is.
   */
  async forSingleSignOn(by: "email" | "login", value: string): Promise<Employee | undefined> {
    return by === "email" ? this.ctx.store.people.byEmail(value) : this.ctx.store.people.byLogin(value);
  }

  /** Someone the actor may see (themselves, their reports, anyone for HR). */
  employee(actor: Actor, login: string): Promise<Employee> {
    return this.ctx.visibleEmployee(actor, login);
  }

  /** By id, for naming the people in a record the actor already holds (a request they decided). */
  async employeeById(actor: Actor, id: number): Promise<Employee> {
    const e = await this.ctx.store.people.byId(id);
    if (!e) throw new DomainError("NOT_FOUND", `No employee #${id}`);
    return this.ctx.visibleEmployee(actor, e.login);
  }

  /** A person's department. Department names are no secret: everyone signed in sees them. */
  department(of: Pick<Employee, "departmentId">): Promise<Department | undefined> {
    return this.ctx.store.people.department(of.departmentId);
  }

  /** Everyone, for picking a demo person to sign in as; the caller checks that demo mode is on. */
  async demoPeople(): Promise<DemoPerson[]> {
    const [people, departments] = await Promise.all([this.ctx.store.people.list(), this.ctx.store.people.departments()]);
    const byId = new Map(departments.map((d) => [d.id, d]));
    return people.filter((e) => e.status === "active").map((e) => ({ login: e.login, name: e.name, nameEn: e.nameEn, role: e.role, department: byId.get(e.departmentId)?.nameEn }));
  }

  /** A person's stored password hash (null: none set), and whether it is a one-time password. */
  password(employee: Pick<Employee, "id">): Promise<{ hash: string | null; temporary: boolean }> {
    return this.ctx.store.people.password(employee.id);
  }

  /**
   * Sets someone's password hash (their own, or anyone's for HR and the system), and ends every
   * session and token they have, in one transaction: whoever knew the old password is out at
   * once. A `temporary` password must be changed at its first sign-in. Audited.
   */
  async setPasswordHash(actor: Actor, login: string, hash: string, options: { temporary?: boolean } = {}): Promise<void> {
    const target = await this.ctx.visibleEmployee(actor, login);
    if (target.id !== actor.id && !canManageAll(actor)) throw new DomainError("FORBIDDEN", "You may set only your own password");
    await this.ctx.store.transaction(async (tx) => {
      await tx.people.setPasswordHash(target.id, hash, options.temporary);
      await this.ctx.audit(tx, actor, "set-password", "employee", target.id, undefined, { temporary: !!options.temporary });
      await this.ctx.endSessions(tx, actor, target.id, "password");
    });
  }

  /**
   * Stores a new hash of the same password (stronger hashing parameters): not a change of
   * password, so nothing else happens and nothing is audited.
   */
  async upgradePasswordHash(employee: Pick<Employee, "id">, hash: string): Promise<void> {
    const { temporary } = await this.ctx.store.people.password(employee.id);
    await this.ctx.store.people.setPasswordHash(employee.id, hash, temporary);
  }

  /**
   * Ends every web session and API token of `login` at once (HR or an admin for anyone, anyone
   * for themselves); audited with `reason`. The directory calls it when someone leaves or their
   * role changes; within a transaction of its own, use `AttendanceContext.endSessions` instead.
   */
  async endSessions(actor: Actor, login: string, reason: string): Promise<number> {
    const target = await this.ctx.visibleEmployee(actor, login);
    if (target.id !== actor.id && !canManageAll(actor)) throw new DomainError("FORBIDDEN", "You may end only your own sessions");
    return this.ctx.store.transaction((tx) => this.ctx.endSessions(tx, actor, target.id, reason));
  }

  /** Whether anyone exists yet: an empty directory waits for its first administrator. */
  async isEmpty(): Promise<boolean> {
    return this.ctx.store.people.isEmpty();
  }

  /**
   * The first administrator of an empty directory (first-run setup, `cli init`), in a department
   * of their own; SETUP_DONE once anyone exists. The system acts; audited.
   */
  async createFirstAdmin(input: { login: string; name: string; passwordHash: string; temporary: boolean; language?: Employee["language"] }): Promise<Employee> {
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(input.login)) throw new DomainError("INVALID_INPUT", "A login is 1-64 letters, digits, dots, dashes or underscores", { field: "login" });
    const today = await this.ctx.today();
    return this.ctx.store.transaction(async (tx) => {
      if (!(await tx.people.isEmpty())) throw new DomainError("SETUP_DONE", "This server already has people; sign in instead");
      const department = await tx.people.addDepartment({ code: "admin", name: "管理", nameEn: "Administration" });
      const admin = await tx.people.add({
        login: input.login,
        name: input.name,
        nameEn: input.name,
        departmentId: department.id,
        managerId: null,
        role: "admin",
        hireDate: today,
        language: input.language ?? "zh",
      });
      await tx.people.setPasswordHash(admin.id, input.passwordHash, input.temporary);
      await this.ctx.audit(tx, SYSTEM_ACTOR, "create-first-admin", "employee", admin.id, undefined, { login: admin.login });
      return admin;
    });
  }
}
