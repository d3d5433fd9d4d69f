/**
 * Schema steps 001-012, in order (see migrations.ts). Released steps are never edited or reordered;
 * new steps go at the end of schema-steps-2.ts.
 */
import type { Migration } from "./migrations.ts";

export const STEPS_1: Migration[] = [
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
];
