/**
 * The SQL port on better-sqlite3. better-sqlite3 is synchronous and fast (a prepared statement
 * runs in microseconds), so each call simply runs at once and resolves. The only care needed is
 * transactions: a transaction's callback awaits between statements, and other requests' work
 * runs in those gaps. On one connection their statements would land inside our BEGIN..COMMIT, so
 * while a transaction is open every call on the connection itself waits for it to end, and only
 * calls through the transaction's own handle run. Transactions therefore run one at a time, as
 * SQLite runs writers anyway. Every call checks the gate again after each wake-up, with nothing
 * awaited between the check and its statement, so a transaction opened in between never gets a
 * stranger's statement inside it.
 */
import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

type Statement = Database.Statement<unknown[], unknown>;

/** Pragmas every connection gets: durable WAL, enforced foreign keys, a wait instead of SQLITE_BUSY. */
function configure(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: every commit is in the OS before we acknowledge it, so a killed process
  // loses nothing; only a power cut may drop the last commits. FULL would cost an fsync per punch.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}

/**
 * Makes a database file readable by its owner only (attendance is personal data): a new one is
 * created with mode 0600 before SQLite opens it, so its -wal and -shm files, which SQLite creates
 * with the database file's mode, are 0600 too; an existing one (and those files) is narrowed.
 */
function keepPrivate(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** A SQLite database file (":memory:" for a scratch one). */
export class SqliteDb implements SqlDb {
  readonly dialect = "sqlite" as const;
  readonly native: Database.Database;
  private readonly statements = new Map<string, Statement>();
  /** Settles when the open transaction ends; null when none is open. */
  private gate: Promise<void> | null = null;

  constructor(file: string) {
    if (file !== ":memory:") keepPrivate(file);
    this.native = new Database(file);
    configure(this.native);
  }

  /** A prepared statement, compiled once per SQL text. */
  statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.native.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    // Checked again after every wake-up, and nothing awaited between the check and the statement:
    // a transaction opened meanwhile must not get this statement inside it.
    while (this.gate) await this.gate;
    return this.statement(sql).all(...params) as T[];
  }

  async get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    while (this.gate) await this.gate;
    return this.statement(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    while (this.gate) await this.gate;
    return { changes: this.statement(sql).run(...params).changes };
  }

  async exec(sql: string): Promise<void> {
    while (this.gate) await this.gate;
    this.native.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    const tx = new SqliteTransaction(this);
    try {
      // IMMEDIATE takes the write lock now: another process (the CLI beside the server) then
      // waits for it at BEGIN, instead of failing when a read transaction tries to write.
      this.native.exec("BEGIN IMMEDIATE");
      const result = await fn(tx);
      this.native.exec("COMMIT");
      return result;
    } catch (err) {
      if (this.native.inTransaction) this.native.exec("ROLLBACK");
      throw err;
    } finally {
      tx.end();
      this.gate = null;
      release();
    }
  }

  /** A consistent copy of the database in `file`, taken while it is in use. */
  async backup(file: string): Promise<void> {
    while (this.gate) await this.gate;
    keepPrivate(file);
    await this.native.backup(file);
    chmodSync(file, 0o600);
  }

  async close(): Promise<void> {
    while (this.gate) await this.gate;
    this.native.close();
  }
}

/** The handle of an open transaction: runs at once; nested transactions are savepoints. */
class SqliteTransaction implements SqlDb {
  readonly dialect = "sqlite" as const;
  private open = true;
  private savepoints = 0;

  constructor(private readonly db: SqliteDb) {}

  end(): void {
    this.open = false;
  }

  private statement(sql: string): Statement {
    // A handle kept past its transaction (a callback not awaited) would write outside it.
    if (!this.open) throw new Error("This transaction has ended; use the handle only inside its callback");
    return this.db.statement(sql);
  }

  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.statement(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: this.statement(sql).run(...params).changes };
  }

  async exec(sql: string): Promise<void> {
    if (!this.open) throw new Error("This transaction has ended; use the handle only inside its callback");
    this.db.native.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      await this.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      await this.exec(`ROLLBACK TO ${name}`);
      await this.exec(`RELEASE ${name}`);
      throw err;
    }
  }

  async close(): Promise<void> {
    throw new Error("Close the database, not a transaction");
  }
}
