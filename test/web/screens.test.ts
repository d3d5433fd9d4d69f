/**
 * Every screen, as the person who uses it, at a phone's 390x844 and a desktop's 1280x900, in
 * Chinese and English: no sideways scroll, no serious or critical axe-core violation, no console
 * error; a screenshot of each into test-artifacts/web/screens/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, check, launchChromium, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type Finding, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T09:20:00+08:00";

/** Who opens which screens (each screen once, by the role it is for); `ready` is on screen when it has loaded. */
const VISITS: { login: string; screens: { path: string; ready: string }[] }[] = [
  {
    login: "wang",
    screens: [
      { path: "/", ready: "button.talk" },
      { path: "/attendance", ready: "td.day" },
      { path: "/attendance?day=2026-10-14", ready: ".day-detail form" },
      { path: "/leave", ready: "table.data" },
      { path: "/account", ready: "form" },
      { path: "/notifications", ready: "form.notification-settings" },
    ],
  },
  {
    login: "chen",
    screens: [
      { path: "/approvals", ready: "li.approval" },
      { path: "/team", ready: "table.team" },
      { path: "/team/month?login=wang&name=Wang%20Xiaoming", ready: "td.day" },
    ],
  },
  {
    login: "zhao",
    screens: [
      { path: "/hr", ready: "svg.chart rect.bar" },
      { path: "/policy", ready: ".policy-field" },
      { path: "/people", ready: "tr.person" },
      { path: "/sites", ready: "table.sites tr[data-site]" },
      { path: "/departments", ready: "li.dept" },
      { path: "/people/import", ready: "input[type=file]" },
      { path: "/audit", ready: "table.audit" },
      { path: "/reminders", ready: "table.reminder-rules" },
      { path: "/shifts", ready: "table.shifts" },
    ],
  },
  {
    login: "admin",
    screens: [{ path: "/channels", ready: ".channels-screen .card" }],
  },
];
const SIZES = [
  { name: "phone", width: 390, height: 844, dark: false },
  { name: "desktop", width: 1280, height: 900, dark: false },
  { name: "phone-dark", width: 390, height: 844, dark: true },
];

describe.skipIf(!!browserMissing)("every screen at phone and desktop sizes, in both languages", () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: NOW });
    // Something in every list: a pending leave for chen, a few punches today.
    const wang = (await server.system.store.people.byLogin("wang"))!;
    await server.system.leave.request(wang, "wang", { type: "annual", startDate: "2026-10-20", endDate: "2026-10-21", reason: "family" });
    await server.system.attendance.correctPunches(SYSTEM_ACTOR, "li", [Date.parse("2026-10-15T08:50:00+08:00")], "screens test");
    await server.system.sites.addSite(SYSTEM_ACTOR, { name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: ["203.0.113.0/24"], active: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  it("sign-in, assistant, attendance and a day, leave, account, approvals, team and a report's month, HR, policy and sites; and in dark mode: no overflow, no serious axe finding, no console error", async () => {
    const findings: Finding[] = [];
    for (const size of SIZES) {
      // Dark mode once, in Chinese, for its contrast.
      for (const lang of size.dark ? (["zh"] as const) : (["zh", "en"] as const)) {
        const context = await browser.newContext({ locale: lang === "zh" ? "zh-CN" : "en-US", viewport: { width: size.width, height: size.height }, colorScheme: size.dark ? "dark" : "light" });
        const page = await context.newPage();
        const errors = watchConsole(page);
        await page.goto(`${server.url}/sign-in`);
        await page.locator("form select").waitFor();
        findings.push(...(await check(page, `sign-in ${lang} ${size.name}`)));
        await screenshot(page, `screens/sign-in-${lang}-${size.name}`);
        for (const visit of VISITS) {
          await signIn(page, server.url, visit.login);
          for (const screen of visit.screens) {
            await page.goto(server.url + screen.path);
            await page.locator(screen.ready).first().waitFor();
            const where = `${screen.path} as ${visit.login}, ${lang}, ${size.name}`;
            const found = await check(page, where);
            // Said as they are found, so a run cut short still tells what it saw.
            for (const f of found) console.warn(`screens: ${f.where}: ${f.what}`);
            findings.push(...found);
            await screenshot(page, `screens/${screen.path.slice(1).replace(/\W+/g, "-") || "assistant"}-${lang}-${size.name}`);
          }
          await page.context().clearCookies();
        }
        await context.close();
        for (const e of errors) findings.push({ where: `${lang} ${size.name}`, what: e });
      }
    }
    expect(findings).toEqual([]);
  }, 1_800_000);
});
