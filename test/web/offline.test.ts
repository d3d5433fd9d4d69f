/**
 * A punch made offline (issue 18), in Chromium at a phone's size: with the server stopped, a
 * check-in is queued and the page says so (in both languages); the page is reloaded while the
 * server is away (the service worker's shell says what waits); the server restarts on the same
 * database file and port, and the punch arrives once, at the time it was made, waiting for the
 * manager's review because it came 25 minutes later.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, REPO, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

/** Thursday 26 November 2026 in Shanghai: wang checks in at 08:57; the server is back at 09:22. */
const MADE = "2026-11-26T08:57:00+08:00";
const BACK = "2026-11-26T09:22:00+08:00";

describe.skipIf(!!browserMissing)("a punch made offline", () => {
  let distDir: string;
  let browser: Browser;
  const servers: WebServer[] = [];

  beforeAll(async () => {
    distDir = await buildWeb();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close().catch(() => undefined);
    removeTempDirs();
  });

  it("is queued while the server is down, survives a reload, and arrives once with its original time", async () => {
    const first = await startWebServer({ distDir, now: MADE });
    servers.push(first);
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // The page's clock says when the punch was made (the server's test clock says when it arrives).
    await page.clock.setFixedTime(new Date(MADE));
    const errors = watchConsole(page);
    await signIn(page, first.url, "wang");
    const button = page.getByRole("button", { name: "上班打卡" });
    await button.waitFor();
    // The shell is kept by the service worker before the server goes away.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    await first.close();
    servers.pop();
    await button.click();
    await page.getByText("没有网络连接：你 08:57 的上班打卡已保存在这台设备上，连上后会自动发送。").waitFor();
    await page.getByText("等待发送（1）").waitFor();
    await page.getByRole("button", { name: "菜单" }).click();
    await page.selectOption("#lang", "en");
    await page.getByText("Waiting to send (1)").waitFor();
    await page.getByText("08:57 check-in").waitFor();
    await page.getByText("No connection: your check-in at 08:57 is kept on this device and will be sent when the connection returns.").waitFor();
    await screenshot(page, "offline-queued-390");

    // Reloaded with the server still away: the kept shell says what waits on this device.
    await page.reload();
    await page.getByText("Cannot reach the server.").waitFor();
    await page.getByText("Punches kept on this device: 1. They are sent when the server is back.").waitFor();

    const back = await startWebServer({ distDir, now: BACK, db: first.db, port: first.port });
    servers.push(back);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByText(/^Sent your check-in made at 08:57: /).waitFor();
    const wang = (await back.system.store.people.byLogin("wang"))!;
    const recorded = async () => back.system.attendance.punches(wang, "wang", "2026-11-26", "2026-11-26");
    expect((await recorded()).map((p) => ({ atMs: p.atMs, kind: p.kind, review: p.place.review }))).toEqual([{ atMs: Date.parse(MADE), kind: "in", review: "pending" }]);
    // Arrived 25 minutes after it was made: it waits for chen's review.
    const chen = (await back.system.store.people.byLogin("chen"))!;
    expect(await back.system.sites.pendingFieldPunches(chen)).toEqual([expect.objectContaining({ login: "wang", atMs: Date.parse(MADE), arrivedLate: true })]);

    // Nothing is left to send: another reload sends nothing again.
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByText("Waiting to send").waitFor({ state: "detached" });
    expect(await page.evaluate(() => localStorage.getItem("attendance.offlinePunches"))).toBeNull();
    expect(await recorded()).toHaveLength(1);
    // The browser reports the refused connections while the server was away; nothing else.
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);

  it("keeps a field punch made offline with its remark and photo, and the server records both when it is back", async () => {
    const first = await startWebServer({ distDir, now: MADE });
    servers.push(first);
    const hq = await first.system.sites.addSite(SYSTEM_ACTOR, { name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: [], active: true });
    await first.system.sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule: "siteOrField", sites: [hq.id] });
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 31.2304 + 2500 / ((6_378_137 * Math.PI) / 180), longitude: 121.4737, accuracy: 20 });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(MADE));
    const errors = watchConsole(page);
    await signIn(page, first.url, "li");
    const button = page.getByRole("button", { name: "Check in" });
    await button.click();
    // Online, the server says the punch is outside every site: the card asks for a remark (and a photo).
    const remark = page.getByLabel("Field punch: where and why");
    await remark.waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    await first.close();
    servers.pop();
    await remark.fill("Customer site: Pudong");
    const photo = readFileSync(path.join(REPO, "web/public/icon-192.png"));
    await page.locator('input[type="file"][name="photo"]').setInputFiles({ name: "site.png", mimeType: "image/png", buffer: photo });
    await button.click();
    await page.getByText("No connection: your check-in at 08:57 is kept on this device and will be sent when the connection returns.").waitFor();
    await page.getByText("Waiting to send (1)").waitFor();

    const back = await startWebServer({ distDir, now: BACK, db: first.db, port: first.port });
    servers.push(back);
    await page.reload();
    await page.getByText(/^Sent your check-in made at 08:57: /).waitFor();
    const li = (await back.system.store.people.byLogin("li"))!;
    const [punch] = await back.system.attendance.punches(li, "li", "2026-11-26", "2026-11-26");
    expect(punch).toMatchObject({ atMs: Date.parse(MADE), kind: "in", place: { kind: "field", remark: "Customer site: Pudong", hasPhoto: true } });
    expect(await page.evaluate(() => localStorage.getItem("attendance.offlinePunches"))).toBeNull();
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);

  it("gives a typed request back to the box when the server cannot be reached, and sends it again on Try again", async () => {
    const first = await startWebServer({ distDir, now: BACK });
    servers.push(first);
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, first.url, "wang");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await first.close();
    servers.pop();

    const box = page.getByLabel("Type a request");
    await box.fill("how many days of annual leave do I have left");
    await page.keyboard.press("Enter");
    await page.getByText("No connection: your request was not sent. It is back in the box; send it again once you are online.").waitFor();
    await expect(box.inputValue()).resolves.toBe("how many days of annual leave do I have left");
    await expect(page.locator(".line.user").count()).resolves.toBe(0);
    await screenshot(page, "offline-typed-390");

    const back = await startWebServer({ distDir, now: BACK, db: first.db, port: first.port });
    servers.push(back);
    await page.getByRole("button", { name: "Try again" }).click();
    const reply = page.locator(".line.assistant:not(.pending) .text").last();
    await reply.waitFor();
    await expect(reply.textContent()).resolves.toMatch(/annual leave/i);
    await expect(page.locator(".line.user .text").textContent()).resolves.toBe("how many days of annual leave do I have left");
    await expect(box.inputValue()).resolves.toBe("");
    await expect(page.getByRole("button", { name: "Try again" }).count()).resolves.toBe(0);
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);
});
