import type { Employee, Role } from "./types.ts";

/** Who is acting. The system (CLI, seeding) acts with id 0 and the admin role. */
export type Actor = Pick<Employee, "id" | "login" | "role" | "managerId">;

export const SYSTEM_ACTOR: Actor = { id: 0, login: "system", role: "admin", managerId: null };

const isHr = (role: Role) => role === "hr" || role === "admin";

/** HR and admins see and correct everything. */
export function canManageAll(actor: Actor): boolean {
  return isHr(actor.role);
}

/** An employee sees their own records; a manager also their direct reports'; HR everyone's. */
export function canView(actor: Actor, target: Pick<Employee, "id" | "managerId">): boolean {
  return actor.id === target.id || isHr(actor.role) || (target.managerId !== null && target.managerId === actor.id);
}

/** Leave is approved by the requester's manager or HR, never by the requester. */
export function canApprove(actor: Actor, requester: Pick<Employee, "id" | "managerId">): boolean {
  if (actor.id === requester.id && actor.id !== 0) return false;
  return isHr(actor.role) || (requester.managerId !== null && requester.managerId === actor.id);
}

/** Managers see their team; HR sees everyone. */
export function canSeeTeam(actor: Actor): boolean {
  return actor.role === "manager" || isHr(actor.role);
}
