import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { demoSystem } from "../helpers.ts";

/** The demo organisation at Thursday 2026-11-26 08:55, with the REST API over it. */
async function setup() {
  const sys = await demoSystem("2026-11-26T08:55:00+08:00");
  const app = createApp(sys);
  const tokens = new Map<string, string>();
  const token = async (login: string) => tokens.get(login) ?? tokens.set(login, await sys.token(login)).get(login)!;
  const call = async (login: string, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${await token(login)}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const auditActions = () => (sys.store.db as unknown as { native: import("better-sqlite3").Database }).native.prepare("SELECT action, entity FROM audit_log ORDER BY id").all() as { action: string; entity: string }[];
  return { sys, app, call, token, auditActions };
}

describe("the directory over REST", () => {
  it("lets HR add a department under another and a person in it, and shows them in the tree and the list", async () => {
    const { call } = await setup();
    const dept = await call("zhao", "POST", "/api/departments", { code: "QA", name: "质量", nameEn: "Quality", parent: "ENG", head: "chen" });
    expect(dept.status).toBe(201);
    expect(await dept.json()).toMatchObject({ code: "QA", parent: "ENG", head: "chen", active: true });
    const created = await call("zhao", "POST", "/api/employees", {
      login: "sunli",
      name: "孙丽",
      nameEn: "Sun Li",
      email: "Sun.Li@Example.com",
      department: "QA",
      manager: "chen",
      hireDate: "2026-11-20",
      careerStart: "2015-07-01",
      im: { wecom: "sunli" },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ login: "sunli", email: "sun.li@example.com", department: "QA", manager: "chen", role: "employee", careerStart: "2015-07-01", im: { wecom: "sunli" }, status: "active" });
    const tree = (await (await call("wang", "GET", "/api/departments")).json()) as { code: string; parent: string | null; headcount: number }[];
    expect(tree.find((d) => d.code === "QA")).toMatchObject({ parent: "ENG", headcount: 1 });
    const underEng = (await (await call("zhao", "GET", "/api/employees?department=ENG&q=sunli")).json()) as { total: number; items: { login: string }[] };
    expect(underEng.items.map((e) => e.login)).toEqual(["sunli"]);
  });

  it("pages and filters the list, and lets a manager read only their reports", async () => {
    const { call } = await setup();
    const page1 = (await (await call("zhao", "GET", "/api/employees?pageSize=5&page=1")).json()) as { total: number; items: unknown[] };
    const page2 = (await (await call("zhao", "GET", "/api/employees?pageSize=5&page=2")).json()) as { total: number; items: { login: string }[] };
    expect(page1.items).toHaveLength(5);
    expect(page1.total).toBeGreaterThan(10);
    expect(page2.items[0]).not.toEqual(page1.items[0]);
    const chens = (await (await call("chen", "GET", "/api/employees")).json()) as { items: { login: string; manager: string }[] };
    expect(chens.items.length).toBeGreaterThan(0);
    expect(chens.items.every((e) => e.manager === "chen")).toBe(true);
    expect((await call("chen", "GET", "/api/employees/wang")).status).toBe(200);
    expect((await call("chen", "PATCH", "/api/employees/wang", { phone: "123456" })).status).toBe(403);
    expect((await call("wang", "GET", "/api/employees")).status).toBe(403);
    expect((await call("wang", "GET", "/api/employees/lin")).status).toBe(403);
    expect((await call("wang", "GET", "/api/employees/export.csv")).status).toBe(403);
  });

  it("lets only an admin grant or remove hr and admin, and never removes the last admin", async () => {
    const { call } = await setup();
    const byHr = await call("zhao", "PATCH", "/api/employees/wang", { role: "hr" });
    expect(byHr.status).toBe(403);
    expect((await call("zhao", "POST", "/api/employees", { login: "boss", name: "Boss", department: "ENG", role: "admin", hireDate: "2026-11-01" })).status).toBe(403);
    expect((await call("admin", "PATCH", "/api/employees/wang", { role: "hr" })).status).toBe(200);
    expect((await call("zhao", "PATCH", "/api/employees/wang", { role: "employee" })).status).toBe(403);
    const last = await call("admin", "PATCH", "/api/employees/admin", { role: "hr" });
    expect(last.status).toBe(409);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe("LAST_ADMIN");
    expect((await call("admin", "POST", "/api/employees/admin/leave", { leavingDate: "2026-11-30" })).status).toBe(403);
  });

  it("refuses a manager loop and a department loop", async () => {
    const { call } = await setup();
    const loop = await call("zhao", "PATCH", "/api/employees/chen", { manager: "wang" });
    expect(loop.status).toBe(422);
    expect(((await loop.json()) as { error: { code: string } }).error.code).toBe("MANAGER_CYCLE");
    await call("zhao", "POST", "/api/departments", { code: "QA", name: "质量", parent: "ENG" });
    const dloop = await call("zhao", "PATCH", "/api/departments/ENG", { parent: "QA" });
    expect(((await dloop.json()) as { error: { code: string } }).error.code).toBe("DEPARTMENT_CYCLE");
  });

  it("ends every session and token at once when the role changes", async () => {
    const { call, app, token } = await setup();
    const wangs = await token("wang");
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${wangs}` } })).status).toBe(200);
    expect((await call("zhao", "PATCH", "/api/employees/wang", { role: "manager" })).status).toBe(200);
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${wangs}` } })).status).toBe(401);
  });

  it("marks a leaver: token refused at once, pending requests cancelled and audited, gone from the next day's figures, still in the month's CSV; rejoining makes them active", async () => {
    const { call, app, token, sys, auditActions } = await setup();
    const wangs = await token("wang");
    const filed = await call("wang", "POST", "/api/leave", { type: "annual", startDate: "2026-12-07" });
    expect(filed.status).toBe(201);
    const left = await call("zhao", "POST", "/api/employees/wang/leave", { leavingDate: "2026-11-26" });
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({ status: "left", leavingDate: "2026-11-26" });
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${wangs}` } })).status).toBe(401);
    await expect(sys.auth.issueToken("wang")).rejects.toThrow();
    const leaves = (await (await call("zhao", "GET", "/api/leave?login=wang")).json()) as { status: string }[];
    expect(leaves.map((l) => l.status)).toEqual(["cancelled"]);
    expect(auditActions()).toEqual(expect.arrayContaining([{ action: "employee-left", entity: "employee" }, { action: "cancel-on-leaving", entity: "leave" }, { action: "end-sessions", entity: "employee" }]));

    const team = async (date: string) => ((await (await call("chen", "GET", `/api/team/today?date=${date}`)).json()) as { members: { login: string }[] }).members.map((m) => m.login);
    expect(await team("2026-11-26")).toContain("wang");
    expect(await team("2026-11-27")).not.toContain("wang");
    const eng = async (date: string) =>
      ((await (await call("zhao", "GET", `/api/departments/today?date=${date}`)).json()) as { departments: { code: string; headcount: number }[] }).departments.find((d) => d.code === "ENG")!.headcount;
    expect(await eng("2026-11-27")).toBe((await eng("2026-11-26")) - 1);
    const csv = await (await call("zhao", "GET", "/api/export/summaries.csv?month=2026-11")).text();
    expect(csv.split("\n").some((l) => l.split(",")[1] === "wang")).toBe(true);
    const december = await (await call("zhao", "GET", "/api/export/summaries.csv?month=2026-12")).text();
    expect(december.split("\n").some((l) => l.split(",")[1] === "wang")).toBe(false);
    expect((await (await call("zhao", "GET", "/api/employees?status=left")).json()) as { items: { login: string }[] }).toMatchObject({ items: [{ login: "wang" }] });
    await expect(sys.directory.activeOn("2026-11-27").then((people) => people.some((p) => p.login === "wang"))).resolves.toBe(false);

    const back = await call("zhao", "POST", "/api/employees/wang/rejoin", { hireDate: "2026-12-01" });
    expect(await back.json()).toMatchObject({ status: "active", hireDate: "2026-12-01", leavingDate: null });
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${await sys.token("wang")}` } })).status).toBe(200);
    // The first stretch's month still counts after rejoining.
    const nov = await (await call("zhao", "GET", "/api/export/summaries.csv?month=2026-11")).text();
    expect(nov.split("\n").some((l) => l.split(",")[1] === "wang")).toBe(true);
  });

  it("exports the directory as CSV in the import's format", async () => {
    const { call } = await setup();
    const res = await call("zhao", "GET", "/api/employees/export.csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const [header, ...rows] = text.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(header.split(",").slice(0, 3)).toEqual(["login", "name", "nameEn"]);
    expect(rows.some((r) => r.startsWith("wang,王小明,"))).toBe(true);
  });
});
