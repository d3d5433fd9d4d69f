/** What leaving the company does to someone's open requests. */
import type { AttendanceContext } from "../context.ts";
import type { Actor } from "../permissions.ts";
import type { AttendanceStore } from "../store/index.ts";

const COMMENT = "cancelled: the employee left";

/**
 * Cancels every pending leave, correction and overtime request of `employeeId` inside `tx`,
 * each with an audit entry: nobody is left to approve something for a person who has gone.
 * Returns how many were cancelled.
 */
export async function cancelPendingRequests(ctx: AttendanceContext, tx: AttendanceStore, actor: Actor, employeeId: number): Promise<number> {
  const now = ctx.clock();
  const pending = { employeeIds: [employeeId], statuses: ["pending" as const] };
  const [leaves, corrections, overtime] = await Promise.all([tx.leave.list(pending), tx.corrections.list(pending), tx.overtime.list(pending)]);
  const decision = { status: "cancelled" as const, approverId: null, comment: COMMENT, decidedMs: now };
  for (const l of leaves) {
    await tx.leave.setStatus(l.id, "cancelled", null, now);
    await ctx.audit(tx, actor, "cancel-on-leaving", "leave", l.id, { status: "pending" }, { status: "cancelled" });
  }
  for (const c of corrections) {
    await tx.corrections.decide(c.id, decision);
    await ctx.audit(tx, actor, "cancel-on-leaving", "correction", c.id, { status: "pending" }, { status: "cancelled" });
  }
  for (const o of overtime) {
    await tx.overtime.decide(o.id, decision);
    await ctx.audit(tx, actor, "cancel-on-leaving", "overtime", o.id, { status: "pending" }, { status: "cancelled" });
  }
  return leaves.length + corrections.length + overtime.length;
}
