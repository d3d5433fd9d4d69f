import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, openSqliteStore, SqliteDb } from "../../src/attendance/store/index.ts";
import { openSystem } from "../../src/system.ts";
import { demoSystem, rowCounts, tempDbPath } from "../helpers.ts";

/** Lets every other queued callback and I/O event run: what a real await on the network allows. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("transactions on the asynchronous port", () => {
  it("record one punch when two check-ins of one person race each other", async () => {
    const sys = await demoSystem("2026-11-26T08:55:10+08:00");
    const wang = sys.user("wang");
    const [a, b] = await Promise.all([sys.attendance.punch(wang, { method: "web" }), sys.attendance.punch(wang, { method: "voice" })]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.punch.id).toBe(b.punch.id);
    expect(rowCounts(sys).punches).toBe(1);
  });

  it("file one of two overlapping leave requests made at the same moment", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    const results = await Promise.allSettled([
      sys.leave.request(wang, "wang", { type: "annual", startDate: "2026-12-01", endDate: "2026-12-03" }),
      sys.leave.request(wang, "wang", { type: "sick", startDate: "2026-12-02" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "LEAVE_OVERLAP" });
    expect(rowCounts(sys).leave).toBe(1);
  });

  it("roll back every write of a failed transaction while another request's write, made meanwhile, stays", async () => {
    const sys = await demoSystem();
    const [wang, chen] = [sys.user("wang"), sys.user("chen")];
    const failing = sys.store.transaction(async (tx) => {
      await tx.punches.add({ employeeId: wang.id, atMs: Date.parse("2026-11-25T09:00:00+08:00"), kind: "in", method: "api", recordedBy: wang.id }, 0);
      await yieldToOthers();
      await tx.audit.add({ atMs: 0, actorId: wang.id, action: "punch", entity: "punch", entityId: 1 });
      await yieldToOthers();
      throw new Error("the request failed half way");
    });
    // Issued while the transaction is open: it waits for it, and must not land inside it.
    const other = sys.store.punches.add({ employeeId: chen.id, atMs: Date.parse("2026-11-25T09:01:00+08:00"), kind: "in", method: "api", recordedBy: chen.id }, 0);
    await expect(failing).rejects.toThrow("half way");
    const kept = await other;
    const punches = await sys.store.punches.between(chen.id, 0, Date.parse("2027-01-01T00:00:00Z"));
    expect(punches.map((p) => p.id)).toEqual([kept.id]);
    expect(await sys.store.punches.lastRecorded(wang.id)).toBeUndefined();
    expect(rowCounts(sys)).toMatchObject({ punches: 1, audit: 0 });
  });

  it("undo a nested transaction alone when it fails, keeping the outer one's writes", async () => {
    const sys = await demoSystem();
    const wang = sys.user("wang");
    await sys.store.transaction(async (tx) => {
      await tx.settings.set("outer", "kept");
      await expect(
        tx.transaction(async (inner) => {
          await inner.settings.set("inner", "dropped");
          throw new Error("inner failure");
        }),
      ).rejects.toThrow("inner failure");
      await tx.punches.add({ employeeId: wang.id, atMs: 0, kind: "in", method: "api", recordedBy: wang.id }, 0);
    });
    expect(await sys.store.settings.get("outer")).toBe("kept");
    expect(await sys.store.settings.get("inner")).toBeUndefined();
    expect(rowCounts(sys).punches).toBe(1);
  });

  it("commit transactions asked for together, each answered once on disk, a failing one undone alone", async () => {
    const file = tempDbPath();
    const sys = await openSystem({ db: file, seed: "org" });
    const people = (await sys.store.people.list()).slice(0, 6);
    // Read through another connection, as a process opening the file after a kill -9 would.
    const onDisk = (id: number) => {
      const other = new Database(file, { readonly: true });
      try {
        return other.prepare("SELECT employee_id AS employeeId FROM punches WHERE id = ?").get(id);
      } finally {
        other.close();
      }
    };
    const seen: unknown[] = [];
    const results = await Promise.allSettled(
      people.map((e, i) =>
        sys.store
          .transaction(async (tx) => {
            const p = await tx.punches.add({ employeeId: e.id, atMs: 1_800_000_000_000 + i, kind: "in", method: "api", recordedBy: e.id }, 0);
            await tx.audit.add({ atMs: 0, actorId: e.id, action: "punch", entity: "punch", entityId: p.id });
            if (i % 3 === 1) throw new Error(`request ${i} failed after writing`);
            return p;
          })
          .then((p) => {
            seen.push(onDisk(p.id));
            return p;
          }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const kept = people.filter((_, i) => i % 3 !== 1);
    expect(seen).toEqual(kept.map((e) => ({ employeeId: e.id })));
    expect(rowCounts(file)).toMatchObject({ punches: 4, audit: 4 });
    await sys.close();
  });

  it("refuses a transaction's handle once the transaction is over", async () => {
    const sys = await demoSystem();
    let kept: Parameters<Parameters<typeof sys.store.transaction>[0]>[0] | undefined;
    await sys.store.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.settings.set("late", "write")).rejects.toThrow(/transaction has ended/);
  });
});

describe("schema steps", () => {
  it("records each named step once and runs nothing on the next start", async () => {
    const file = tempDbPath();
    const { store } = await openSqliteStore(file);
    await store.close();
    const db = new SqliteDb(file);
    expect(await migrate(db)).toEqual([]);
    expect((await db.all<{ id: string }>("SELECT id FROM schema_migrations ORDER BY id")).map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    await db.close();
  });

  it("adopts a database numbered by user_version, running only the steps after its number", async () => {
    const file = tempDbPath();
    const old = new Database(file);
    old.exec(MIGRATIONS[0].sql);
    old.pragma("user_version = 1");
    old.close();
    const db = new SqliteDb(file);
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'punches_employee_recorded'")).toBeDefined();
    await db.close();
  });

  it("runs a step another branch added, whatever its place, once", async () => {
    const file = tempDbPath();
    const db = new SqliteDb(file);
    await migrate(db);
    const extra = [...MIGRATIONS, { id: "003-notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);" }];
    expect(await migrate(db, extra)).toEqual(["003-notes"]);
    expect(await migrate(db, extra)).toEqual([]);
    await db.close();
  });

  it("leaves no trace of a step that fails", async () => {
    const db = new SqliteDb(tempDbPath());
    await migrate(db);
    const broken = [...MIGRATIONS, { id: "003-broken", sql: "CREATE TABLE half (id INTEGER); CREATE TABLE oops (" }];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'half'")).toBeUndefined();
    expect(await db.get("SELECT id FROM schema_migrations WHERE id = '003-broken'")).toBeUndefined();
    await db.close();
  });
});
