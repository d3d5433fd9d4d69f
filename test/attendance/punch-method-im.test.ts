import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, SqliteDb } from "../../src/attendance/store/index.ts";

describe("schema step 013: punches may be made from a chat platform", () => {
  it("rebuilds punches keeping every row, kind and correction link, and then takes method im", async () => {
    // A database as it was just before the step (later steps change punches again).
    const at = MIGRATIONS.findIndex((m) => m.id === "013-punch-method-im");
    const db = new SqliteDb(path.join(mkdtempSync(path.join(tmpdir(), "att-013-")), "a.db"));
    await migrate(db, MIGRATIONS.slice(0, at));
    const n = db.native;
    n.prepare("INSERT INTO departments (id, code, name, name_en) VALUES (1, 'rd', '研发部', 'R&D')").run();
    n.prepare("INSERT INTO employees (id, login, name, name_en, department_id, role, hire_date, career_start) VALUES (1, 'wang', '王', 'Wang', 1, 'employee', '2024-01-01', '2024-01-01')").run();
    n.prepare("INSERT INTO punches (id, employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, note, created_ms, kind) VALUES (1, 1, 5, 'voice', 31.2, 121.5, 20, 1, 'n', 5, 'in')").run();
    n.prepare("INSERT INTO punches (id, employee_id, at_ms, method, recorded_by, created_ms, kind) VALUES (2, 1, 9, 'web', 1, 9, 'out')").run();
    // A correction request and its punch point at each other, as an approved 补卡 leaves them.
    n.prepare("INSERT INTO correction_requests (employee_id, date, kind, clock_time, at_ms, status, punch_id, created_ms) VALUES (1, '2026-11-25', 'in', '09:00', 0, 'approved', 1, 0)").run();
    n.prepare("UPDATE punches SET correction_id = 1 WHERE id = 1").run();
    const before = n.prepare("SELECT * FROM punches ORDER BY id").all();

    expect(await migrate(db, MIGRATIONS.slice(0, at + 1))).toEqual(["013-punch-method-im"]);
    expect(n.prepare("SELECT * FROM punches ORDER BY id").all()).toEqual(before);
    expect(n.pragma("foreign_key_check")).toEqual([]);
    expect(n.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'punches' AND type = 'index' ORDER BY name").all()).toEqual([
      { name: "punches_at" },
      { name: "punches_employee_at" },
      { name: "punches_employee_recorded" },
    ]);
    n.prepare("INSERT INTO punches (employee_id, at_ms, method, recorded_by, created_ms, kind) VALUES (1, 1, 'im', 1, 1, 'in')").run();
    expect(() => n.prepare("INSERT INTO punches (employee_id, at_ms, method, recorded_by, created_ms) VALUES (1, 1, 'fax', 1, 1)").run()).toThrow(/CHECK/);
    // The later steps still apply on top.
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(at + 1).map((m) => m.id));
    await db.close();
  });
});
