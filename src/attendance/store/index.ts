/**
 * The attendance system of record: one repository per kind of record, over the SQL port. The
 * services are the only users of a store; routes, tools and the CLI talk to the services.
 *
 * A transaction gives a store of its own whose repositories write inside it:
 *
 *     await store.transaction(async (tx) => {
 *       const last = await tx.punches.lastRecorded(id);
 *       await tx.punches.add(...);
 *       await tx.audit.add(...);
 *     });
 *
 * Inside the callback use `tx` only (the outer store waits for the transaction to end).
 */
import { AuditRepository } from "./audit.ts";
import { DataCipher, WrongDataKeyError } from "./cipher.ts";
import { HolidayRepository } from "./holidays.ts";
import { LeaveRepository } from "./leave.ts";
import { migrate } from "./migrations.ts";
import { EmployeeCache, PeopleRepository } from "./people.ts";
import { PunchRepository } from "./punches.ts";
import { SessionRepository } from "./sessions.ts";
import { CorrectionRepository, OvertimeRepository } from "./requests.ts";
import { SettingsRepository } from "./settings.ts";
import { SiteRepository } from "./sites.ts";
import { MeetingRepository } from "./meetings.ts";
import { ShiftRepository } from "./shifts.ts";
import type { SqlDb } from "./sql.ts";
import { SqliteDb } from "./sqlite.ts";
import { ThrottleRepository } from "./throttle.ts";

export type { AuditEntry } from "./audit.ts";
export type { LeaveFilter, NewLeave } from "./leave.ts";
export type { NewEmployee } from "./people.ts";
export type { NewPunch } from "./punches.ts";
export type { CredentialKind, NewCredential, StoredCredential } from "./sessions.ts";
export type { LoginThrottle } from "./throttle.ts";
export type { Decision, RequestFilter } from "./requests.ts";
export type { Row, SqlDb, SqlValue } from "./sql.ts";
export { SqliteDb } from "./sqlite.ts";
export { DataCipher, WrongDataKeyError } from "./cipher.ts";
export type { SiteScope } from "./sites.ts";
export { MIGRATIONS, migrate, type Migration } from "./migrations.ts";

export class AttendanceStore {
  readonly people: PeopleRepository;
  readonly punches: PunchRepository;
  readonly leave: LeaveRepository;
  readonly settings: SettingsRepository;
  readonly holidays: HolidayRepository;
  readonly audit: AuditRepository;
  /** Sessions and API tokens (src/auth uses them; a role change here ends them in the same transaction). */
  readonly sessions: SessionRepository;
  readonly throttle: ThrottleRepository;
  readonly shifts: ShiftRepository;
  readonly corrections: CorrectionRepository;
  readonly overtime: OvertimeRepository;
  readonly sites: SiteRepository;
  readonly meetings: MeetingRepository;

  constructor(
    readonly db: SqlDb,
    private readonly employees: EmployeeCache = new EmployeeCache(),
    inTransaction = false,
    /** Encrypts personal data at rest (punch coordinates and photos); a scratch key when not given (tests on a store of their own). */
    private readonly cipher: DataCipher = DataCipher.ephemeral(),
  ) {
    this.people = new PeopleRepository(db, employees, inTransaction);
    this.punches = new PunchRepository(db, cipher);
    this.sites = new SiteRepository(db);
    this.meetings = new MeetingRepository(db);
    this.leave = new LeaveRepository(db);
    this.settings = new SettingsRepository(db);
    this.holidays = new HolidayRepository(db);
    this.audit = new AuditRepository(db);
    this.sessions = new SessionRepository(db);
    this.throttle = new ThrottleRepository(db);
    this.shifts = new ShiftRepository(db);
    this.corrections = new CorrectionRepository(db);
    this.overtime = new OvertimeRepository(db);
  }

  /** Runs `fn` in one transaction, with a store that writes inside it (nested: a savepoint). */
  transaction<T>(fn: (tx: AttendanceStore) => Promise<T>): Promise<T> {
    return this.db.transaction((db) => fn(new AttendanceStore(db, this.employees, true, this.cipher)));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * Opens (creating if needed) a SQLite store and brings its schema up to date. `dataKey` encrypts
 * personal data at rest; `keySource` names where it came from for the error when it is not the
 * key the data was written with (start-up stops then, never reading the data as empty).
 */
export async function openSqliteStore(file: string, options: { dataKey?: Buffer; keySource?: string; keyMadeNow?: boolean } = {}): Promise<{ store: AttendanceStore; db: SqliteDb }> {
  const db = new SqliteDb(file);
  await migrate(db);
  const cipher = options.dataKey ? new DataCipher(options.dataKey) : DataCipher.ephemeral();
  const store = new AttendanceStore(db, new EmployeeCache(), false, cipher);
  try {
    await checkDataKey(store, cipher, options.keySource ?? "memory", options.keyMadeNow ?? false);
  } catch (err) {
    await db.close();
    throw err;
  }
  return { store, db };
}

/** Checks the key against the value kept at first open, then encrypts any coordinates still in plain text. */
async function checkDataKey(store: AttendanceStore, cipher: DataCipher, keySource: string, keyMadeNow: boolean): Promise<void> {
  const kept = await store.settings.get("data_key_check");
  if (kept === undefined) await store.settings.set("data_key_check", cipher.checkValue());
  else if (!cipher.opens(kept)) {
    // A database copied without its key file (a scratch copy, a fresh seed handed to a worker)
    // gets a new key file at open. Holding nothing encrypted, it loses nothing by taking that
    // key; holding encrypted data, or given another key on purpose, start-up stops.
    if (!keyMadeNow || (await store.punches.holdsEncrypted())) throw new WrongDataKeyError(keySource);
    await store.settings.set("data_key_check", cipher.checkValue());
  }
  const encrypted = await store.transaction((tx) => tx.punches.encryptPlainLocations());
  // The plain copies' pages are rewritten, so no coordinate stays readable in the file's free space.
  if (encrypted > 0) await store.db.exec("VACUUM");
}
