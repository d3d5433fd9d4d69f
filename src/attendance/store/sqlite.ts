/**
 * The SQL port on better-sqlite3. better-sqlite3 is synchronous and fast (a prepared statement
 * runs in microseconds), so each call simply runs at once and resolves. The only care needed is
 * transactions: a transaction's callback awaits between statements, and other requests' work
 * runs in those gaps. On one connection their statements would land inside our BEGIN..COMMIT, so
 * while a transaction is open every call on the connection itself waits for it to end, and only
 * calls through the transaction's own handle run. Transactions therefore run one at a time, as
 * SQLite runs writers anyway, and those asked for together share one commit (group commit, see
 * `transaction`). Every call checks the gate again after each wake-up, with nothing awaited
 * between the check and its statement, so a transaction opened in between never gets a
 * stranger's statement inside it.
 */
import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
import { setImmediate } from "node:timers";
import Database from "better-sqlite3";
import type { Row, SqlDb, SqlValue } from "./sql.ts";

type Statement = Database.Statement<unknown[], unknown>;

/** A transaction waiting for its batch (see {@link SqliteDb.transaction}). */
interface QueuedTransaction {
  fn: (tx: SqlDb) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** At most this many transactions share a commit, so none waits long for the others. */
const MAX_BATCH = 64;

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
  /** Transactions waiting for the next batch. */
  private readonly queue: QueuedTransaction[] = [];
  /** A batch is scheduled or running. */
  private draining = false;

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

  /**
   * Group commit: a transaction asked for is queued, and the queue runs on the next turn of the
   * event loop, after the requests that arrived with it have queued theirs. All of them run one
   * after another in one BEGIN..COMMIT, each in a savepoint of its own (one that throws is rolled
   * back alone), and each caller hears of its result only once that COMMIT is done. A commit
   * writes each page it changed to the WAL once, however many punches changed it: the writes, not
   * the statements, are most of what a lone check-in's transaction costs.
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Runs the queued transactions in batches until none is left. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        while (this.gate) await this.gate;
        const batch = this.queue.splice(0, MAX_BATCH);
        let release!: () => void;
        this.gate = new Promise<void>((resolve) => (release = resolve));
        try {
          await this.runBatch(batch);
        } finally {
          this.gate = null;
          release();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** One BEGIN..COMMIT around `batch` (and whatever joins the queue meanwhile, up to MAX_BATCH); settles each job after it. */
  private async runBatch(batch: QueuedTransaction[]): Promise<void> {
    const done: { job: QueuedTransaction; ok: boolean; value: unknown }[] = [];
    try {
      // IMMEDIATE takes the write lock now: another process (the CLI beside the server) then
      // waits for it at BEGIN, instead of failing when a read transaction tries to write.
      this.native.exec("BEGIN IMMEDIATE");
    } catch (err) {
      for (const job of batch) job.reject(err);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const job = batch[i];
      const tx = new SqliteTransaction(this);
      try {
        this.native.exec("SAVEPOINT batch_item");
        const value = await job.fn(tx);
        this.native.exec("RELEASE batch_item");
        done.push({ job, ok: true, value });
      } catch (err) {
        if (!this.native.inTransaction) {
          // SQLite rolled the whole transaction back (an I/O error, a full disk): nothing of this
          // batch was written, so none of it may be acknowledged.
          for (const d of done) d.job.reject(d.ok ? err : d.value);
          job.reject(err);
          for (const rest of batch.slice(i + 1)) this.queue.unshift(rest);
          return;
        }
        this.native.exec("ROLLBACK TO batch_item");
        this.native.exec("RELEASE batch_item");
        done.push({ job, ok: false, value: err });
      } finally {
        tx.end();
      }
      if (i === batch.length - 1 && batch.length < MAX_BATCH && this.queue.length) batch.push(...this.queue.splice(0, MAX_BATCH - batch.length));
    }
    try {
      this.native.exec("COMMIT");
    } catch (err) {
      if (this.native.inTransaction) this.native.exec("ROLLBACK");
      for (const d of done) d.job.reject(d.ok ? err : d.value);
      return;
    }
    for (const d of done) (d.ok ? d.job.resolve(d.value) : d.job.reject(d.value));
  }

  /** Resolves when no transaction is open or queued. */
  private async idle(): Promise<void> {
    while (this.gate || this.draining) await (this.gate ?? new Promise<void>((resolve) => setImmediate(resolve)));
  }

  /** A consistent copy of the database in `file`, taken while it is in use. */
  async backup(file: string): Promise<void> {
    await this.idle();
    keepPrivate(file);
    await this.native.backup(file);
    chmodSync(file, 0o600);
  }

  async close(): Promise<void> {
    await this.idle();
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
