/**
 * Schema steps 013 on, in order (see migrations.ts). Released steps are never edited or reordered;
 * a new step goes at the end of this list.
 */
import type { Migration } from "./migrations.ts";

export const STEPS_2: Migration[] = [
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
