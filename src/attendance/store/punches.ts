/** Punches: the instants people checked in and out, as recorded, with where they were judged to be. */
import type { FieldReview, Location, PlaceKind, Punch, PunchKind, PunchMethod, PunchPlace } from "../types.ts";
import type { DataCipher } from "./cipher.ts";
import type { Row, SqlDb } from "./sql.ts";

/** A punch not made anywhere in particular. */
export const NO_PLACE: PunchPlace = { kind: "none", siteId: null, site: null, distanceM: null, remark: null, review: null, hasPhoto: false };

/** Punches that count: a rejected field punch is kept for the record but judged as if never made. */
const COUNTS = "(field_review IS NULL OR field_review <> 'rejected')";

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
  /** Where it was judged to be (default: not judged). */
  place?: PunchPlace;
  /** A field punch's photo (JPEG or PNG bytes), kept encrypted. */
  photo?: Buffer | null;
}

/** A punch as month and team views read it: when, which kind, and where. */
export interface DayPunchRow {
  atMs: number;
  kind: PunchKind;
  place: { kind: PlaceKind; site: string | null };
}

/** A punch made nowhere in particular, as `byEmployee` packs it: its instant, negated for an `out`; any other as `[atMs, kind, place, site]`. */
type PackedPunch = number | [number, PunchKind, PlaceKind, string | null];

/** Shared by every punch made nowhere in particular (most of them): one object, not one per punch. */
const NOWHERE: DayPunchRow["place"] = Object.freeze({ kind: "none", site: null });

const unpack = (p: PackedPunch): DayPunchRow =>
  typeof p === "number" ? (p > 0 ? { atMs: p, kind: "in", place: NOWHERE } : { atMs: -p, kind: "out", place: NOWHERE }) : { atMs: p[0], kind: p[1], place: { kind: p[2], site: p[3] } };

