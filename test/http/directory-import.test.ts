import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, tempDbPath, testClock } from "../helpers.ts";
import { BAD_ROWS, CHINESE, ENGLISH, STAFF, writeCsv, writeXlsx } from "./staff-files.ts";

/** An empty company database with its first admin, alice, and the API over it. */
async function emptyCompany() {
  const db = tempDbPath();
  const sys = await openSystem({ db, clock: testClock("2026-11-26T10:00:00+08:00"), seed: "none", passwordHashing: CHEAP_HASHING });
  await sys.auth.initAdmin("alice", "Alice Admin");
  const app = createApp(sys);
  const alice = await sys.auth.issueToken("alice");
  const upload = async (file: string, query = "") => {
    const form = new FormData();
    form.set("file", new Blob([readFileSync(file)]), path.basename(file));
    return app.request(`/api/employees/import${query}`, { method: "POST", headers: { authorization: `Bearer ${alice}` }, body: form });
  };
  const get = async (url: string, token = alice) => (await app.request(url, { headers: { authorization: `Bearer ${token}` } })).json();
  return { sys, app, upload, get, dir: path.dirname(db) };
}

type Listing = { total: number; items: { login: string; manager: string | null; department: string; role: string; email: string; hireDate: string; careerStart: string; im: Record<string, string>; language: string }[] };

