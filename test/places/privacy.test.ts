import { copyFileSync, existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { openSystem } from "../../src/system.ts";
import { loadConfig } from "../../src/config.ts";
import { tempDbPath } from "../helpers.ts";
import { northOfHq, placesApp } from "./harness.ts";

/** SQLite keeps a REAL as an 8-byte big-endian IEEE double. */
const asStoredReal = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b;
};

describe("coordinates kept private", () => {
  it("keeps no readable coordinates in the database file or its WAL", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("none");
    const location = { latitude: 31.2318765, longitude: 121.4749876, accuracyM: 12.5 };
    expect((await call("wang", "POST", "/api/punches/check-in", { location })).status).toBe(201);
    const file = sys.databaseFile;
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]);
    for (const x of [location.latitude, location.longitude]) {
      expect(bytes.includes(Buffer.from(String(x)))).toBe(false);
      expect(bytes.includes(Buffer.from(String(x).slice(0, 7)))).toBe(false);
      expect(bytes.includes(asStoredReal(x))).toBe(false);
    }
    // Read as another process would: the row holds only ciphertext.
    const db = new Database(file, { readonly: true });
    const row = db.prepare("SELECT * FROM punches").get() as Record<string, unknown>;
    db.close();
    expect(JSON.stringify(row)).not.toContain("31.23");
    expect(String(row.location_enc)).toMatch(/^v1\./);
    // And the owner still reads it back.
    const mine = await call("wang", "GET", "/api/punches");
    expect(mine.body[0].location).toEqual(location);
  });

  it("shows a manager the place and a map link at 100 m, never the coordinates; HR and the owner see them", async () => {
    const { call, setUp } = await placesApp();
    await setUp("siteOrField");
    const location = northOfHq(800);
    await call("wang", "POST", "/api/punches/check-in", { location, remark: "客户现场" });
    const manager = await call("chen", "GET", "/api/punches?login=wang");
    expect(manager.body[0]).toMatchObject({ location: null, place: { kind: "field", remark: "客户现场", site: "总部", distanceM: 800 } });
    expect(manager.body[0].mapLink).toBe(`https://www.openstreetmap.org/?mlat=${location.latitude.toFixed(3)}&mlon=121.474#map=16/${location.latitude.toFixed(3)}/121.474`);
    expect(JSON.stringify(manager.body)).not.toContain(String(location.latitude));
    const approvals = await call("chen", "GET", "/api/approvals");
    expect(JSON.stringify(approvals.body.fieldPunches)).not.toContain(String(location.latitude));
    expect((await call("zhao", "GET", "/api/punches?login=wang")).body[0].location).toEqual(location);
    expect((await call("wang", "GET", "/api/punches")).body[0].location).toEqual(location);
  });

  it("erases coordinates after the retention window, keeping the site and field flag, and audits how many", async () => {
    const { sys, call, setUp } = await placesApp();
    await setUp("siteOrField");
    await call("wang", "POST", "/api/punches/check-in", { location: northOfHq(800), remark: "客户现场" });
    await call("chen", "POST", "/api/punches/check-in", { location: northOfHq(50) });
    sys.clock.set("2027-02-23T09:00:00+08:00"); // 89 days on: still kept
    expect((await sys.sites.eraseExpiredLocations(SYSTEM_ACTOR)).erased).toBe(0);
    sys.clock.set("2027-02-25T09:00:00+08:00"); // 91 days on
    expect((await sys.sites.eraseExpiredLocations(SYSTEM_ACTOR)).erased).toBe(2);
    const [wang] = await sys.attendance.punches(SYSTEM_ACTOR, "wang", "2026-11-26", "2026-11-26");
    expect(wang).toMatchObject({ location: null, mapLink: null, place: { kind: "field", site: "总部", remark: "客户现场" } });
    const [chen] = await sys.attendance.punches(SYSTEM_ACTOR, "chen", "2026-11-26", "2026-11-26");
    expect(chen).toMatchObject({ location: null, place: { kind: "site", site: "总部", distanceM: 50 } });
    const audit = sys.store.db as unknown as { native: Database.Database };
    const entry = audit.native.prepare("SELECT after_json FROM audit_log WHERE action = 'erase-locations' ORDER BY id DESC LIMIT 1").get() as { after_json: string };
    expect(JSON.parse(entry.after_json)).toMatchObject({ erased: 2, retentionDays: 90 });
  });

  it("stops start-up with a clear line when the key is not the one the data was written with", async () => {
    const file = tempDbPath();
    const first = await openSystem({ db: file, config: loadConfig({ SECRET_KEY: "k".repeat(40) }), seed: "org" });
    await first.close();
    await expect(openSystem({ db: file, config: loadConfig({ SECRET_KEY: "x".repeat(40) }), seed: "org" })).rejects.toThrow(/data-at-rest key \(SECRET_KEY\) does not open this database/);
    const again = await openSystem({ db: file, config: loadConfig({ SECRET_KEY: "k".repeat(40) }), seed: "org" });
    await again.close();
  });

  it("opens a database copied without its key file while it holds nothing encrypted, and stops start-up when it does", async () => {
    const file = tempDbPath();
    const first = await openSystem({ db: file, config: loadConfig({}), seed: "org" });
    await first.close();
    const copy = tempDbPath();
    copyFileSync(file, copy);
    expect(existsSync(`${copy}.key`)).toBe(false);
    const opened = await openSystem({ db: copy, config: loadConfig({}), seed: "org" });
    const wang = (await opened.people.forSignIn("wang"))!;
    const now = Date.now();
    await opened.store.punches.add({ employeeId: wang.id, atMs: now, kind: "in", method: "api", recordedBy: wang.id, location: { latitude: 31.23, longitude: 121.47, accuracyM: 10 } }, now);
    await opened.close();
    const second = tempDbPath();
    copyFileSync(copy, second);
    await expect(openSystem({ db: second, config: loadConfig({}), seed: "org" })).rejects.toThrow(/data-at-rest key \(.*\.key\) does not open this database/);
    // With its own key file, the copy holding coordinates still opens.
    const again = await openSystem({ db: copy, config: loadConfig({}), seed: "org" });
    await again.close();
  });

  it("encrypts coordinates a database stored in plain text before this step, and keeps none readable", async () => {
    const file = tempDbPath();
    const { MIGRATIONS, migrate, SqliteDb } = await import("../../src/attendance/store/index.ts");
    const old = new SqliteDb(file);
    await migrate(old, MIGRATIONS.filter((m) => m.id < "015"));
    old.native.exec(`INSERT INTO departments (code, name, name_en) VALUES ('ENG', '研发部', 'Engineering');
      INSERT INTO employees (login, name, name_en, department_id, role, hire_date, career_start) VALUES ('wang', '王小明', 'Wang', 1, 'employee', '2021-03-15', '2021-03-15');
      INSERT INTO punches (employee_id, at_ms, method, latitude, longitude, accuracy_m, recorded_by, created_ms, kind) VALUES (1, 1764118500000, 'web', 31.2345678, 121.4567891, 15, 1, 1764118500000, 'in');
      INSERT INTO audit_log (at_ms, actor_id, action, entity, entity_id, after_json) VALUES (1764118500000, 1, 'punch', 'punch', '1', '{"id":1,"location":{"latitude":31.2345678,"longitude":121.4567891}}');`);
    await old.close();
    const sys = await openSystem({ db: file, config: loadConfig({ SECRET_KEY: "k".repeat(40) }), seed: "none" });
    const [punch] = await sys.attendance.punches(SYSTEM_ACTOR, "wang", "2025-11-26", "2025-11-26");
    expect(punch.location).toEqual({ latitude: 31.2345678, longitude: 121.4567891, accuracyM: 15 });
    await sys.close();
    const bytes = readFileSync(file);
    expect(bytes.includes(asStoredReal(31.2345678))).toBe(false);
    expect(bytes.includes(Buffer.from("31.2345678"))).toBe(false);
  });
});
