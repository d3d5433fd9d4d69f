/**
 * HR's directory screens in Chromium at a phone's size, against the real server: search and edit a
 * person in place (a role only an admin grants is refused in the server's words), mark someone as
 * left and rehire them.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { addDays } from "../../src/attendance/time.ts";
import { browserMissing, buildWeb, launchChromium, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T10:00:00+08:00";
const TODAY = "2026-10-15";

describe.skipIf(!!browserMissing)("HR's directory on the page", () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: NOW });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  async function newPage(locale: string): Promise<Page> {
    context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    errors = watchConsole(page);
    return page;
  }

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(errors, "console errors on the page").toEqual([]);
  });

  const person = (login: string) => server.system.directory.employee(SYSTEM_ACTOR, login);

  it("HR finds a person by name and edits them in place; a role only an admin grants is refused in the server's words", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/people`);
    await page.getByLabel("Search", { exact: true }).fill("Wang Xiao");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const rows = page.locator("tr.person");
    await page.locator('tr.person[data-login="wang"]').waitFor();
    await expect(rows.count()).resolves.toBe(1);

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
    errors = errors.filter((e) => !/status of 403 .*\/api\/employees\/wang\)$/.test(e));
    await screenshot(page, "directory-1-edit-refused");
  });

  it("marks someone as left from a date, then rehires them the day after, in Chinese", async () => {
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
});