describe("importing a staff list", () => {
  it("reads the same list as CSV with a BOM and Chinese headers, CSV without and English headers, and XLSX, into the same directory", async () => {
    const directories: unknown[] = [];
    for (const kind of ["csv-bom-zh", "csv-en", "xlsx-zh"] as const) {
      const c = await emptyCompany();
      const file =
        kind === "csv-bom-zh"
          ? writeCsv(c.dir, "staff.csv", CHINESE, STAFF, true)
          : kind === "csv-en"
            ? writeCsv(c.dir, "staff.csv", ENGLISH, STAFF, false)
            : await writeXlsx(c.dir, "staff.xlsx", CHINESE, STAFF);
      const dry = await c.upload(file, "?dryRun=1&createDepartments=1");
      expect(dry.status).toBe(200);
      expect(await dry.json()).toMatchObject({ dryRun: true, applied: false, errors: [], counts: { create: 5, update: 0, unchanged: 0 }, departmentsCreated: ["RD", "SALES", "D1"] });
      expect(((await c.get("/api/employees")) as Listing).total).toBe(1);
      const real = await c.upload(file, "?createDepartments=1");
      expect(real.status).toBe(201);
      const listing = (await c.get("/api/employees?pageSize=500")) as Listing;
      directories.push(listing.items.map(({ login, manager, department, role, email, hireDate, careerStart, im, language }) => ({ login, manager, department, role, email, hireDate, careerStart, im, language })));
      await c.sys.close();
    }
    expect(directories[1]).toEqual(directories[0]);
    expect(directories[2]).toEqual(directories[0]);
    expect(directories[0]).toEqual(
      expect.arrayContaining([
        { login: "lina", manager: "zhangwei", department: "RD", role: "employee", email: "li.na@acme.cn", hireDate: "2021-05-10", careerStart: "2021-05-10", im: { feishu: "ou_lina" }, language: "zh" },
        expect.objectContaining({ login: "wangfang", manager: "liuyang", department: "SALES" }),
        expect.objectContaining({ login: "chenjing", role: "hr", department: "D1", im: { dingtalk: "dt_chen" } }),
        expect.objectContaining({ login: "liuyang", careerStart: "2010-09-01", language: "en", im: { slack: "U0LIUYANG" } }),
      ]),
    );
  });

  it("creates the people, managers and departments, and a manager from the file sees their team today", async () => {
    const c = await emptyCompany();
    const res = await c.upload(writeCsv(c.dir, "staff.csv", CHINESE, STAFF, true), "?createDepartments=1");
    expect(res.status).toBe(201);
    const tree = (await c.get("/api/departments")) as { code: string; name: string; headcount: number }[];
    expect(tree.map((d) => [d.code, d.name, d.headcount])).toEqual(expect.arrayContaining([["RD", "RD", 2], ["SALES", "SALES", 2], ["D1", "人力资源部", 1]]));
    const zhangwei = await c.sys.auth.issueToken("zhangwei");
    const team = (await c.get("/api/team/today", zhangwei)) as { members: { login: string; status: string }[] };
    expect(team.members.map((m) => m.login)).toEqual(["lina"]);
    expect(team.members[0].status).toBe("not-yet");
    // The same file again changes nothing; one changed cell updates one person.
    const again = await c.upload(writeCsv(c.dir, "again.csv", ENGLISH, STAFF, false), "?dryRun=1");
    expect(await again.json()).toMatchObject({ errors: [], counts: { create: 0, update: 0, unchanged: 5 } });
    const moved = STAFF.map((r) => (r[0] === "lina" ? r.map((cell, i) => (i === 5 ? "liuyang" : cell)) : r));
    const update = await c.upload(writeCsv(c.dir, "moved.csv", ENGLISH, moved, false), "?dryRun=1");
    expect(((await update.json()) as { rows: unknown[] }).rows).toContainEqual({ row: 3, login: "lina", action: "update", changes: ["manager"] });
  });

  it("shows exactly the 3 bad rows of a file, by row and column, and imports nothing", async () => {
    const c = await emptyCompany();
    const file = writeCsv(c.dir, "bad.csv", ENGLISH, [...STAFF, ...BAD_ROWS], true);
    const dry = (await (await c.upload(file, "?dryRun=1&createDepartments=1")).json()) as { errors: { row: number; column: string; code: string }[]; rows: { row: number }[] };
    expect(dry.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 7, column: "hireDate", code: "INVALID_INPUT" },
      { row: 8, column: "login", code: "DUPLICATE_LOGIN" },
      { row: 9, column: "manager", code: "UNKNOWN_MANAGER" },
    ]);
    expect(dry.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    const real = await c.upload(file, "?createDepartments=1");
    expect(real.status).toBe(422);
    const body = (await real.json()) as { error: { code: string; details: { report: { errors: unknown[] } } } };
    expect(body.error.code).toBe("IMPORT_INVALID");
    expect(body.error.details.report.errors).toHaveLength(3);
    expect(((await c.get("/api/employees")) as Listing).total).toBe(1);
    expect(((await c.get("/api/departments")) as unknown[]).length).toBe(1);
  });

  it("refuses departments the file names but the directory lacks unless asked to create them, and roles HR may not grant", async () => {
    const c = await emptyCompany();
    const dry = (await (await c.upload(writeCsv(c.dir, "staff.csv", ENGLISH, STAFF, false), "?dryRun=1")).json()) as { errors: { row: number; column: string; code: string }[] };
    expect(dry.errors.filter((e) => e.code === "UNKNOWN_DEPARTMENT").map((e) => [e.row, e.column])).toEqual([[2, "department"], [3, "department"], [4, "department"], [5, "department"], [6, "department"]]);
    await c.upload(writeCsv(c.dir, "staff.csv", ENGLISH, STAFF, false), "?createDepartments=1");
    const chenjing = await c.sys.auth.issueToken("chenjing");
    const form = new FormData();
    form.set("file", new Blob([readFileSync(writeCsv(c.dir, "admin.csv", ENGLISH, [["boss", "老板", "Boss", "", "RD", "", "admin", "2026-01-05", "", "zh", "", "", "", ""]], false))]), "admin.csv");
    const byHr = (await (await c.app.request("/api/employees/import?dryRun=1", { method: "POST", headers: { authorization: `Bearer ${chenjing}` }, body: form })).json()) as { errors: { column: string; code: string }[] };
    expect(byHr.errors).toEqual([expect.objectContaining({ row: 2, column: "role", code: "FORBIDDEN" })]);
  });
});
