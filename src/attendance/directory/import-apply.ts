/** Writes a checked import plan inside the caller's transaction; audited per person. */
import type { AttendanceContext } from "../context.ts";
import type { Actor } from "../permissions.ts";
import type { AttendanceStore } from "../store/index.ts";
import type { EmployeeChange } from "../store/people.ts";
import { IM_PLATFORMS } from "../types.ts";
import type { ImportPlan } from "./import.ts";
import type { ChatIdRecords } from "./service.ts";

/**
 * New departments first, then new people (without managers, who may come later in the file), then
 * every row's changes with the managers resolved; a role change ends that person's sessions.
 */
export async function applyImport(ctx: AttendanceContext, tx: AttendanceStore, actor: Actor, plan: ImportPlan, chatIds: ChatIdRecords): Promise<void> {
  const departmentIds = new Map<string, number>();
  for (const [code, name] of plan.newDepartments) {
    const d = await tx.people.addDepartment({ code, name, nameEn: name });
    departmentIds.set(code, d.id);
    await ctx.audit(tx, actor, "add-department", "department", d.id, undefined, { code, name, by: "import" });
  }
  const departmentId = (r: ImportPlan["rows"][number]) => {
    const d = plan.departmentOf(r);
    return d.id ?? departmentIds.get(d.code)!;
  };
  // Everyone's id by login: the managers a row names are in the file or already here.
  const idOf = new Map((await tx.people.list()).map((p) => [p.login, p.id]));
  /** Rows whose manager comes later in the file: their login and the manager's. */
  const deferred = new Map<string, string>();
  for (const r of plan.rows) {
    if (r.existing) continue;
    const read = r.read;
    const managerId = read.manager === undefined ? null : (idOf.get(read.manager) ?? null);
    if (read.manager !== undefined && managerId === null) deferred.set(read.login, read.manager);
    const e = await tx.people.add({
      login: read.login,
      name: read.name!,
      nameEn: read.nameEn ?? read.name!,
      email: read.email ?? null,
      phone: read.phone ?? null,
      departmentId: departmentId(r),
      managerId,
      role: read.role ?? "employee",
      hireDate: read.hireDate!,
      careerStart: read.careerStart,
      language: read.language ?? "zh",
    });
    idOf.set(read.login, e.id);
    for (const p of IM_PLATFORMS) if (read.im[p] !== undefined) await chatIds.set(tx.db, e.id, p, read.im[p]!);
    await ctx.audit(tx, actor, "add-employee", "employee", e.id, undefined, { ...read, by: "import" });
  }
  // Managers named on a later row than their reports.
  for (const [login, manager] of deferred) await tx.people.update(idOf.get(login)!, { managerId: idOf.get(manager)! });
  for (const r of plan.rows) {
    if (!r.existing || r.result.action === "unchanged") continue;
    const id = r.existing.id;
    const change: EmployeeChange = {};
    for (const f of r.result.changes) {
      if (f === "department") change.departmentId = departmentId(r);
      else if (f === "manager") change.managerId = idOf.get(r.read.manager!)!;
      else if (!(IM_PLATFORMS as readonly string[]).includes(f)) (change as Record<string, unknown>)[f] = r.read[f as keyof typeof r.read];
    }
    await tx.people.update(id, change);
    for (const p of IM_PLATFORMS) if (r.result.changes.includes(p)) await chatIds.set(tx.db, id, p, r.read.im[p]!);
    await ctx.audit(tx, actor, "update-employee", "employee", id, undefined, { changes: r.result.changes, by: "import" });
    if (r.result.changes.includes("role")) await ctx.endSessions(tx, actor, id, "role-change");
  }
  await ctx.audit(tx, actor, "import-employees", "directory", null, undefined, { counts: plan.report.counts, departmentsCreated: plan.report.departmentsCreated });
}
