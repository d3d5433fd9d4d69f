/**
 * Notifications and HR's screens on the page, at a phone's size. Notifications: a reminder the
 * scheduler delivers shows in the header's bell count, opening the list marks it read and the
 * count goes; my settings (channel, the optional reminders) are saved as the server keeps them.
 * The audit log: filtered by person, the filter kept in the address, refusals worded in Chinese.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { errorBody } from "../../src/http/errors.ts";
import { browserMissing, buildWeb, check, launchChromium, phonePages, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type Finding, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

/** Thursday 15 October 2026, 09:20 in Shanghai: past the not-checked-in reminder (09:10) of the default shift. */
const NOW = "2026-10-15T09:20:00+08:00";

type Box = { x: number; y: number; width: number; height: number };
/** Whether two boxes on the page share any area (a tap there could hit either). */
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!!browserMissing)("notifications and HR's screens on the page", () => {
  let server: WebServer;
  let dist: string;
  let browser: Browser;

  beforeAll(async () => {
    dist = await buildWeb();
    server = await startWebServer({ distDir: dist, now: NOW });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  const pages = phonePages(() => browser);
  const newPage = pages.open;

  const wang = async () => (await server.system.store.people.byLogin("wang"))!;

  it("a reminder delivered shows in the bell's count; opening the list marks it read and the count goes", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "wang");
    const bell = page.locator("header a.bell");
    await expect(bell.getAttribute("aria-label")).resolves.toBe("Notifications: none unread");
    expect(await page.locator(".bell-count").count()).toBe(0);

    const sent = await server.system.notify.scheduler.tick();
    expect(sent.some((r) => r.employee.login === "wang" && r.rule === "notCheckedIn")).toBe(true);
    await page.goto(`${server.url}/attendance`);
    await page.locator(".bell-count", { hasText: "1" }).waitFor();
    await expect(bell.getAttribute("aria-label")).resolves.toBe("Notifications: 1 unread");
    // The bell stays outside the folded menu on a phone.
    expect(await bell.isVisible()).toBe(true);

    const [read] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/notifications/read"), bell.click()]);
    expect(read.status()).toBe(200);
    const item = page.locator("li.notification.fresh");
    await item.waitFor();
    const { items } = await server.system.notify.service.list(await wang());
    expect(items).toHaveLength(1);
    await expect(item.locator("h2").textContent()).resolves.toBe(items[0].title);
    await page.locator(".bell-count").waitFor({ state: "detached" });
    expect((await server.system.notify.service.list(await wang())).unread).toBe(0);
    await screenshot(page, "notifications-1-read");

    // Seen once, it is no longer new.
    await page.reload();
    await page.locator("li.notification").waitFor();
    expect(await page.locator("li.notification.fresh").count()).toBe(0);
  }, 180_000);

  it("my settings: the channel and the optional reminders are saved as the server keeps them, in Chinese", async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "wang");
    await page.goto(`${server.url}/notifications`);
    const form = page.locator("form.notification-settings");
    await form.waitFor();
    await form.getByLabel("应用之外的渠道").selectOption("inapp");
    await form.getByLabel("上月考勤小结").uncheck();
    await form.getByRole("button", { name: "保存" }).click();
    await form.locator(".message.ok", { hasText: "已保存" }).waitFor();
    const settings = await server.system.notify.service.settings(await wang());
    expect(settings.channel).toBe("inapp");
    expect(settings.optOut).toEqual(["monthlyReport"]);

    // A refused address keeps what was typed and says why in Chinese.
    await form.getByLabel("接收提醒的邮箱").fill("not-an-address");
    await form.locator("input[type=email]").evaluate((el) => el.removeAttribute("type"));
    await form.getByRole("button", { name: "保存" }).click();
    await form.locator(".message.error").waitFor();
    await expect(form.locator(".message.error").textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expect(form.getByLabel("接收提醒的邮箱").inputValue()).resolves.toBe("not-an-address");
    // The browser logs the refused request itself; that one is expected.
    pages.allow(/status of 400/);
  }, 180_000);

  it("the audit log filters by person, keeps the filter in the address, and words a refusal in Chinese", async () => {
    const li = Date.parse("2026-10-15T08:58:00+08:00");
    await server.system.attendance.correctPunches((await server.system.store.people.byLogin("zhao"))!, "li", [{ atMs: li, kind: "in" }], "forgot the phone");
    await server.system.attendance.punch(await wang(), { kind: "in", method: "web" });
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/audit`);
    const rows = page.locator("table.audit tbody tr");
    await rows.first().waitFor();
    const all = await server.system.audit.entries(SYSTEM_ACTOR, {});
    expect(await rows.count()).toBe(Math.min(all.entries.length, 50));
    await expect(rows.first().locator("td.who").textContent()).resolves.toBe(all.entries[0].actor ? `${all.entries[0].actor.nameEn} (${all.entries[0].actor.login})` : "System");

    await page.getByLabel("Person (login)").fill("li");
    const [answer] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/audit"), page.getByRole("button", { name: "Show" }).click()]);
    expect(new URL(answer.url()).searchParams.get("login")).toBe("li");
    const expected = (await server.system.audit.entries(SYSTEM_ACTOR, { login: "li" })).entries;
    expect(expected.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelectorAll("table.audit tbody tr").length === n, expected.length);
    for (const row of await rows.all()) {
      const text = `${await row.locator("td.who").textContent()} ${await row.locator("td.concerns").textContent()}`;
      expect(text).toContain("(li)");
    }
    await expect(rows.first().locator("td.who").textContent()).resolves.toBe("Zhao Min (zhao)");
    expect(new URL(page.url()).searchParams.get("login")).toBe("li");
    await screenshot(page, "audit-1-by-person");
    // A reload shows the same filter.
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll("table.audit tbody tr").length === n, expected.length);
    await expect(page.getByLabel("Person (login)").inputValue()).resolves.toBe("li");
    await pages.close();

    const zh = await newPage("zh-CN");
    await signIn(zh, server.url, "zhao");
    await zh.goto(`${server.url}/audit?login=nobody`);
    await zh.locator(".load-error", { hasText: "nobody" }).waitFor();
    await expect(zh.locator(".load-error .message").textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    pages.allow(/status of 404/);
  }, 180_000);

  it("reminders: HR turns a rule on with its minutes and gives a department its own setting; a test message lands in the delivery log and the bell", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/reminders`);
    const form = page.locator("form.reminder-policy");
    await form.waitFor();
    const before = form.locator('tr[data-rule="beforeStart"]');
    await before.getByLabel("Send").check();
    await before.getByLabel("Minutes").fill("15");
    await form.getByLabel("Department", { exact: true }).selectOption("ENG");
    await form.locator('li[data-rule="notCheckedOut"]').getByRole("combobox").first().selectOption("off");
    await form.getByRole("button", { name: "Save reminder rules" }).click();
    await form.locator(".message.ok", { hasText: "Reminder rules saved." }).waitFor();
    const { reminders } = await server.system.attendance.policy(SYSTEM_ACTOR);
    expect(reminders.rules.beforeStart).toEqual({ on: true, minutes: 15 });
    expect(reminders.departments).toEqual({ ENG: { notCheckedOut: { on: false } } });

    const test = page.locator("section.test-message");
    await test.getByRole("button", { name: "In the app" }).click();
    await test.locator(".message.ok", { hasText: "Test message sent by the app only." }).waitFor();
    await page.locator('table.deliveries tr[data-outcome="sent"]', { hasText: "Test message" }).waitFor();
    // Nobody linked a chat account here: the chat test is refused in words, and nothing is sent.
    await test.getByRole("button", { name: "By chat" }).click();
    await test.locator(".message.error", { hasText: "link a chat account" }).waitFor();
    pages.allow(/status of 409/);
    expect((await server.system.notify.service.deliveries((await server.system.store.people.byLogin("zhao"))!)).filter((d) => d.rule === "test")).toHaveLength(1);
    await screenshot(page, "reminders-1-saved-and-tested");
    const { unread } = await server.system.notify.service.list((await server.system.store.people.byLogin("zhao"))!);
    expect(unread).toBeGreaterThan(0);
    await page.goto(`${server.url}/hr`);
    await page.locator(".bell-count", { hasText: String(unread) }).waitFor();
  }, 180_000);

  it("shifts and roster: HR creates a shift, makes it a department's, and rosters a person's days in a month", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await page.goto(`${server.url}/shifts`);
    const form = page.locator("form.shift-form");
    await form.waitFor();
    await form.getByLabel("Code").fill("EARLY");
    await form.getByLabel("Name (Chinese)").fill("早班");
    await form.getByLabel("Name (English)").fill("Early");
    await form.getByLabel("Starts").fill("07:00");
    await form.getByLabel("Ends").fill("16:00");
    await form.getByLabel("Flex (min)").fill("30");
    await form.getByRole("button", { name: "Create shift" }).click();
    await form.locator(".message.ok", { hasText: "Shift EARLY saved." }).waitFor();
    await page.locator('table.shifts tr[data-code="EARLY"]', { hasText: "07:00–16:00" }).waitFor();

    const assign = page.locator("form.assign");
    await assign.getByLabel("Shift", { exact: true }).selectOption("EARLY");
    await assign.getByLabel("Department").selectOption("SALES");
    await assign.getByRole("button", { name: "Assign" }).click();
    await assign.locator(".message.ok", { hasText: "SALES now works EARLY" }).waitFor();
    const sales = (await server.system.store.people.list()).find((e) => e.login === "lin")!;
    expect((await server.system.attendance.day(SYSTEM_ACTOR, sales.login, "2026-10-16")).shiftCode).toBe("EARLY");

    const roster = page.locator("section.roster");
    await roster.getByLabel("Person (login)").fill("wang");
    await roster.getByLabel("Month").fill("2026-10");
    await roster.getByRole("button", { name: "Open" }).click();
    await roster.locator(".message.ok", { hasText: "0 days already set" }).waitFor();
    await roster.locator('li[data-date="2026-10-16"] select').selectOption("off");
    await roster.locator('li[data-date="2026-10-19"] select').selectOption("EARLY");
    await roster.getByRole("button", { name: "Save roster" }).click();
    await roster.locator(".message.ok", { hasText: "Roster saved: 2 days for 1 people." }).waitFor();
    const entries = await server.system.shifts.roster(SYSTEM_ACTOR, "wang", "2026-10-01", "2026-10-31");
    expect(entries.map((e) => `${e.date} ${e.shiftCode ?? "off"}`)).toEqual(["2026-10-16 off", "2026-10-19 EARLY"]);
    expect((await server.system.attendance.day(SYSTEM_ACTOR, "wang", "2026-10-16")).workday).toBe(false);
    await screenshot(page, "shifts-1-rostered");
    // Opened again, the month shows what is set.
    await page.reload();
    await roster.getByLabel("Person (login)").fill("wang");
    await roster.getByLabel("Month").fill("2026-10");
    await roster.getByRole("button", { name: "Open" }).click();
    await roster.locator(".message.ok", { hasText: "2 days already set" }).waitFor();
    await expect(roster.locator('li[data-date="2026-10-16"] select').inputValue()).resolves.toBe("off");
    // An entry removed: the day follows the usual shift again, and only set days offer removal.
    await expect(roster.locator('li[data-date="2026-10-20"] button').count()).resolves.toBe(0);
    await roster.getByRole("button", { name: "Remove the roster entry of" }).first().click();
    await roster.locator(".message.ok", { hasText: "follows the usual shift again" }).waitFor();
    const left = await server.system.shifts.roster(SYSTEM_ACTOR, "wang", "2026-10-01", "2026-10-31");
    expect(left.map((e) => `${e.date} ${e.shiftCode ?? "off"}`)).toEqual(["2026-10-19 EARLY"]);
    expect((await server.system.attendance.day(SYSTEM_ACTOR, "wang", "2026-10-16")).workday).toBe(true);
    await expect(roster.locator('li[data-date="2026-10-16"] select').inputValue()).resolves.toBe("");
    await expect(roster.locator('li[data-date="2026-10-16"] button').count()).resolves.toBe(0);
  }, 180_000);

  it("departments that fail to load: the shifts and people screens say so in the page's language, and Retry loads them", async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "zhao");
    // The departments' request fails (a server error, then a lost connection); everything else is the real server.
    let failure: "server" | "network" | null = "server";
    let asked = 0;
    await page.route((url) => url.pathname === "/api/departments", async (route) => {
      asked++;
      if (failure === "server") await route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify(errorBody("INTERNAL", "Something went wrong on our side; nothing was changed")) });
      else if (failure === "network") await route.abort("connectionrefused");
      else await route.continue();
    });
    pages.allow(/status of 500|ERR_CONNECTION_REFUSED/);

    await page.goto(`${server.url}/shifts`);
    const assign = page.locator("form.assign");
    const alert = assign.getByRole("alert");
    await expect(alert.locator(".message").textContent()).resolves.toBe("部门列表加载失败：服务器出了点问题，请重试。");
    expect(await assign.locator('select[name="department"]').count()).toBe(0);
    await screenshot(page, "departments-failed-shifts");
    failure = null;
    const before = asked;
    await alert.getByRole("button", { name: "重试" }).click();
    await assign.locator('select[name="department"] option[value="SALES"]').waitFor({ state: "attached" });
    expect(asked).toBe(before + 1);
    expect(await assign.getByRole("alert").count()).toBe(0);
    await assign.getByLabel("部门").selectOption("SALES");

    failure = "network";
    await page.goto(`${server.url}/people`);
    const filter = page.locator("form.people-filter");
    await filter.getByRole("alert").waitFor();
    await expect(filter.locator(".load-error .message").textContent()).resolves.toBe("部门列表加载失败：现在离线，或连不上服务器。已填写的内容都还在。");
    // The people still load; only the department filter waits for its retry.
    await page.locator("tr.person").first().waitFor();
    await filter.getByLabel("搜索").fill("wang");
    // A person's editor is not offered over an empty department list either.
    const row = page.locator('tr.person[data-login="wang"]');
    await row.getByRole("button", { name: /^编辑/ }).click();
    const editor = page.locator("tr.editor-row");
    await expect(editor.locator(".load-error .message").textContent()).resolves.toBe("部门列表加载失败：现在离线，或连不上服务器。已填写的内容都还在。");
    failure = null;
    await filter.getByRole("button", { name: "重试" }).click();
    await expect(editor.locator('form.person-editor select[name="department"]').inputValue()).resolves.toBe("ENG");
    await filter.getByLabel("部门").selectOption("SALES");
    await expect(filter.getByLabel("搜索").inputValue()).resolves.toBe("wang");
    expect(await filter.getByRole("alert").count()).toBe(0);
  }, 180_000);

  it("the roster's Remove button: at 390x844 and 1280x900, in both languages, a touch target clear of its day's picker, no sideways scroll, no serious axe finding", async () => {
    await server.system.shifts.setRoster(SYSTEM_ACTOR, [
      { login: "li", date: "2026-11-02", shift: "off" },
      { login: "li", date: "2026-11-03", shift: "off" },
    ]);
    const findings: Finding[] = [];
    for (const size of [{ name: "phone", width: 390, height: 844, min: 44 }, { name: "desktop", width: 1280, height: 900, min: 24 }]) {
      for (const lang of ["zh", "en"] as const) {
        const context = await browser.newContext({ locale: lang === "zh" ? "zh-CN" : "en-US", viewport: { width: size.width, height: size.height } });
        try {
          const page = await context.newPage();
          const errors = watchConsole(page);
          await signIn(page, server.url, "zhao");
          await page.goto(`${server.url}/shifts`);
          const roster = page.locator("section.roster");
          await roster.locator('input[name="roster-login"]').fill("li");
          await roster.locator('input[name="roster-month"]').fill("2026-11");
          await roster.locator('button[type="submit"]').click();
          const remove = roster.locator('li[data-date="2026-11-02"] button.remove-day');
          await remove.waitFor();
          const where = `roster Remove, ${lang}, ${size.name}`;
          findings.push(...(await check(page, where)));
          const button = (await remove.boundingBox())!;
          const picker = (await roster.locator('li[data-date="2026-11-02"] select').boundingBox())!;
          if (button.width < size.min || button.height < size.min) findings.push({ where, what: `Remove is ${button.width}x${button.height} px, under ${size.min}x${size.min}` });
          const next = (await roster.locator('li[data-date="2026-11-03"] button.remove-day').boundingBox())!;
          if (overlap(button, picker)) findings.push({ where, what: `Remove overlaps its day's picker: ${JSON.stringify({ button, picker })}` });
          if (overlap(button, next)) findings.push({ where, what: `two days' Remove buttons overlap: ${JSON.stringify({ button, next })}` });
          await screenshot(page, `roster-remove-${lang}-${size.name}`);
          for (const e of errors) findings.push({ where, what: e });
        } finally {
          await context.close();
        }
      }
    }
    expect(findings).toEqual([]);
  }, 300_000);

  it("chat channels: an admin sees each platform's variables set and missing; people link their chat account from their account page", async () => {
    // No chat platform on the shared server: the account page offers no linking.
    const page = await newPage("en-US");
    await signIn(page, server.url, "wang");
    await page.goto(`${server.url}/account`);
    await page.locator("form").first().waitFor();
    expect(await page.locator("section.chat-account").count()).toBe(0);
    await pages.close();

    const feishu = { name: "feishu", ready: false, set: ["FEISHU_APP_ID"], missing: ["FEISHU_APP_SECRET", "FEISHU_ENCRYPT_KEY"], hint: "set FEISHU_APP_SECRET, FEISHU_ENCRYPT_KEY to talk over Feishu" };
    const wecom = { name: "wecom", ready: true, set: ["WECOM_CORP_ID", "WECOM_SECRET"], missing: [], hint: "agent 1000002" };
    const chat = await startWebServer({ distDir: dist, now: NOW, engines: [feishu, wecom] });
    try {
      const admin = await newPage("zh-CN");
      await signIn(admin, chat.url, "admin");
      await admin.goto(`${chat.url}/channels`);
      const row = admin.locator('table.channels tr[data-name="feishu"]');
      await row.waitFor();
      await expect(row.locator("th").textContent()).resolves.toBe("飞书");
      await expect(row.locator(".badge").textContent()).resolves.toBe("未配置");
      await expect(row.locator("ul.vars.set code").allTextContents()).resolves.toEqual(["FEISHU_APP_ID"]);
      await expect(row.locator("ul.vars.missing code").allTextContents()).resolves.toEqual(["FEISHU_APP_SECRET", "FEISHU_ENCRYPT_KEY"]);
      await expect(admin.locator('tr[data-name="wecom"] .badge').textContent()).resolves.toBe("可用");
      await screenshot(admin, "channels-1-status");
      await admin.locator("main").getByRole("link", { name: "账户" }).click();
      await admin.getByRole("heading", { level: 1, name: "我的账户" }).waitFor({ timeout: 10_000 }).catch(async (e) => {
        await screenshot(admin, "channels-debug");
        throw e;
      });
      await admin.locator("section.chat-account").getByRole("button", { name: "绑定聊天账号" }).waitFor();
    } finally {
      await chat.close();
    }
  }, 180_000);
});
