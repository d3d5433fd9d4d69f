/**
 * The one port between the attendance stores and a SQL database. Narrow on purpose: the
 * repositories beside this file are its only users, and the services use only them. SQLite
 * (better-sqlite3, sqlite.ts) implements it today; a Postgres driver can implement it later and
 * run the same repositories, so a query is never written twice.
 *
 * Portable SQL only in the repositories: `?` placeholders (a Postgres driver rewrites them to
 * `$n`), `INSERT ... RETURNING id` for new ids, `ON CONFLICT (columns) DO UPDATE`, `AS` on every
 * computed column, integers for flags.
 */

/** A value a statement takes or returns. */
export type SqlValue = string | number | bigint | null;

/** A row as the driver returns it: column names as written in the SQL. */
export type Row = Record<string, unknown>;

/** A database connection, or an open transaction on one. Every call is asynchronous. */
export interface SqlDb {
  readonly dialect: "sqlite" | "postgres";
  /** Every row the statement returns. */
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row the statement returns, if any. */
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows; `changes` counts the rows it touched. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs several statements without parameters (schema steps). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside,
   * use only `tx`: while a transaction is open, calls on the outer handle wait for it to end, so
   * calling it from inside `fn` would wait forever. On a transaction handle this opens a nested
   * one (a savepoint). Do no other I/O inside `fn`: the transaction holds the database meanwhile.
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
