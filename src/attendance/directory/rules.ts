/**
 * Who may change what in the directory, and the checks every change (an edit, a form, an import
 * row) passes: the same function answers for all of them, so an import refuses exactly what
 * the form would.
 */
import { DomainError } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import type { Employee, Role } from "../types.ts";

const PRIVILEGED: ReadonlySet<Role> = new Set(["hr", "admin"]);

/** HR and admins manage people and departments. */
export function requireDirectoryManager(actor: Actor): void {
  if (actor.role !== "hr" && actor.role !== "admin") throw new DomainError("FORBIDDEN", "Only HR manages people and departments");
}

/** Why `actor` may not move someone from role `before` (null: a new person) to `after`, or null when they may. */
export function roleChangeRefusal(actor: Actor, before: Role | null, after: Role): string | null {
  if (before === after) return null;
  if ((PRIVILEGED.has(after) || (before !== null && PRIVILEGED.has(before))) && actor.role !== "admin") return `Only an admin grants or removes the hr and admin roles (${before ?? "new"} -> ${after})`;
  return null;
}

/** Throws FORBIDDEN when {@link roleChangeRefusal} refuses. */
export function checkRoleChange(actor: Actor, before: Role | null, after: Role): void {
  const refusal = roleChangeRefusal(actor, before, after);
  if (refusal) throw new DomainError("FORBIDDEN", refusal);
}

/** Changing an hr or admin person's record beyond their role (marking them as left) is an admin's, too. */
export function checkMayChangePrivileged(actor: Actor, target: Pick<Employee, "role">): void {
  if (PRIVILEGED.has(target.role) && actor.role !== "admin") throw new DomainError("FORBIDDEN", `Only an admin may do this to someone with the ${target.role} role`);
}

/** LAST_ADMIN when `target` is the only active admin and would stop being one. */
export function checkNotLastAdmin(target: Pick<Employee, "id" | "role" | "status">, activeAdminIds: readonly number[]): void {
  if (target.role === "admin" && target.status === "active" && activeAdminIds.every((id) => id === target.id)) {
    throw new DomainError("LAST_ADMIN", "This is the last admin: make someone else an admin first");
  }
}
