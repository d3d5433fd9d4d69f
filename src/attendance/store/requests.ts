/** Requests a manager decides besides leave: corrections (补卡) and overtime (加班), and the 调休 overtime grants. */
import type { CompensatoryGrant, CorrectionRequest, OvertimeCategory, OvertimeCompensation, OvertimeRequest, PunchKind, RequestStatus } from "../types.ts";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toCorrection = (r: Row): CorrectionRequest => ({
  id: Number(r.id),
  employeeId: Number(r.employee_id),
  date: r.date as string,
  kind: r.kind as PunchKind,
  time: r.clock_time as string,
  atMs: Number(r.at_ms),
  reason: r.reason as string | null,
  status: r.status as RequestStatus,
  approverId: num(r.approver_id),
  comment: r.comment as string | null,
  punchId: num(r.punch_id),
  createdAtMs: Number(r.created_ms),
  decidedAtMs: num(r.decided_ms),
});

const toOvertime = (r: Row): OvertimeRequest => ({
  id: Number(r.id),
  employeeId: Number(r.employee_id),
  date: r.date as string,
  start: r.start_time as string,
  end: r.end_time as string,
  compensation: r.compensation as OvertimeCompensation,
  reason: r.reason as string | null,
  minutes: Number(r.minutes),
  category: r.category as OvertimeCategory,
  status: r.status as RequestStatus,
  approverId: num(r.approver_id),
  comment: r.comment as string | null,
  createdAtMs: Number(r.created_ms),
  decidedAtMs: num(r.decided_ms),
});

const toGrant = (r: Row): CompensatoryGrant => ({
  id: Number(r.id),
  employeeId: Number(r.employee_id),
  source: r.source as CompensatoryGrant["source"],
  overtimeId: num(r.overtime_id),
  date: r.date as string,
  days: Number(r.days),
  expiresOn: r.expires_on as string,
});

/** Which requests to list; every field narrows. */
export interface RequestFilter {
  /** Whose; everyone's when null or absent. */
  employeeIds?: number[] | null;
  /** Requests for dates in [from, to]. */
  from?: string;
  to?: string;
  statuses?: RequestStatus[];
}

function where(filter: RequestFilter): { sql: string; args: SqlValue[] } {
  const parts: string[] = [];
  const args: SqlValue[] = [];
  if (filter.employeeIds) {
    parts.push(`employee_id IN (${filter.employeeIds.map(() => "?").join(",") || "NULL"})`);
    args.push(...filter.employeeIds);
  }
  if (filter.from) parts.push("date >= ?"), args.push(filter.from);
  if (filter.to) parts.push("date <= ?"), args.push(filter.to);
  if (filter.statuses) {
    parts.push(`status IN (${filter.statuses.map(() => "?").join(",")})`);
    args.push(...filter.statuses);
  }
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", args };
}

/** A decision on a request: who, when, with what comment. */
export interface Decision {
  status: RequestStatus;
  approverId: number | null;
  comment: string | null;
  decidedMs: number;
}

export class CorrectionRepository {
  constructor(private readonly db: SqlDb) {}

  async add(c: Omit<CorrectionRequest, "id" | "approverId" | "comment" | "punchId" | "decidedAtMs">): Promise<CorrectionRequest> {
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO correction_requests (employee_id, date, kind, clock_time, at_ms, reason, status, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [c.employeeId, c.date, c.kind, c.time, c.atMs, c.reason, c.status, c.createdAtMs],
    );
    return (await this.byId(Number(row!.id)))!;
  }

  async byId(id: number): Promise<CorrectionRequest | undefined> {
    const r = await this.db.get("SELECT * FROM correction_requests WHERE id = ?", [id]);
    return r && toCorrection(r);
  }

  async decide(id: number, d: Decision, punchId: number | null = null): Promise<CorrectionRequest> {
    await this.db.run("UPDATE correction_requests SET status = ?, approver_id = ?, comment = ?, decided_ms = ?, punch_id = ? WHERE id = ?", [
      d.status,
      d.approverId,
      d.comment,
      d.decidedMs,
      punchId,
      id,
    ]);
    return (await this.byId(id))!;
  }

  /** Requests matching the filter, by date. */
  async list(filter: RequestFilter): Promise<CorrectionRequest[]> {
    const w = where(filter);
    return (await this.db.all(`SELECT * FROM correction_requests ${w.sql} ORDER BY date, id`, w.args)).map(toCorrection);
  }
}

export class OvertimeRepository {
  constructor(private readonly db: SqlDb) {}

  async add(o: Omit<OvertimeRequest, "id" | "approverId" | "comment" | "decidedAtMs">): Promise<OvertimeRequest> {
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO overtime_requests (employee_id, date, start_time, end_time, compensation, reason, minutes, category, status, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [o.employeeId, o.date, o.start, o.end, o.compensation, o.reason, o.minutes, o.category, o.status, o.createdAtMs],
    );
    return (await this.byId(Number(row!.id)))!;
  }

  async byId(id: number): Promise<OvertimeRequest | undefined> {
    const r = await this.db.get("SELECT * FROM overtime_requests WHERE id = ?", [id]);
    return r && toOvertime(r);
  }

  /** Records a decision, with the minutes and category as judged when it was made. */
  async decide(id: number, d: Decision, figures?: { minutes: number; category: OvertimeCategory }): Promise<OvertimeRequest> {
    await this.db.run("UPDATE overtime_requests SET status = ?, approver_id = ?, comment = ?, decided_ms = ? WHERE id = ?", [d.status, d.approverId, d.comment, d.decidedMs, id]);
    if (figures) await this.db.run("UPDATE overtime_requests SET minutes = ?, category = ? WHERE id = ?", [figures.minutes, figures.category, id]);
    return (await this.byId(id))!;
  }

  async list(filter: RequestFilter): Promise<OvertimeRequest[]> {
    const w = where(filter);
    return (await this.db.all(`SELECT * FROM overtime_requests ${w.sql} ORDER BY date, id`, w.args)).map(toOvertime);
  }

  async addGrant(g: Omit<CompensatoryGrant, "id">): Promise<CompensatoryGrant> {
    const row = await this.db.get<{ id: number }>(
      "INSERT INTO compensatory_grants (employee_id, source, overtime_id, date, days, expires_on) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      [g.employeeId, g.source, g.overtimeId, g.date, g.days, g.expiresOn],
    );
    return { id: Number(row!.id), ...g };
  }

  /** Every compensatory grant of a person, oldest first. */
  async grants(employeeId: number): Promise<CompensatoryGrant[]> {
    return (await this.db.all("SELECT * FROM compensatory_grants WHERE employee_id = ? ORDER BY expires_on, date, id", [employeeId])).map(toGrant);
  }
}
