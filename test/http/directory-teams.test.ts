import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, tempDbPath, testClock } from "../helpers.ts";
import { ENGLISH, writeCsv } from "./staff-files.ts";

/**
 * R&D headed by boss, with two sub-departments (front end, QA) whose heads report to boss, each
 * with one person of their own; one more person in R&D itself.
 */
const TREE: string[][] = [
  ["boss", "高远", "Gao Yuan", "boss@acme.cn", "RD", "", "manager", "2018-03-01", "", "zh", "", "", "", ""],
  ["dev1", "孟凡", "Meng Fan", "dev1@acme.cn", "RD", "boss", "employee", "2021-04-01", "", "zh", "", "", "", ""],
  ["fehead", "周宁", "Zhou Ning", "fehead@acme.cn", "FE", "boss", "manager", "2019-05-01", "", "zh", "", "", "", ""],
  ["fe1", "吴桐", "Wu Tong", "fe1@acme.cn", "FE", "fehead", "employee", "2022-06-01", "", "zh", "", "", "", ""],
  ["qahead", "郑洁", "Zheng Jie", "qahead@acme.cn", "QA", "boss", "manager", "2019-07-01", "", "en", "", "", "", ""],
  ["qa1", "钱多", "Qian Duo", "qa1@acme.cn", "QA", "qahead", "employee", "2023-08-01", "", "zh", "", "", "", ""],
];

describe("a department head's team, from an imported file", () => {
  it("covers the people of their department and the heads of its sub-departments; each sub-department's head sees their own people; HR's department filter takes in the sub-departments", async () => {
    const db = tempDbPath();
    const sys = await openSystem({ db, clock: testClock("2026-11-26T10:00:00+08:00"), seed: "none", passwordHashing: CHEAP_HASHING });
    await sys.auth.initAdmin("alice", "Alice Admin");
    const app = createApp(sys);
    const alice = await sys.auth.issueToken("alice");
    const call = async (token: string, method: string, url: string, body?: unknown) =>
      app.request(url, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

    const form = new FormData();
    form.set("file", new Blob([readFileSync(writeCsv(path.dirname(db), "tree.csv", ENGLISH, TREE, true))]), "tree.csv");
    const imported = await app.request("/api/employees/import?createDepartments=1", { method: "POST", headers: { authorization: `Bearer ${alice}` }, body: form });
    expect(imported.status).toBe(201);
    // The file names departments; the tree and the heads are HR's to set.
    for (const [code, patch] of [["RD", { head: "boss" }], ["FE", { parent: "RD", head: "fehead" }], ["QA", { parent: "RD", head: "qahead" }]] as const) {
      expect((await call(alice, "PATCH", `/api/departments/${code}`, patch)).status).toBe(200);
    }

    const teamOf = async (login: string) => {
      const res = await call(await sys.auth.issueToken(login), "GET", "/api/team/today");
      expect(res.status).toBe(200);
      return ((await res.json()) as { members: { login: string }[] }).members.map((m) => m.login).sort();
    };
    expect(await teamOf("boss")).toEqual(["dev1", "fehead", "qahead"]);
    expect(await teamOf("fehead")).toEqual(["fe1"]);
    expect(await teamOf("qahead")).toEqual(["qa1"]);

    // What a manager may read follows the same chain: boss reads the QA head's record, not the QA head's report's.
    const boss = await sys.auth.issueToken("boss");
    expect((await call(boss, "GET", "/api/employees/qahead")).status).toBe(200);
    expect((await call(boss, "GET", "/api/employees/qa1")).status).toBe(403);

    const underRd = (await (await call(alice, "GET", "/api/employees?department=RD")).json()) as { items: { login: string }[] };
    expect(underRd.items.map((e) => e.login).sort()).toEqual(["boss", "dev1", "fe1", "fehead", "qa1", "qahead"]);
    await sys.close();
  });
});
