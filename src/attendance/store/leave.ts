/** Leave requests and the extra days HR grants. */
import type { LeaveRequest, LeaveStatus, LeaveType } from "../types.ts";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

const toLeave = (r: Row): LeaveRequest => ({
  id: r.id as number,
  employeeId: r.employee_id as number,
  type: r.type as LeaveType,
  startDate: r.start_date as string,
  endDate: r.end_date as string,
  halfDay: r.half_day as LeaveRequest["halfDay"],
  days: Number(r.days),
  status: r.status as LeaveStatus,
  approverId: r.approver_id as number | null,
  reason: r.reason as string | null,
  createdAtMs: Number(r.created_ms),
  decidedAtMs: r.decided_ms === null ? null : Number(r.decided_ms),
});

/** A leave request as filed: everything but the id and the decision, which come later. */
export type NewLeave = Omit<LeaveRequest, "id" | "approverId" | "decidedAtMs">;

/** Which requests to list; every field narrows. */
export interface LeaveFilter {
  /** Whose; all when null or absent. */
  employeeIds?: number[] | null;
  /** Requests touching [from, to]. */
  from?: string;
  to?: string;
  statuses?: LeaveStatus[];
}

export class LeaveRepository {
  constructor(private readonly db: SqlDb) {}

  async add(l: NewLeave): Promise<LeaveRequest> {
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO leave_requests (employee_id, type, start_date, end_date, half_day, days, status, reason, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [l.employeeId, l.type, l.startDate, l.endDate, l.halfDay, l.days, l.status, l.reason, l.createdAtMs],
    );
    return (await this.byId(row!.id))!;
  }

  async byId(id: number): Promise<LeaveRequest | undefined> {
    const r = await this.db.get("SELECT * FROM leave_requests WHERE id = ?", [id]);
    return r && toLeave(r);
  }

  async setStatus(id: number, status: LeaveStatus, approverId: number | null, decidedMs: number): Promise<LeaveRequest> {
    await this.db.run("UPDATE leave_requests SET status = ?, approver_id = ?, decided_ms = ? WHERE id = ?", [status, approverId, decidedMs, id]);
    return (await this.byId(id))!;
  }

  /** The first date of the earliest approved leave anyone has, or null with none. */
  async firstApprovedStart(): Promise<string | null> {
    return (await this.db.get<{ d: string | null }>("SELECT MIN(start_date) AS d FROM leave_requests WHERE status = 'approved'"))?.d ?? null;
  }

  /** Requests matching the filter, by start date. */
  async list(filter: LeaveFilter): Promise<LeaveRequest[]> {
    const where: string[] = [];
    const args: SqlValue[] = [];
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
    return (await this.db.all(sql, args)).map(toLeave);
  }

  async grantedDays(employeeId: number, year: number, type: LeaveType): Promise<number> {
    const row = await this.db.get<{ days: number }>("SELECT days FROM leave_grants WHERE employee_id = ? AND year = ? AND type = ?", [employeeId, year, type]);
    return Number(row?.days ?? 0);
  }

  async setGrant(employeeId: number, year: number, type: LeaveType, days: number): Promise<void> {
    await this.db.run(
      "INSERT INTO leave_grants (employee_id, year, type, days) VALUES (?, ?, ?, ?) ON CONFLICT (employee_id, year, type) DO UPDATE SET days = excluded.days",
      [employeeId, year, type, days],
    );
  }
}
