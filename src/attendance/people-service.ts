/** People and departments as the front ends need them: who is signing in, names, departments. */
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { canManageAll, type Actor } from "./permissions.ts";
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
   * The employee a verified token, key or password names, if they still exist: the one lookup
   * every signed-in request makes. Undefined for a person since removed, so their token gets a
   * 401 at once. (The directory will add "and has not left".)
   */
  forSignIn(login: string): Promise<Employee | undefined> {
    return this.ctx.store.people.byLogin(login);
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
    return people.map((e) => ({ login: e.login, name: e.name, nameEn: e.nameEn, role: e.role, department: byId.get(e.departmentId)?.nameEn }));
  }

  /** The stored password hash of a person, for checking a sign-in. */
  async passwordHash(employee: Pick<Employee, "id">): Promise<string | null> {
    return this.ctx.store.people.passwordHash(employee.id);
  }

  /** Sets someone's password hash (their own, or anyone's for HR and the system); audited. */
  async setPasswordHash(actor: Actor, login: string, hash: string): Promise<void> {
    const target = await this.ctx.visibleEmployee(actor, login);
    if (target.id !== actor.id && !canManageAll(actor)) throw new DomainError("FORBIDDEN", "You may set only your own password");
    await this.ctx.store.transaction(async (tx) => {
      await tx.people.setPasswordHash(target.id, hash);
      await this.ctx.audit(tx, actor, "set-password", "employee", target.id);
    });
  }
}
