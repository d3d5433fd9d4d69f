/**
 * HR's directory screens in Chromium at a phone's size, against the real server: search and edit a
 * person in place (a role only an admin grants is refused in the server's words), mark someone as
 * left and rehire them; import a staff list (a file with 3 bad rows shows exactly those rows and
 * columns and imports nothing, the good file imports after its dry run); the departments tree.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { addDays } from "../../src/attendance/time.ts";
import { BAD_ROWS, ENGLISH, STAFF, writeCsv } from "../http/staff-files.ts";
import { browserMissing, buildWeb, check, launchChromium, phonePages, removeTempDirs, screenshot, signIn, startWebServer, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T10:00:00+08:00";
const TODAY = "2026-10-15";

describe.skipIf(!!browserMissing)("HR's directory on the page", () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: NOW });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  // A loaded machine (several browsers at once) is slow, not wrong.
  const pages = phonePages(() => browser, { timeoutMs: 90_000 });
  const newPage = pages.open;

  const person = (login: string) => server.system.directory.employee(SYSTEM_ACTOR, login);

  it("HR finds a person by name and edits them in place; a role only an admin grants is refused in the server's words", { timeout: 300_000 }, async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/people`);
    await page.getByLabel("Search", { exact: true }).fill("Wang Xiao");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    // The whole list may still show while the search's answer is on its way: wait for it to narrow.
    await page.waitForFunction(() => document.querySelectorAll("tr.person").length === 1);
    await expect(page.locator("tr.person").getAttribute("data-login")).resolves.toBe("wang");

    await page.getByRole("button", { name: "Edit Wang Xiaoming" }).click();
    const form = page.getByRole("form", { name: "Edit 王小明" });
    await form.getByLabel("Phone").fill("+86 138 0000 1234");
    await form.getByLabel("Email").fill("Wang.X@example.cn");
    await form.getByLabel("Slack user id").fill("U0WANG");
    await form.getByLabel("Department").selectOption("SALES");
    await form.getByLabel("Manager (login)").fill("lin");
    await form.getByRole("button", { name: "Save" }).click();
    await page.locator(".message.ok", { hasText: "Saved 王小明." }).waitFor();
    await expect(person("wang")).resolves.toMatchObject({ phone: "+86 138 0000 1234", email: "wang.x@example.cn", department: "SALES", manager: "lin", im: { slack: "U0WANG" } });
    await expect(page.locator('tr.person[data-login="wang"] td[data-label="Department"]').textContent()).resolves.toBe("Sales");

    // HR may not grant admin: the server refuses and the page says why, keeping what was typed.
    await page.getByRole("button", { name: "Edit Wang Xiaoming" }).click();
    await form.getByLabel("Role").selectOption("admin");
    await form.getByLabel("Name (English)").fill("Wang X.");
    await form.getByRole("button", { name: "Save" }).click();
    await form.locator(".message.error", { hasText: "Only an admin grants or removes the hr and admin roles" }).waitFor();
    await expect(form.getByLabel("Name (English)").inputValue()).resolves.toBe("Wang X.");
    await expect(person("wang")).resolves.toMatchObject({ role: "employee", nameEn: "Wang Xiaoming" });
    // The browser logs the refusal's 403 itself; it is the answer this step expects.
    pages.allow(/status of 403 .*\/api\/employees\/wang\)$/);
    await screenshot(page, "directory-1-edit-refused");
  });

  it("marks someone as left from a date, then rehires them the day after, in Chinese", { timeout: 300_000 }, async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/people`);
    await page.getByLabel("搜索", { exact: true }).fill("li");
    await page.getByLabel("搜索", { exact: true }).press("Enter");
    const row = page.locator('tr.person[data-login="li"]');
    await row.waitFor();
    await row.getByRole("button", { name: /^标记离职/ }).click();
    const leave = page.getByRole("form", { name: /^标记离职/ });
    await expect(leave.getByLabel("最后工作日").inputValue()).resolves.toBe(TODAY);
    await leave.getByRole("button", { name: "标记离职" }).click();
    await page.locator(".message.ok", { hasText: /已将 .+ 标记为 .+ 离职。/ }).waitFor();
    await expect(person("li")).resolves.toMatchObject({ status: "left", leavingDate: TODAY });
    // Active people only by default: li is gone from the list, and found among those who left.
    await row.waitFor({ state: "detached" });
    await page.getByLabel("状态").selectOption("left");
    await row.locator(".badge", { hasText: "离职" }).waitFor();
    await screenshot(page, "directory-2-left");

    await row.getByRole("button", { name: /^重新入职/ }).click();
    const rejoin = page.getByRole("form", { name: /^重新入职/ });
    await expect(rejoin.getByLabel("重新入职日期").inputValue()).resolves.toBe(addDays(TODAY, 1));
    await rejoin.getByRole("button", { name: "重新入职" }).click();
    await page.locator(".message.ok", { hasText: /重新在职/ }).waitFor();
    await expect(person("li")).resolves.toMatchObject({ status: "active", hireDate: addDays(TODAY, 1) });
  });

  it("an import's dry run marks exactly the 3 bad rows and their columns and imports nothing; the good file imports after its dry run", { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "staff-"));
    const before = (await server.system.directory.employees(SYSTEM_ACTOR, { pageSize: 500 })).total;
    const page = await newPage("en-US");
    // The staff list grants the hr role, which only an admin may.
    await signIn(page, server.url, "admin");
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: "Import staff" }).click();
    await page.getByRole("heading", { level: 1, name: "Import a staff list" }).waitFor();
    const commit = page.getByRole("button", { name: "Import", exact: true });
    await expect(commit.isDisabled()).resolves.toBe(true);

    await page.getByLabel("Staff list file").setInputFiles(writeCsv(dir, "bad.csv", ENGLISH, [...STAFF, ...BAD_ROWS], true));
    await page.getByLabel("Create the departments the file names that do not exist yet").check();
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    await page.locator("table.import-report").waitFor();
    const marked = await page.locator("tr.row-error").evaluateAll((rows) =>
      rows.map((r) => ({ row: Number((r as HTMLElement).dataset.row), columns: [...r.querySelectorAll("mark.cell-error")].map((m) => (m as HTMLElement).dataset.column) })),
    );
    expect(marked).toEqual([
      { row: 7, columns: ["hireDate"] },
      { row: 8, columns: ["login"] },
      { row: 9, columns: ["manager"] },
    ]);
    await expect(page.locator("tr.row-create").evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.row)))).resolves.toEqual([2, 3, 4, 5, 6]);
    await page.getByRole("alert").filter({ hasText: "3 problem(s) found" }).waitFor();
    await expect(commit.isDisabled()).resolves.toBe(true);
    await expect(check(page, "the import's dry run with problems")).resolves.toEqual([]);
    await screenshot(page, "directory-3-import-bad-rows");
    expect((await server.system.directory.employees(SYSTEM_ACTOR, { pageSize: 500 })).total).toBe(before);

    await page.getByLabel("Staff list file").setInputFiles(writeCsv(dir, "staff.csv", ENGLISH, STAFF, false));
    await expect(commit.isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Check (dry run)" }).click();
    await page.getByText("The file is fine: 5 new, 0 changed, 0 unchanged, 1 new department(s).").waitFor();
    await expect(page.locator("tr.row-error").count()).resolves.toBe(0);
    expect((await server.system.directory.employees(SYSTEM_ACTOR, { pageSize: 500 })).total).toBe(before);
    await commit.click();
    await page.locator(".message.ok", { hasText: "Imported: 5 new, 0 changed, 0 unchanged, 1 new department(s)." }).waitFor();
    expect((await server.system.directory.employees(SYSTEM_ACTOR, { pageSize: 500 })).total).toBe(before + 5);
    await expect(person("lina")).resolves.toMatchObject({ department: "RD", manager: "zhangwei", im: { feishu: "ou_lina" } });
    rmSync(dir, { recursive: true, force: true });
  });

  it("HR adds a sub-department under Engineering, sees it in the tree, and a loop is refused in Chinese", { timeout: 300_000 }, async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/departments`);
    const add = page.getByRole("form", { name: "新增部门" });
    await add.getByLabel("部门代码").fill("QA");
    await add.getByLabel("名称（中文）").fill("测试组");
    await add.getByLabel("名称（英文）").fill("Quality");
    await add.getByLabel("上级部门").selectOption("ENG");
    await add.getByLabel("负责人（账号）").fill("chen");
    await add.getByRole("button", { name: "新增部门" }).click();
    await page.locator(".message.ok", { hasText: "已新增 测试组。" }).waitFor();
    await page.locator('li.dept[data-code="ENG"] li.dept[data-code="QA"]').waitFor();
    await expect(server.system.directory.departments(SYSTEM_ACTOR)).resolves.toContainEqual(expect.objectContaining({ code: "QA", parent: "ENG", head: "chen", active: true }));

    // Engineering under its own sub-department would be a loop.
    await page.getByRole("button", { name: "编辑 研发部" }).click();
    const edit = page.getByRole("form", { name: "编辑 研发部" });
    await edit.getByLabel("上级部门").selectOption("QA");
    await edit.getByRole("button", { name: "保存" }).click();
    await edit.getByRole("alert").filter({ hasText: "该部门在此部门之下，会形成循环。" }).waitFor();
    // The browser logs the refusal's status itself; it is the answer this step expects.
    pages.allow(/status of 4\d\d .*\/api\/departments\/ENG\)$/);
    await screenshot(page, "directory-4-departments");
  });
});
