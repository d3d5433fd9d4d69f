import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webRoutes } from "../../src/http/web.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

/** Thursday 15 October 2026, 09:20 in Shanghai: the server's "now" for every test here. */
const NOW = "2026-10-15T09:20:00+08:00";
const TODAY = "2026-10-15";
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

/** September 2026 for wang, as the rules should judge it (1 Sep is a Tuesday; 20 Sep a make-up workday). */
const SEPTEMBER: Record<string, string> = {
  "2026-09-01": "normal",
  "2026-09-02": "late",
  "2026-09-03": "early-leave",
  "2026-09-04": "missing-punch",
  "2026-09-05": "weekend",
  "2026-09-07": "absent",
  "2026-09-08": "leave",
  "2026-09-20": "makeup-workday",
  "2026-09-25": "holiday",
};

async function setUpData(server: WebServer): Promise<void> {
  const { attendance, leave, store } = server.system;
  const wang = (times: [string, string][]) =>
    attendance.correctPunches(
      SYSTEM_ACTOR,
      "wang",
      times.map(([d, t]) => at(d, t)),
      "browser test",
    );
  await wang([
    ["2026-09-01", "08:55"], ["2026-09-01", "18:05"],
    ["2026-09-02", "09:20"], ["2026-09-02", "18:10"],
    ["2026-09-03", "09:00"], ["2026-09-03", "17:30"],
    ["2026-09-04", "08:50"],
    ["2026-09-20", "08:58"], ["2026-09-20", "18:01"],
  ]);
  await leave.request(SYSTEM_ACTOR, "wang", { type: "annual", startDate: "2026-09-08" }, { approve: true });
  // Today: a few people are in, some late, so the team and HR views have something to show.
  const arrivals = (await store.people.list()).filter((e) => e.role !== "admin" && e.login !== "wang" && e.login !== "lin");
  for (const [i, e] of arrivals.entries()) {
    if (i % 4 !== 3) await attendance.correctPunches(SYSTEM_ACTOR, e.login, [at(TODAY, i % 5 === 0 ? "09:12" : "08:4" + (i % 10))], "browser test");
  }
  // A request of wang's waiting for chen.
  const wangUser = (await store.people.byLogin("wang"))!;
  await leave.request(wangUser, "wang", { type: "annual", startDate: "2026-10-20", endDate: "2026-10-21", reason: "family" });
}

