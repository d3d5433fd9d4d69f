import { describe, expect, it } from "vitest";
import { migrate, SqliteDb } from "../../src/attendance/store/index.ts";
import { demoSystem } from "../helpers.ts";

describe("schema step 013: punches may be made from a chat platform", () => {
  it("rebuilds punches keeping every row, kind and correction link, and then takes method im", async () => {
    const sys = await demoSystem();
    const file = sys.databaseFile;
    const wang = sys.user("wang");
    await sys.attendance.punch(wang, { kind: "in", method: "voice" });
    await sys.store.close();
    const db = new SqliteDb(file);
    const n = db.native;
    const [punch] = n.prepare("SELECT id FROM punches").all() as { id: number }[];
    // A correction request and its punch point at each other, as an approved 补卡 leaves them.
    n.prepare("INSERT INTO correction_requests (employee_id, date, kind, clock_time, at_ms, status, punch_id, created_ms) VALUES (?, '2026-11-25', 'in', '09:00', 0, 'approved', ?, 0)").run(wang.id, punch.id);
    n.prepare("UPDATE punches SET correction_id = 1, kind = 'in' WHERE id = ?").run(punch.id);
    const before = n.prepare("SELECT * FROM punches ORDER BY id").all();
    n.prepare("DELETE FROM schema_migrations WHERE id = '013-punch-method-im'").run();

    expect(await migrate(db)).toEqual(["013-punch-method-im"]);
    expect(n.prepare("SELECT * FROM punches ORDER BY id").all()).toEqual(before);
    expect(n.pragma("foreign_key_check")).toEqual([]);
    expect(n.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'punches' AND type = 'index' ORDER BY name").all()).toEqual([
      { name: "punches_at" },
      { name: "punches_employee_at" },
      { name: "punches_employee_recorded" },
    ]);
    n.prepare("INSERT INTO punches (employee_id, at_ms, method, recorded_by, created_ms, kind) VALUES (?, 1, 'im', ?, 1, 'in')").run(wang.id, wang.id);
    expect(() => n.prepare("INSERT INTO punches (employee_id, at_ms, method, recorded_by, created_ms) VALUES (?, 1, 'fax', ?, 1)").run(wang.id, wang.id)).toThrow(/CHECK/);
    await db.close();
  });
});
