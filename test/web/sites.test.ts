/**
 * HR's sites screen at a phone's size, in Chinese: a new office with its fence and network, an
 * edit of its radius, a refused duplicate worded from its code, and Engineering's location rule
 * with its site, each checked against what the server then holds.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, phonePages, removeTempDirs, screenshot, signIn, startWebServer, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

describe.skipIf(!!browserMissing)("HR's sites screen", () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: "2026-10-15T09:20:00+08:00" });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  const pages = phonePages(() => browser);
  const newPage = pages.open;

  it("adds a site, edits its radius, refuses a second of the same name in Chinese, and sets Engineering's rule", async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "zhao");
    await page.getByRole("button", { name: "菜单" }).click();
    await page.getByRole("link", { name: "打卡地点" }).click();
    await page.getByRole("heading", { level: 1, name: "打卡地点与规则" }).waitFor();
    await page.getByText("还没有打卡地点").waitFor();

    const form = page.locator("form.site-form");
    await form.getByLabel("名称").fill("总部");
    await form.getByLabel("纬度").fill("31.2304");
    await form.getByLabel("经度").fill("121.4737");
    await form.getByLabel("半径").fill("50");
    await form.getByLabel("办公网络").fill("203.0.113.0/24");
    await form.getByRole("button", { name: "添加地点" }).click();
    // Checked on the page before sending: nothing is written, and what was typed stays.
    await form.getByRole("alert").filter({ hasText: "半径是100到3000之间的整数（米）。" }).waitFor();
    expect(await server.system.sites.sites(SYSTEM_ACTOR)).toEqual([]);
    await form.getByLabel("半径").fill("300");
    await form.getByRole("button", { name: "添加地点" }).click();
    await page.getByText("已添加总部。").waitFor();
    await page.locator('table.sites tr[data-site="总部"]').waitFor();
    const [site] = await server.system.sites.sites(SYSTEM_ACTOR);
    expect(site).toEqual({ id: site.id, name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: ["203.0.113.0/24"], active: true });

    await page.getByRole("button", { name: "编辑总部" }).click();
    await form.getByLabel("半径").fill("500");
    await form.getByRole("button", { name: "保存地点" }).click();
    await page.getByText("已保存总部。").waitFor();
    await page.locator('table.sites tr[data-site="总部"]', { hasText: "500米" }).waitFor();
    expect((await server.system.sites.sites(SYSTEM_ACTOR))[0].radiusM).toBe(500);

    // The same name again: the server's SITE_EXISTS, in Chinese; the form keeps what was typed.
    await form.getByLabel("名称").fill("总部");
    await form.getByLabel("纬度").fill("31.2");
    await form.getByLabel("经度").fill("121.4");
    const [refused] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/sites" && r.request().method() === "POST"), form.getByRole("button", { name: "添加地点" }).click()]);
    expect(refused.status()).toBe(409);
    await form.getByRole("alert").filter({ hasText: "总部" }).waitFor();
    await expect(form.getByLabel("纬度").inputValue()).resolves.toBe("31.2");
    expect(await server.system.sites.sites(SYSTEM_ACTOR)).toHaveLength(1);
    // That refused request is a failed request in the console; nothing else is.
    pages.allow(/status of 409/);

    const engineering = page.locator('li.department-rule[data-code="ENG"]');
    await engineering.getByLabel("打卡规则").selectOption("siteOrField");
    await engineering.getByText("需写备注，由经理确认").waitFor();
    await engineering.getByLabel("总部").check();
    await engineering.getByRole("button", { name: "保存规则" }).click();
    await engineering.getByText(/：在公司，或外勤打卡。$/).waitFor();
    const rules = await server.system.sites.departmentLocations(SYSTEM_ACTOR);
    expect(rules.find((d) => d.code === "ENG")).toMatchObject({ rule: "siteOrField", sites: [site.id] });
    const wang = (await server.system.store.people.byLogin("wang"))!;
    expect(await server.system.sites.myPlaceRule(wang)).toEqual({ rule: "siteOrField", sites: [{ id: site.id, name: "总部" }] });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBe(clientWidth);
    await screenshot(page, "sites-1-hr-zh-phone");
  });

  it("is not in an employee's menu, and the API refuses them", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "wang");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Policy" }).or(page.getByRole("link", { name: "Account" })).first().waitFor();
    await expect(page.getByRole("link", { name: "Sites" }).count()).resolves.toBe(0);
    const status = await page.evaluate(async () => (await fetch("/api/departments/location", { headers: { "x-requested-with": "fetch" } })).status);
    expect(status).toBe(403);
    pages.allow(/status of 403/);
  });
});
