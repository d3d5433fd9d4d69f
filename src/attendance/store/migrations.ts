/**
 * The schema, as named steps. A database records the steps it has run in `schema_migrations`, so
 * branches can each add a step without renumbering anyone's: never edit or reorder a released
 * step, add one. A database from before named steps (SQLite's `user_version` = N) is adopted as
 * having run the first N. Steps are written in SQL both SQLite and Postgres read where that costs
 * nothing; a Postgres store will give a step its own form only where the dialects differ (ids).
 */
import type { SqlDb } from "./sql.ts";

/** One schema step. */
export interface Migration {
  /** Unique and sortable: "NNN-what-it-does". */
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: "001-initial",
    sql: `
  CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL
  );
  CREATE TABLE employees (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    manager_id INTEGER REFERENCES employees(id),
    role TEXT NOT NULL CHECK (role IN ('employee','manager','hr','admin')),
    hire_date TEXT NOT NULL,
    career_start TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'zh' CHECK (language IN ('zh','en')),
    password_hash TEXT
  );
  CREATE INDEX employees_manager ON employees(manager_id);
  CREATE INDEX employees_department ON employees(department_id);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE punches (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    at_ms INTEGER NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('voice','web','api','correction')),
    latitude REAL,
    longitude REAL,
    accuracy_m REAL,
    recorded_by INTEGER NOT NULL REFERENCES employees(id),
    note TEXT,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX punches_employee_at ON punches(employee_id, at_ms);
  CREATE INDEX punches_at ON punches(at_ms);
  CREATE TABLE leave_requests (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    type TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    half_day TEXT CHECK (half_day IN ('am','pm')),
    days REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','cancelled')),
    approver_id INTEGER REFERENCES employees(id),
    reason TEXT,
    created_ms INTEGER NOT NULL,
    decided_ms INTEGER,
    CHECK (end_date >= start_date)
  );
  CREATE INDEX leave_employee_dates ON leave_requests(employee_id, start_date);
  CREATE INDEX leave_status ON leave_requests(status);
  CREATE TABLE leave_grants (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    year INTEGER NOT NULL,
    type TEXT NOT NULL,
    days REAL NOT NULL,
    PRIMARY KEY (employee_id, year, type)
  );
  CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    is_off_day INTEGER NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    actor_id INTEGER REFERENCES employees(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    before_json TEXT,
    after_json TEXT
  );
  `,
  },
  // The duplicate check reads an employee's most recently recorded punch on every check-in.
  { id: "002-punches-employee-recorded", sql: "CREATE INDEX punches_employee_recorded ON punches(employee_id, id);" },
  {
    // Server-side sessions and API tokens (only a hash of each secret is kept), sign-in throttling
    // shared by every server on the database, one-time passwords; and no signing key any more.
    id: "003-sessions-tokens-throttle",
    sql: `
  CREATE TABLE auth_sessions (
    id INTEGER PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('session','token')),
    employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
    name TEXT,
    created_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    expires_ms INTEGER,
    user_agent TEXT,
    address TEXT
  );
  CREATE INDEX auth_sessions_employee ON auth_sessions(employee_id, kind);
  CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    lockouts INTEGER NOT NULL DEFAULT 0,
    locked_until_ms INTEGER,
    window_start_ms INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_ms INTEGER NOT NULL
  );
  ALTER TABLE employees ADD COLUMN password_temporary INTEGER NOT NULL DEFAULT 0;
  DELETE FROM settings WHERE key = 'token_secret';
  `,
  },
  // Rules v2 (issue 12). Punches made before kinds were stored keep the kind the old midpoint rule
  // gave them (04:00-13:30 Shanghai time: in; otherwise out), so past months judge as they did.
  {
    id: "004-punch-kinds",
    sql: `
  ALTER TABLE punches ADD COLUMN kind TEXT NOT NULL DEFAULT 'out' CHECK (kind IN ('in','out'));
  UPDATE punches SET kind = 'in' WHERE ((at_ms / 60000 + 480) % 1440) >= 240 AND ((at_ms / 60000 + 480) % 1440) < 810;
  `,
  },
  {
    id: "005-shifts-and-roster",
    sql: `
  CREATE TABLE shifts (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    flex_minutes INTEGER NOT NULL,
    grace_minutes INTEGER NOT NULL
  );
  CREATE TABLE shift_assignments (
    scope TEXT NOT NULL CHECK (scope IN ('department','employee')),
    target_id INTEGER NOT NULL,
    shift_code TEXT NOT NULL,
    PRIMARY KEY (scope, target_id)
  );
  CREATE TABLE roster (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    shift_code TEXT,
    PRIMARY KEY (employee_id, date)
  );
  CREATE INDEX roster_date ON roster(date);
  `,
  },
  {
    id: "006-correction-requests",
    sql: `
  CREATE TABLE correction_requests (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('in','out')),
    clock_time TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    reason TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','cancelled')),
    approver_id INTEGER REFERENCES employees(id),
    comment TEXT,
    punch_id INTEGER REFERENCES punches(id),
    created_ms INTEGER NOT NULL,
    decided_ms INTEGER
  );
  CREATE INDEX correction_employee_date ON correction_requests(employee_id, date);
  CREATE INDEX correction_status ON correction_requests(status);
  ALTER TABLE punches ADD COLUMN correction_id INTEGER REFERENCES correction_requests(id);
  `,
  },
  {
    id: "007-overtime-and-compensatory-grants",
    sql: `
  CREATE TABLE overtime_requests (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    compensation TEXT NOT NULL CHECK (compensation IN ('leave','pay')),
    reason TEXT,
    minutes INTEGER NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('workday','restDay','holiday')),
    status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','cancelled')),
    approver_id INTEGER REFERENCES employees(id),
    comment TEXT,
    created_ms INTEGER NOT NULL,
    decided_ms INTEGER
  );
  CREATE INDEX overtime_employee_date ON overtime_requests(employee_id, date);
  CREATE INDEX overtime_status ON overtime_requests(status);
  CREATE TABLE compensatory_grants (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    source TEXT NOT NULL CHECK (source IN ('overtime','hr')),
    overtime_id INTEGER REFERENCES overtime_requests(id),
    date TEXT NOT NULL,
    days REAL NOT NULL,
    expires_on TEXT NOT NULL
  );
  CREATE INDEX compensatory_employee ON compensatory_grants(employee_id, expires_on);
  INSERT INTO compensatory_grants (employee_id, source, overtime_id, date, days, expires_on)
    SELECT employee_id, 'hr', NULL, year || '-01-01', days, year || '-12-31' FROM leave_grants WHERE type = 'compensatory' AND days > 0;
  DELETE FROM leave_grants WHERE type = 'compensatory';
  `,
  },
  // Punches made from a chat platform are recorded with method 'im'. SQLite cannot change a CHECK
  // in place, so the table is rebuilt with the same columns, rows and indexes; correction requests
  // point at punches, so their keys are checked at commit, once the rows are back.
  {
    id: "013-punch-method-im",
    sql: `
  PRAGMA defer_foreign_keys = ON;
  CREATE TEMP TABLE punches_before_im AS SELECT * FROM punches;
  DROP TABLE punches;
  CREATE TABLE punches (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    at_ms INTEGER NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('voice','web','api','correction','im')),
    latitude REAL,
    longitude REAL,
    accuracy_m REAL,
    recorded_by INTEGER NOT NULL REFERENCES employees(id),
    note TEXT,
    created_ms INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'out' CHECK (kind IN ('in','out')),
    correction_id INTEGER REFERENCES correction_requests(id)
  );
  INSERT INTO punches (id, employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms, kind, correction_id)
    SELECT id, employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms, kind, correction_id FROM punches_before_im;
  DROP TABLE temp.punches_before_im;
  CREATE INDEX punches_employee_at ON punches(employee_id, at_ms);
  CREATE INDEX punches_at ON punches(at_ms);
  CREATE INDEX punches_employee_recorded ON punches(employee_id, id);
  `,
  },
  // Places (issue 15): sites with geofences and office networks, assigned to departments and
  // people, each department's location rule; punches record where they were judged to be, their
  // field review, and their coordinates only encrypted (location_enc, AES-256-GCM, written by the
  // store), and the audit log's copies of punches no longer hold them. The table is rebuilt without the plain-text coordinate columns (and with method
  // 'meeting'); coordinates already stored wait in punch_locations_plain until the store, which
  // holds the key, encrypts them at its next open and empties that table.
  {
    id: "015-places",
    sql: `
  CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    radius_m INTEGER NOT NULL,
    networks TEXT NOT NULL DEFAULT '[]',
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE site_assignments (
    scope TEXT NOT NULL CHECK (scope IN ('department','employee')),
    target_id INTEGER NOT NULL,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    PRIMARY KEY (scope, target_id, site_id)
  );
  CREATE TABLE department_location_rules (
    department_id INTEGER PRIMARY KEY REFERENCES departments(id),
    rule TEXT NOT NULL CHECK (rule IN ('none','site','siteOrField'))
  );
  PRAGMA defer_foreign_keys = ON;
  CREATE TABLE punch_locations_plain AS SELECT id AS punch_id, latitude, longitude, accuracy_m FROM punches WHERE latitude IS NOT NULL;
  CREATE TEMP TABLE punches_before_places AS SELECT * FROM punches;
  DROP TABLE punches;
  CREATE TABLE punches (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    at_ms INTEGER NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('voice','web','api','correction','im','meeting')),
    location_enc TEXT,
    recorded_by INTEGER NOT NULL REFERENCES employees(id),
    note TEXT,
    created_ms INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'out' CHECK (kind IN ('in','out')),
    correction_id INTEGER REFERENCES correction_requests(id),
    place_kind TEXT NOT NULL DEFAULT 'none' CHECK (place_kind IN ('site','network','field','none')),
    site_id INTEGER REFERENCES sites(id),
    site_name TEXT,
    distance_m REAL,
    remark TEXT,
    photo_enc TEXT,
    field_review TEXT CHECK (field_review IN ('pending','confirmed','rejected')),
    field_reviewer_id INTEGER REFERENCES employees(id),
    field_decided_ms INTEGER
  );
  INSERT INTO punches (id, employee_id, at_ms, method, recorded_by, note, created_ms, kind, correction_id)
    SELECT id, employee_id, at_ms, method, recorded_by, note, created_ms, kind, correction_id FROM punches_before_places;
  DROP TABLE temp.punches_before_places;
  CREATE INDEX punches_employee_at ON punches(employee_id, at_ms);
  CREATE INDEX punches_at ON punches(at_ms);
  CREATE INDEX punches_employee_recorded ON punches(employee_id, id);
  CREATE INDEX punches_field_review ON punches(field_review) WHERE field_review IS NOT NULL;
  CREATE INDEX punches_location_created ON punches(created_ms) WHERE location_enc IS NOT NULL OR photo_enc IS NOT NULL;
  UPDATE audit_log SET before_json = json_set(before_json, '$.location', 'encrypted')
    WHERE entity = 'punch' AND json_valid(before_json) AND json_type(before_json, '$.location') = 'object';
  UPDATE audit_log SET after_json = json_set(after_json, '$.location', 'encrypted')
    WHERE entity = 'punch' AND json_valid(after_json) AND json_type(after_json, '$.location') = 'object';
  `,
  },
  // Meetings that count as presence, and the Agora notices already taken (Agora retries a notice).
  {
    id: "016-meetings",
    sql: `
  CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    days TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    departments TEXT NOT NULL DEFAULT '[]',
    logins TEXT NOT NULL DEFAULT '[]',
    channel TEXT,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX meetings_channel ON meetings(channel);
  CREATE TABLE agora_notices (
    notice_id TEXT PRIMARY KEY,
    received_ms INTEGER NOT NULL
  );
  `,
  },
  // The directory (issue 11): a department tree with heads; contact details; leaving and rejoining
  // (earlier stretches of employment kept as JSON, read with the person, never queried).
  {
    id: "017-directory",
    sql: `
  ALTER TABLE departments ADD COLUMN parent_id INTEGER REFERENCES departments(id);
  ALTER TABLE departments ADD COLUMN head_id INTEGER REFERENCES employees(id);
  ALTER TABLE departments ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE employees ADD COLUMN email TEXT;
  ALTER TABLE employees ADD COLUMN phone TEXT;
  ALTER TABLE employees ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','left'));
  ALTER TABLE employees ADD COLUMN leaving_date TEXT;
  ALTER TABLE employees ADD COLUMN past_employment TEXT NOT NULL DEFAULT '[]';
  CREATE UNIQUE INDEX employees_email ON employees(email);
  `,
  },
  // Offline punches (issue 18): a punch request's answer kept under the client's idempotency key,
  // so a retry returns it instead of punching again. Kept a week (claims older than 72 h are refused).
  {
    id: "018-punch-requests",
    sql: `
  CREATE TABLE punch_requests (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    request_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    result TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (employee_id, request_key)
  );
  CREATE INDEX punch_requests_created ON punch_requests(created_ms);
  `,
  },
  // HR's audit log screen filters by person: whom an entry concerns (an employee record, or the
  // employeeId of the record before/after) is kept beside who acted, both indexed.
  {
    id: "019-audit-subject",
    sql: `
  ALTER TABLE audit_log ADD COLUMN subject_id INTEGER;
  UPDATE audit_log SET subject_id = CASE
    WHEN entity = 'employee' AND entity_id GLOB '[0-9]*' THEN CAST(entity_id AS INTEGER)
    ELSE COALESCE(json_extract(after_json, '$.employeeId'), json_extract(before_json, '$.employeeId'))
  END;
  CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
  CREATE INDEX audit_log_subject ON audit_log(subject_id, id);
  CREATE INDEX audit_log_at ON audit_log(at_ms);
  `,
  },
  // The reminders read everyone's roll each minute: a counter the database bumps on every change
  // to an employee row lets them keep it until it changes, whichever process wrote (the CLI beside
  // the server too), and a rolled-back write never bumps it.
  {
    id: "020-employee-revision",
    sql: `
  CREATE TABLE revisions (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
  INSERT INTO revisions (name, n) VALUES ('employees', 0);
  CREATE TRIGGER employees_revision_insert AFTER INSERT ON employees BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'employees'; END;
  CREATE TRIGGER employees_revision_update AFTER UPDATE ON employees BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'employees'; END;
  CREATE TRIGGER employees_revision_delete AFTER DELETE ON employees BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'employees'; END;
  `,
  },
  // Month and team views read each person's punches of a stretch (instant, kind, place, whether
  // it counts): with those in the (employee, instant) index itself, a month of ten thousand people
  // is read from the index alone, not from rows scattered over the table (about twice as fast).
  // It replaces the narrower index, whose every use it serves.
  {
    id: "021-punches-employee-covering",
    sql: `
  CREATE INDEX punches_employee_covering ON punches(employee_id, at_ms, kind, place_kind, site_name, field_review);
  DROP INDEX punches_employee_at;
  `,
  },
];

/** Brings the schema up to date, each step in its own transaction. Safe to call on every start. */
export async function migrate(db: SqlDb, steps: Migration[] = MIGRATIONS): Promise<string[]> {
  await db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_ms INTEGER NOT NULL)");
  const done = new Set((await db.all<{ id: string }>("SELECT id FROM schema_migrations")).map((r) => r.id));
  if (done.size === 0 && db.dialect === "sqlite") {
    const version = (await db.get<{ user_version: number }>("PRAGMA user_version"))?.user_version ?? 0;
    for (const step of steps.slice(0, version)) {
      await db.run("INSERT INTO schema_migrations (id, applied_ms) VALUES (?, ?)", [step.id, 0]);
      done.add(step.id);
    }
  }
  const applied: string[] = [];
  for (const step of steps) {
    if (done.has(step.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(step.sql);
      await tx.run("INSERT INTO schema_migrations (id, applied_ms) VALUES (?, ?)", [step.id, Date.now()]);
    });
    applied.push(step.id);
  }
  return applied;
}