describe.skipIf(!!browserMissing)("the web app in Chromium", () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let distDir: string;

  beforeAll(async () => {
    distDir = await buildWeb();
    server = await startWebServer({ distDir, now: NOW });
    await setUpData(server);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  async function newPage(locale = "en-US", timezoneId?: string): Promise<Page> {
    context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    errors = watchConsole(page);
    return page;
  }

  beforeEach(() => {
    errors = [];
  });

  afterEach(async () => {
    await context?.close();
    expect(errors, "console errors on the page").toEqual([]);
  });

  it("serves the page at / and at client routes, but never for API paths", async () => {
    for (const p of ["/", "/leave", "/hr", "/sign-in"]) {
      const res = await fetch(server.url + p);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
      // Every test here runs the page under this policy and fails on any console error, so a
      // violation (an inline script, a foreign connection) would fail them.
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'; .*script-src 'self';/);
    }
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.headers.get("content-type")).toMatch(/json/);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    // On its own, too: API paths are never answered with the page.
    const web = webRoutes({ distDir });
    for (const p of ["/api/nope", "/v1/models"]) {
      const res = await web.request(p);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
    const asset = (await (await web.request("/")).text()).match(/\/assets\/[^"]+\.js/)![0];
    const cached = await web.request(asset);
    expect(cached.headers.get("cache-control")).toContain("immutable");
    expect(cached.headers.get("content-type")).toMatch(/javascript/);
    const unbuilt = await webRoutes({ distDir: "/nonexistent" }).request("/");
    expect(unbuilt.status).toBe(503);
    expect((await unbuilt.json()).error.message).toMatch(/npm run build:web/);
  });

  it("signs in as a demo person and shows the assistant", async () => {
    await newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "1-sign-in");
    await signIn(page, server.url, "wang");
    await expect(page.getByRole("button", { name: "Hold to talk" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Signed in as Wang Xiaoming").count()).resolves.toBe(1);
    // Employees see no manager or HR screens.
    await expect(page.getByRole("link", { name: "Team" }).count()).resolves.toBe(0);
    await screenshot(page, "2-assistant");
  });

  it("answers 'check me in' typed in the text box and records the punch", async () => {
    await newPage();
    await signIn(page, server.url, "wang");
    const box = page.getByLabel("Type a request");
    await box.focus();
    await page.keyboard.type("check me in");
    await page.keyboard.press("Enter");
    const reply = page.locator(".line.assistant:not(.pending) .text").last();
    await reply.waitFor();
    await expect(reply.textContent()).resolves.toMatch(/checked in at 9:20/i);
    await page.locator(".line.assistant .latency").last().waitFor();
    await expect(page.locator(".line.user .text").last().textContent()).resolves.toBe("check me in");
    const punches = await server.system.attendance.punches(SYSTEM_ACTOR, "wang", TODAY, TODAY);
    expect(punches.map((p) => new Date(p.atMs).toISOString())).toEqual(["2026-10-15T01:20:00.000Z"]);
    await screenshot(page, "3-assistant-reply");
  });

  it("colours the calendar of September 2026 by day status and shows the month's figures", async () => {
    await newPage();
    await signIn(page, server.url, "wang");
    await page.getByRole("link", { name: "My attendance" }).click();
    await page.getByLabel("Month", { exact: true }).fill("2026-09");
    await page.locator('td.day[data-date="2026-09-30"]').waitFor();
    const colours = new Map<string, string>();
    for (const [date, status] of Object.entries(SEPTEMBER)) {
      const cell = page.locator(`td.day[data-date="${date}"]`);
      await expect(cell.getAttribute("data-status"), date).resolves.toBe(status);
      const bg = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
      const swatch = await page.locator(`.legend li[data-status="${status}"] .swatch`).evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg, `${date} is coloured as the legend's ${status}`).toBe(swatch);
      colours.set(status, bg);
    }
    expect(new Set(colours.values()).size, "each status has its own colour").toBe(colours.size);
    await expect(page.locator('td.day[data-date="2026-09-25"]').textContent()).resolves.toContain("中秋节");

    const summary = await server.system.attendance.monthlySummary(SYSTEM_ACTOR, "wang", "2026-09");
    const stat = (label: string) => page.locator(".stat", { has: page.getByText(label, { exact: true }) }).locator("dd").textContent();
    await expect(stat("Required days")).resolves.toBe(String(summary.requiredDays));
    await expect(stat("Attended days")).resolves.toBe(String(summary.attendedDays));
    await expect(stat("Late arrivals")).resolves.toBe(String(summary.lateCount));
    await expect(stat("Missing punches")).resolves.toBe(String(summary.missingPunchCount));
    await expect(stat("Absent days")).resolves.toBe(String(summary.absentDays));
    await expect(stat("Full attendance")).resolves.toBe("No");
    await screenshot(page, "4-attendance-september");
  });

  it("shows a month before the first record as having no records, not as absences, in both languages", async () => {
    for (const [locale, month, notice, sentence] of [
      ["en-US", "Month", /no attendance records for this month/, /^No records: this month is before attendance records begin/],
      ["zh-CN", "月份", /这个月还没有考勤记录/, /^没有记录：这个月在考勤记录开始之前/],
    ] as const) {
      await newPage(locale);
      await signIn(page, server.url, "wang");
      await page.getByRole("link", { name: /^(My attendance|我的考勤)$/ }).click();
      await page.getByLabel(month, { exact: true }).fill("2026-08");
      await expect(page.getByTestId("no-records").textContent()).resolves.toMatch(notice);
      await expect(page.getByTestId("summary").locator(".sentence").textContent()).resolves.toMatch(sentence);
      await expect(page.locator('td.day[data-status="absent"]').count()).resolves.toBe(0);
      await expect(page.locator('td.day[data-date="2026-08-03"]').getAttribute("data-status")).resolves.toBe("no-records");
      await context.close();
      expect(errors, `console errors on the ${locale} page`).toEqual([]);
    }
  });

  it("checks in from the attendance screen, and today turns late", async () => {
    await newPage();
    await signIn(page, server.url, "lin");
    await page.getByRole("link", { name: "My attendance" }).click();
    await page.locator(`td.day[data-date="${TODAY}"]`).waitFor();
    // The smart button says what it will record; after it, the page shows the server's sentence.
    await page.getByRole("button", { name: "Check in" }).click();
    await page.locator(".today .message.ok", { hasText: /9:20/ }).waitFor();
    await page.locator(".today .badge", { hasText: "Late 20 min" }).waitFor();
    await expect(page.locator(`td.day[data-date="${TODAY}"]`).getAttribute("data-status")).resolves.toBe("late");
  });

  it("previews a leave request, files it and cancels it", async () => {
    await newPage();
    await signIn(page, server.url, "wang");
    await page.getByRole("link", { name: "Leave" }).click();
    await page.getByRole("table").filter({ hasText: "Balances 2026" }).waitFor();
    await page.getByLabel("Type", { exact: true }).selectOption("annual");
    await page.getByLabel("Start date").fill("2026-11-02");
    await page.getByLabel("End date").fill("2026-11-03");
    const wangUser = (await server.system.store.people.byLogin("wang"))!;
    const expected = await server.system.leave.preview(wangUser, "wang", { type: "annual", startDate: "2026-11-02", endDate: "2026-11-03" });
    expect(expected.days).toBe(2);
    await page.getByText(`Working days: 2 · balance ${expected.remainingBefore} → ${expected.remainingAfter}`).waitFor();
    await screenshot(page, "5-leave");
    await page.getByRole("button", { name: "Submit request" }).click();
    await page.getByText("Requested: Annual leave, 2 d. It now waits for approval.").waitFor();
    const row = page.locator("tr", { hasText: "Nov 2" });
    await row.getByRole("button", { name: /^Cancel the Annual request/ }).click();
    await page.getByText("The request was cancelled and the days returned.").waitFor();
    const statuses = (await server.system.leave.list(SYSTEM_ACTOR, "wang")).map((l) => `${l.startDate} ${l.status}`);
    expect(statuses).toContain("2026-11-02 cancelled");
  });

  it("lets chen, wang's manager, approve the pending leave", async () => {
    await newPage();
    await signIn(page, server.url, "chen");
    await page.getByRole("link", { name: "Team" }).click();
    await page.locator("table.team tbody tr").first().waitFor();
    await screenshot(page, "6-team");
    await page.getByRole("link", { name: "Approvals" }).click();
    const card = page.locator("li.approval", { hasText: "wang" });
    await card.getByRole("button", { name: /^Approve Wang Xiaoming: Annual leave/ }).click();
    await page.getByText(/^Approved Wang Xiaoming: Annual leave, Tue, Oct 20 – Wed, Oct 21 \(2 d\)\.$/).waitFor();
    const wangLeave = (await server.system.leave.list(SYSTEM_ACTOR, "wang")).find((l) => l.startDate === "2026-10-20");
    expect(wangLeave?.status).toBe("approved");
    await page.getByText("Nothing is waiting for you.").waitFor();
  });

  it("shows HR the live board, downloads the CSV export and records corrections in the company's zone", async () => {
    await newPage("en-US", "America/New_York");
    await signIn(page, server.url, "zhao");
    await page.getByRole("link", { name: "HR" }).click();
    await page.locator("svg.chart rect.bar").first().waitFor();
    const bars = await page.locator("svg.chart g[data-code]").count();
    expect(bars).toBe((await server.system.store.people.departments()).length);
    await screenshot(page, "7-hr");
    await page.getByLabel("Month", { exact: true }).fill("2026-09");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("attendance-2026-09.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    // Opened by Excel as UTF-8 (a BOM, CRLF), headers, names and departments in the page's language.
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toMatch(/^Month,Login,Name,Department,Required days,Attended days/);
    expect(csv).toMatch(/^2026-09,wang,Wang Xiaoming,Engineering,/m);

    // A correction's times are read in the company's zone (Asia/Shanghai), whatever the browser's.
    const form = page.locator("form", { has: page.getByRole("button", { name: "Record punches" }) });
    await form.getByLabel("Employee login").fill("li");
    await form.getByLabel("Date", { exact: true }).fill("2026-09-15");
    await form.getByLabel("Times", { exact: true }).fill("9:02, 18:05");
    await form.getByLabel("Note (why)").fill("browser correction");
    await form.getByRole("button", { name: "Record punches" }).click();
    await page.getByText("Recorded 2 punches for li.").waitFor();
    const punches = await server.system.attendance.punches(SYSTEM_ACTOR, "li", "2026-09-15", "2026-09-15");
    expect(punches.filter((p) => p.note === "browser correction").map((p) => p.atMs)).toEqual([Date.parse("2026-09-15T09:02:00+08:00"), Date.parse("2026-09-15T18:05:00+08:00")]);
  });

  it("creates a personal API token shown once, which works until revoked; a wrong current password keeps the session", { timeout: 240_000 }, async () => {
    await newPage();
    await signIn(page, server.url, "wang");
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByText("No tokens.").waitFor();
    const tokens = page.locator("section", { has: page.getByRole("heading", { name: "Personal API tokens" }) });
    await tokens.getByLabel("Name").fill("my script");
    await tokens.getByRole("button", { name: "Create token" }).click();
    const token = (await page.locator(".new-token code").textContent())!;
    await page.locator('tr', { hasText: "my script" }).waitFor();
    const me = () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    await screenshot(page, "10-account");
    await page.getByRole("button", { name: "Revoke the token my script" }).click();
    await page.getByText("The token my script was revoked.").waitFor();
    expect((await me()).status).toBe(401);

    const password = page.locator("form", { has: page.getByRole("heading", { name: "Change password" }) });
    await password.getByLabel("Current password").fill("not my password");
    await password.getByLabel("New password (at least 12 characters)").fill("a long new password 1");
    await password.getByLabel("New password again").fill("a long new password 1");
    await password.getByRole("button", { name: "Change password" }).click();
    // The server checks the password with scrypt at full cost: slow on a loaded machine.
    await password.getByRole("alert").filter({ hasText: "Wrong login or password." }).waitFor({ timeout: 120_000 });
    await expect(page.getByText("Signed in as Wang Xiaoming").count()).resolves.toBe(1);
    // The refused password is a failed request in the console; nothing else is.
    errors = errors.filter((e) => !/status of 401/.test(e));
  });

  it("is installable: a manifest with icons and theme colour, and a service worker that opens the app shell offline", async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const doc = await manifest.json();
    expect([doc.start_url, doc.display, doc.theme_color]).toEqual(["/", "standalone", "#14213d"]);
    for (const icon of doc.icons as { src: string; type: string }[]) {
      expect((await fetch(server.url + icon.src)).headers.get("content-type")?.split(";")[0]).toBe(icon.type);
    }
    await newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await expect(page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL))).resolves.toBe(`${server.url}/sw.js`);
    await context.setOffline(true);
    await page.reload();
    // The kept shell opens and says the server cannot be reached; back online, it starts.
    await page.locator("header.topbar").waitFor();
    await page.getByText("Cannot reach the server.").waitFor();
    await context.setOffline(false);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    // Offline, the page's own requests fail in the console; nothing else does.
    errors = errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to (fetch|load resource)/.test(e));
  });

  it("lets HR edit the policy: each number with its meaning, out-of-range values refused before saving", async () => {
    await newPage();
    await signIn(page, server.url, "zhao");
    await page.getByRole("link", { name: "Policy" }).click();
    const grace = page.getByLabel("Grace (min)");
    await grace.fill("999");
    await page.locator('[data-key="graceMinutes"] .message.error', { hasText: "From 0 to 240." }).waitFor();
    await page.getByRole("button", { name: "Save changes (1)" }).click();
    await page.getByText("Some values cannot be saved; they are marked.").waitFor();
    await grace.fill("10");
    await page.getByRole("button", { name: "Save changes (1)" }).click();
    await page.getByText("Saved 1 changes.").waitFor();
    expect((await server.system.attendance.policy(SYSTEM_ACTOR)).graceMinutes).toBe(10);
    await screenshot(page, "11-policy");
  });

  it("switches between English and Chinese, and remembers the choice", async () => {
    await newPage("en-US");
    await signIn(page, server.url, "zhao");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await page.getByLabel("Language").selectOption("zh");
    await page.getByRole("heading", { level: 1, name: "助手" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    await page.getByRole("link", { name: "人事" }).click();
    await page.getByRole("heading", { level: 1, name: "人事" }).waitFor();
    await page.locator("svg.chart rect.bar").first().waitFor();
    await screenshot(page, "8-hr-zh");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "人事" }).waitFor();
    await page.getByRole("link", { name: "我的考勤" }).click();
    await page.locator("td.day").first().waitFor();
    await screenshot(page, "9-attendance-zh");
  });

  it("defaults to Chinese for a Chinese browser and can be used from the keyboard", async () => {
    await newPage("zh-CN");
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("heading", { name: "登录" }).waitFor();
    await page.getByLabel("人员").focus();
    await page.getByLabel("人员").selectOption("chen");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "助手" }).waitFor();
    // Tab from the top of a fresh page reaches the skip link first, then the navigation.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "助手" }).waitFor();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("跳到正文");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("通知：没有未读");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("我的考勤");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "我的考勤" }).waitFor();
  });
});