/** The order views show punches in: by instant, then (the same millisecond) by what they say, so the result never depends on how the rows were read. */
function before(a: DayPunchRow, b: DayPunchRow): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  const ka = `${a.kind}|${a.place.kind}|${a.place.site ?? ""}`;
  const kb = `${b.kind}|${b.place.kind}|${b.place.site ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The list in that order: a look when it is already (as the index hands it over), a sort when not. */
function inTimeOrder(list: DayPunchRow[]): DayPunchRow[] {
  for (let i = 1; i < list.length; i++) if (before(list[i - 1], list[i]) > 0) return list.sort(before);
  return list;
}

/**
 * Many people's punches of a stretch, as {@link PunchRepository.byEmployee} reads them: each
 * person's become rows only when asked for, one person at a time, so that a month of ten thousand
 * people is never 360,000 objects alive at once (they would outlive the young generation, to be
 * copied by the collector, before anyone is judged).
 */
export class PunchesByEmployee {
  constructor(private readonly packed: ReadonlyMap<number, readonly PackedPunch[]> = new Map()) {}

  /** Whether the person has a punch in the stretch. */
  has(employeeId: number): boolean {
    return this.packed.has(employeeId);
  }

  /** The person's punches that count, in time order (none: an empty list). */
  of(employeeId: number): DayPunchRow[] {
    const packed = this.packed.get(employeeId);
    return packed ? inTimeOrder(packed.map(unpack)) : [];
  }
}

/** A field punch waiting for (or given) its manager's review. */
export interface FieldPunchRow {
  punch: Punch;
  employeeId: number;
}

export class PunchRepository {
  constructor(
    private readonly db: SqlDb,
    private readonly cipher: DataCipher,
  ) {}

  private toPunch = (r: Row): Punch => ({
    id: r.id as number,
    employeeId: r.employee_id as number,
    atMs: Number(r.at_ms),
    method: r.method as PunchMethod,
    location: r.location_enc ? (JSON.parse(this.cipher.decrypt(r.location_enc as string)) as Location) : null,
    place: {
      kind: r.place_kind as PlaceKind,
      siteId: r.site_id === null ? null : Number(r.site_id),
      site: r.site_name as string | null,
      distanceM: r.distance_m === null ? null : Number(r.distance_m),
      remark: r.remark as string | null,
      review: r.field_review as FieldReview | null,
      hasPhoto: r.photo_enc !== null,
    },
    recordedBy: r.recorded_by as number,
    recordedAtMs: Number(r.created_ms),
    note: r.note as string | null,
    kind: r.kind as PunchKind,
    correctionId: r.correction_id === null || r.correction_id === undefined ? null : Number(r.correction_id),
  });

  /** The location as stored: only the three numbers, encrypted. */
  private seal(location: Location): string {
    const kept: Location = { latitude: location.latitude, longitude: location.longitude, ...(location.accuracyM === undefined ? {} : { accuracyM: location.accuracyM }) };
    return this.cipher.encrypt(JSON.stringify(kept));
  }

  async add(p: NewPunch, createdMs: number): Promise<Punch> {
    const location = p.location ? { latitude: p.location.latitude, longitude: p.location.longitude, ...(p.location.accuracyM === undefined ? {} : { accuracyM: p.location.accuracyM }) } : null;
    const place = { ...(p.place ?? NO_PLACE), hasPhoto: !!p.photo };
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO punches (employee_id, at_ms, method, location_enc, recorded_by, note, created_ms, kind, correction_id, place_kind, site_id, site_name, distance_m, remark, photo_enc, field_review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        p.employeeId,
        p.atMs,
        p.method,
        location && this.seal(location),
        p.recordedBy,
        p.note ?? null,
        createdMs,
        p.kind,
        p.correctionId ?? null,
        place.kind,
        place.siteId,
        place.site,
        place.distanceM,
        place.remark,
        p.photo ? this.cipher.encrypt(p.photo) : null,
        place.review,
      ],
    );
    // Built from what was written rather than read back: this is the hot path of every check-in.
    return {
      id: row!.id,
      employeeId: p.employeeId,
      atMs: p.atMs,
      method: p.method,
      location,
      place,
      recordedBy: p.recordedBy,
      recordedAtMs: createdMs,
      note: p.note ?? null,
      kind: p.kind,
      correctionId: p.correctionId ?? null,
    };
  }

  /** The instant of the earliest punch anyone made (rejected ones too: a record was kept), or null with none. */
  async firstAtMs(): Promise<number | null> {
    return (await this.db.get<{ at: number | null }>("SELECT MIN(at_ms) AS at FROM punches"))?.at ?? null;
  }

  /** An employee's punches that count in [fromMs, toMs), in time order. */
  async between(employeeId: number, fromMs: number, toMs: number): Promise<Punch[]> {
    return (await this.db.all(`SELECT * FROM punches WHERE employee_id = ? AND at_ms >= ? AND at_ms < ? AND ${COUNTS} ORDER BY at_ms`, [employeeId, fromMs, toMs])).map(this.toPunch);
  }

  /**
   * Punches that count of many employees at once (everyone when null), in time order, for month and
   * team views. A month of a large company is hundreds of thousands of punches: handing each to
   * JavaScript as a row costs several times what SQLite spends finding it, so each person's punches
   * come as one JSON array (SQLite's group_concat), parsed natively. Most punches were made nowhere
   * in particular, so such a punch is one number (its instant, negated for an `out`), and only the
   * others spell out `[atMs, kind, place, site]`: a third of the text to build and parse, and no
   * strings to collect. Each person's stretch is read from the (employee, instant, kind, place, site)
   * index, even for everyone: the instant index alone would hand over the month in time order, to be
   * sorted by person first. No ORDER BY inside group_concat: that sorts every punch again in a
   * temporary tree (a third of the query); the index's order is checked (and made) here instead.
   */
  async byEmployee(employeeIds: number[] | null, fromMs: number, toMs: number): Promise<PunchesByEmployee> {
    const who = employeeIds ? "SELECT value FROM json_each(?)" : "SELECT id FROM employees";
    const rows = await this.db.all<{ employee_id: number; punches: string }>(
      `SELECT employee_id, '[' || group_concat(
         CASE WHEN place_kind = 'none' AND site_name IS NULL AND at_ms > 0 AND kind IN ('in', 'out') THEN (CASE kind WHEN 'in' THEN at_ms ELSE -at_ms END)
         ELSE '[' || at_ms || ',"' || kind || '","' || place_kind || '",' || json_quote(site_name) || ']' END, ',') || ']' AS punches
       FROM punches WHERE employee_id IN (${who}) AND at_ms >= ? AND at_ms < ? AND ${COUNTS} GROUP BY employee_id`,
      employeeIds ? [JSON.stringify(employeeIds), fromMs, toMs] : [fromMs, toMs],
    );
    const packed = new Map<number, PackedPunch[]>();
    for (const { employee_id: id, punches } of rows) packed.set(id, JSON.parse(punches) as PackedPunch[]);
    return new PunchesByEmployee(packed);
  }

  /** Of these employees, those with no in-punch that counts in [fromMs, toMs), in id order: the few a check-in reminder may concern, found by the index. */
  async withoutIn(employeeIds: readonly number[], fromMs: number, toMs: number): Promise<number[]> {
    const rows = await this.db.all<{ id: number }>(
      `SELECT value AS id FROM json_each(?) WHERE NOT EXISTS
         (SELECT 1 FROM punches WHERE employee_id = value AND at_ms >= ? AND at_ms < ? AND kind = 'in' AND ${COUNTS}) ORDER BY value`,
      [JSON.stringify(employeeIds), fromMs, toMs],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Whether any punch keeps encrypted coordinates or a photo. */
  async holdsEncrypted(): Promise<boolean> {
    return !!(await this.db.get("SELECT 1 AS found FROM punches WHERE location_enc IS NOT NULL OR photo_enc IS NOT NULL LIMIT 1"));
  }

  async byId(id: number): Promise<Punch | undefined> {
    const r = await this.db.get("SELECT * FROM punches WHERE id = ?", [id]);
    return r && this.toPunch(r);
  }

  /** A punch's photo bytes, if it has one (erased with the coordinates after the retention window). */
  async photo(id: number): Promise<Buffer | null> {
    const r = await this.db.get<{ photo_enc: string | null }>("SELECT photo_enc FROM punches WHERE id = ?", [id]);
    return r?.photo_enc ? this.cipher.decryptBytes(r.photo_enc) : null;
  }

  /** Changes a punch's kind (its owner, within minutes of punching). */
  async setKind(id: number, kind: PunchKind): Promise<void> {
    await this.db.run("UPDATE punches SET kind = ? WHERE id = ?", [kind, id]);
  }

  /** The punch recorded last (not necessarily the latest instant: corrections can be backdated). */
  async lastRecorded(employeeId: number): Promise<Punch | undefined> {
    const r = await this.db.get("SELECT * FROM punches WHERE employee_id = ? ORDER BY id DESC LIMIT 1", [employeeId]);
    return r && this.toPunch(r);
  }

  /** Field punches waiting for review, of the given employees (everyone when null), oldest first. */
  async pendingField(employeeIds: number[] | null): Promise<Punch[]> {
    const rows = (await this.db.all("SELECT * FROM punches WHERE field_review = 'pending' ORDER BY at_ms")).map(this.toPunch);
    const wanted = employeeIds && new Set(employeeIds);
    return wanted ? rows.filter((p) => wanted.has(p.employeeId)) : rows;
  }

  /** Records a field punch's review; false when it was no longer pending. */
  async reviewField(id: number, review: "confirmed" | "rejected", reviewerId: number, atMs: number): Promise<boolean> {
    const r = await this.db.run("UPDATE punches SET field_review = ?, field_reviewer_id = ?, field_decided_ms = ? WHERE id = ? AND field_review = 'pending'", [review, reviewerId || null, atMs, id]);
    return r.changes > 0;
  }

  /** The stored answer to an employee's punch request with this idempotency key, if one was recorded. */
  async request(employeeId: number, key: string): Promise<{ fingerprint: string; result: string } | undefined> {
    return this.db.get<{ fingerprint: string; result: string }>("SELECT fingerprint, result FROM punch_requests WHERE employee_id = ? AND request_key = ?", [employeeId, key]);
  }

  /** Keeps a punch request's answer under its key (in the punch's transaction), dropping keys older than `forgetBeforeMs`. */
  async saveRequest(employeeId: number, key: string, fingerprint: string, result: string, createdMs: number, forgetBeforeMs: number): Promise<void> {
    await this.db.run("DELETE FROM punch_requests WHERE created_ms < ?", [forgetBeforeMs]);
    await this.db.run("INSERT INTO punch_requests (employee_id, request_key, fingerprint, result, created_ms) VALUES (?, ?, ?, ?, ?)", [employeeId, key, fingerprint, result, createdMs]);
  }

  /** Erases the coordinates and photos of punches recorded before `beforeMs`, keeping the site and field flag; how many. */
  async eraseLocations(beforeMs: number): Promise<number> {
    const r = await this.db.run("UPDATE punches SET location_enc = NULL, photo_enc = NULL WHERE created_ms < ? AND (location_enc IS NOT NULL OR photo_enc IS NOT NULL)", [beforeMs]);
    return r.changes;
  }

  /** Encrypts coordinates stored in plain text before encryption at rest (migration 015) and removes the plain copies. */
  async encryptPlainLocations(): Promise<number> {
    const rows = await this.db.all<{ punch_id: number; latitude: number; longitude: number; accuracy_m: number | null }>("SELECT * FROM punch_locations_plain");
    for (const r of rows) {
      const location: Location = { latitude: r.latitude, longitude: r.longitude, ...(r.accuracy_m === null ? {} : { accuracyM: r.accuracy_m }) };
      await this.db.run("UPDATE punches SET location_enc = ? WHERE id = ?", [this.seal(location), r.punch_id]);
    }
    if (rows.length) await this.db.run("DELETE FROM punch_locations_plain");
    return rows.length;
  }
}
