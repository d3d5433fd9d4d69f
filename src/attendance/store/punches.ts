/** Punches: the instants people checked in and out, as recorded. */
import type { Location, Punch, PunchKind, PunchMethod } from "../types.ts";
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
  kind: r.kind as PunchKind,
  correctionId: r.correction_id === null || r.correction_id === undefined ? null : Number(r.correction_id),
});

export interface NewPunch {
  employeeId: number;
  atMs: number;
  method: PunchMethod;
  location?: Location | null;
  recordedBy: number;
  note?: string | null;
  kind: PunchKind;
  /** The correction request an approval records this punch for. */
  correctionId?: number | null;
}

export class PunchRepository {
  constructor(private readonly db: SqlDb) {}

  async add(p: NewPunch, createdMs: number): Promise<Punch> {
    const location = p.location ?? null;
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO punches (employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms, kind, correction_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [p.employeeId, p.atMs, p.method, location?.latitude ?? null, location?.longitude ?? null, location?.accuracyM ?? null, p.recordedBy, p.note ?? null, createdMs, p.kind, p.correctionId ?? null],
    );
    // Built from what was written rather than read back: this is the hot path of every check-in.
    return {
      id: row!.id,
      employeeId: p.employeeId,
      atMs: p.atMs,
      method: p.method,
      location,
      recordedBy: p.recordedBy,
      recordedAtMs: createdMs,
      note: p.note ?? null,
      kind: p.kind,
      correctionId: p.correctionId ?? null,
    };
  }

  /** An employee's punches in [fromMs, toMs), in time order. */
  async between(employeeId: number, fromMs: number, toMs: number): Promise<Punch[]> {
    return (await this.db.all("SELECT * FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms", [employeeId, fromMs, toMs])).map(toPunch);
  }

  /** Punches of many employees at once (everyone when null) with their kinds, in time order, for month and team views. */
  async byEmployee(employeeIds: number[] | null, fromMs: number, toMs: number): Promise<Map<number, { atMs: number; kind: PunchKind }[]>> {
    const rows = await this.db.all<{ employee_id: number; at_ms: number; kind: PunchKind }>(
      "SELECT employee_id, at_ms, kind FROM punches WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms",
      [fromMs, toMs],
    );
    const wanted = employeeIds && new Set(employeeIds);
    const out = new Map<number, { atMs: number; kind: PunchKind }[]>();
    for (const { employee_id: id, at_ms: at, kind } of rows) {
      if (wanted && !wanted.has(id)) continue;
      const punch = { atMs: Number(at), kind };
      const list = out.get(id);
      if (list) list.push(punch);
      else out.set(id, [punch]);
    }
    return out;
  }

  /** Changes a punch's kind (its owner, within minutes of punching). */
  async setKind(id: number, kind: PunchKind): Promise<void> {
    await this.db.run("UPDATE punches SET kind = ? WHERE id = ?", [kind, id]);
  }

  /** The punch recorded last (not necessarily the latest instant: corrections can be backdated). */
  async lastRecorded(employeeId: number): Promise<Punch | undefined> {
    const r = await this.db.get("SELECT * FROM punches WHERE employee_id = ? ORDER BY id DESC LIMIT 1", [employeeId]);
    return r && toPunch(r);
  }
}
