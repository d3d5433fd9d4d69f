/** Punches: the instants people checked in and out, as recorded. */
import type { Location, Punch, PunchMethod } from "../types.ts";
import type { Row, SqlDb } from "./sql.ts";

const toPunch = (r: Row): Punch => ({
  id: r.id as number,
  employeeId: r.employee_id as number,
  atMs: Number(r.at_ms),
  method: r.method as PunchMethod,
  location: r.latitude === null ? null : { latitude: r.latitude as number, longitude: r.longitude as number, accuracyM: (r.accuracy_m as number | null) ?? undefined },
  recordedBy: r.recorded_by as number,
  recordedAtMs: Number(r.created_ms),
  note: r.note as string | null,
});

export interface NewPunch {
  employeeId: number;
  atMs: number;
  method: PunchMethod;
  location?: Location | null;
  recordedBy: number;
  note?: string | null;
}

export class PunchRepository {
  constructor(private readonly db: SqlDb) {}

  async add(p: NewPunch, createdMs: number): Promise<Punch> {
    const location = p.location ?? null;
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO punches (employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [p.employeeId, p.atMs, p.method, location?.latitude ?? null, location?.longitude ?? null, location?.accuracyM ?? null, p.recordedBy, p.note ?? null, createdMs],
    );
    // Built from what was written rather than read back: this is the hot path of every check-in.
    return { id: row!.id, employeeId: p.employeeId, atMs: p.atMs, method: p.method, location, recordedBy: p.recordedBy, recordedAtMs: createdMs, note: p.note ?? null };
  }

  /** An employee's punches in [fromMs, toMs), in time order. */
  async between(employeeId: number, fromMs: number, toMs: number): Promise<Punch[]> {
    return (await this.db.all("SELECT * FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms", [employeeId, fromMs, toMs])).map(toPunch);
  }

  /** The earliest punch in [fromMs, midMs) and the latest in [midMs, toMs): what decides a day. */
  async extremes(employeeId: number, fromMs: number, midMs: number, toMs: number): Promise<number[]> {
    const row = await this.db.get<{ first: number | null; last: number | null }>(
      `SELECT (SELECT MIN(at_ms) FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ?) AS first,
              (SELECT MAX(at_ms) FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ?) AS last`,
      [employeeId, fromMs, midMs, employeeId, midMs, toMs],
    );
    return [row?.first ?? null, row?.last ?? null].filter((t): t is number => t !== null).map(Number);
  }

  /** Punch instants of many employees at once (all when null), for department and company views. */
  async instants(employeeIds: number[] | null, fromMs: number, toMs: number): Promise<Map<number, number[]>> {
    const rows = await this.db.all<{ employee_id: number; at_ms: number }>("SELECT employee_id, at_ms FROM punches WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms", [fromMs, toMs]);
    const wanted = employeeIds && new Set(employeeIds);
    const out = new Map<number, number[]>();
    for (const { employee_id: id, at_ms: at } of rows) {
      if (wanted && !wanted.has(id)) continue;
      const list = out.get(id);
      if (list) list.push(Number(at));
      else out.set(id, [Number(at)]);
    }
    return out;
  }

  /** The punch recorded last (not necessarily the latest instant: corrections can be backdated). */
  async lastRecorded(employeeId: number): Promise<Punch | undefined> {
    const r = await this.db.get("SELECT * FROM punches WHERE employee_id = ? ORDER BY id DESC LIMIT 1", [employeeId]);
    return r && toPunch(r);
  }
}
