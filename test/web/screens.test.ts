/**
 * Every screen, as the person who uses it, at a phone's 390x844 and a desktop's 1280x900, in
 * Chinese and English: no sideways scroll, no serious or critical axe-core violation, no console
 * error; a screenshot of each into test-artifacts/web/screens/.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, removeTempDirs, REPO, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

const NOW = "2026-10-15T09:20:00+08:00";
const AXE = readFileSync(path.join(REPO, "node_modules/axe-core/axe.min.js"), "utf8");

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
    ],
  },
];
const SIZES = [
  { name: "phone", width: 390, height: 844, dark: false },
  { name: "desktop", width: 1280, height: 900, dark: false },
  { name: "phone-dark", width: 390, height: 844, dark: true },
];

interface Finding {
  where: string;
  what: string;
}

async function check(page: Page, where: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  if (scrollWidth !== clientWidth) findings.push({ where, what: `document ${scrollWidth} px wide in a ${clientWidth} px viewport` });
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  for (const v of violations) findings.push({ where, what: v });
  return findings;
}

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
            findings.push(...(await check(page, where)));
            await screenshot(page, `screens/${screen.path.slice(1).replace(/\W+/g, "-") || "assistant"}-${lang}-${size.name}`);
          }
          await page.context().clearCookies();
        }
        await context.close();
        for (const e of errors) findings.push({ where: `${lang} ${size.name}`, what: e });
      }
    }
    expect(findings).toEqual([]);
  }, 900_000);
});
