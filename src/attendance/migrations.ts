import type Database from "better-sqlite3";

/** Versioned schema steps; `user_version` records how many have run. Never edit a released step: add one. */
const MIGRATIONS: string[] = [
  `
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
  // The duplicate check reads an employee's most recently recorded punch on every check-in.
  `CREATE INDEX punches_employee_recorded ON punches(employee_id, id);`,
];

/** Opens the schema at the newest version. Safe to call on every start. */
export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Pragmas every connection gets: durable WAL, enforced foreign keys, a wait instead of SQLITE_BUSY. */
export function configure(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: every commit is in the OS before we acknowledge it, so a killed process
  // loses nothing; only a power cut may drop the last commits. FULL would cost an fsync per punch.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}
