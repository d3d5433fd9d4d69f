/**
 * Places on the page (issue 15), in Chromium with a granted fake geolocation: inside the fence
 * the check-in names the site; 2.5 km away under siteOrField the card asks for a remark and then
 * records a field punch; under `site` it words the refusal with the distance. The page asks the
 * device only when the person's rule needs it, says so clearly when the browser refuses, and no
 * step leaves a console error (an expected refusal is an answer, not a failed request).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, removeTempDirs, screenshot, signIn, startWebServer, watchConsole, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

/** Thursday 15 October 2026, 08:50 in Shanghai: before the shift, so a punch is a check-in. */
const NOW = "2026-10-15T08:50:00+08:00";
const TODAY = "2026-10-15";
/** Headquarters, WGS-84 (People's Square, Shanghai), and a point `metres` due north of it. */
const HQ = { latitude: 31.2304, longitude: 121.4737 };
const northOfHq = (metres: number) => ({ latitude: HQ.latitude + metres / ((6_378_137 * Math.PI) / 180), longitude: HQ.longitude, accuracy: 20 });

describe.skipIf(!!browserMissing)("where a punch is made, on the page", () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: NOW });
    const { sites } = server.system;
    const hq = await sites.addSite(SYSTEM_ACTOR, { name: "总部", ...HQ, radiusM: 300, networks: [], active: true });
    await sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule: "siteOrField", sites: [hq.id] });
    await sites.setDepartmentLocation(SYSTEM_ACTOR, "SALES", { rule: "site", sites: [hq.id] });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  /** A phone-sized page whose device is at `at` (location granted), or refuses its location (`denied`). */
  async function newPage(locale: string, at: { latitude: number; longitude: number; accuracy: number } | "denied"): Promise<Page> {
    context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    if (at !== "denied") {
      await context.grantPermissions(["geolocation"]);
      await context.setGeolocation(at);
    }
    const page = await context.newPage();
    // Counts the page's requests for the device's location.
    await page.addInitScript(() => {
      const w = window as unknown as { locationAsked: number };
      w.locationAsked = 0;
      const geo = navigator.geolocation;
      const ask = geo.getCurrentPosition.bind(geo);
      geo.getCurrentPosition = (ok, fail, options) => {
        w.locationAsked++;
        ask(ok, fail, options);
      };
    });
    errors = watchConsole(page);
    return page;
  }
  const locationAsked = (page: Page) => page.evaluate(() => (window as unknown as { locationAsked: number }).locationAsked);

  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(errors, "console errors on the page").toEqual([]);
  });

  async function punchPage(page: Page, login: string): Promise<void> {
    await signIn(page, server.url, login);
    await page.goto(`${server.url}/attendance`);
    await page.locator("button.punch-button").waitFor();
  }
  const punchesOf = async (login: string) => (await server.system.attendance.day(SYSTEM_ACTOR, login, TODAY)).punches;
  const storedPunch = async (login: string) => {
    const person = (await server.system.store.people.byLogin(login))!;
    const last = await server.system.store.punches.lastRecorded(person.id);
    return last && { kind: last.place.kind, site: last.place.site, remark: last.place.remark, review: last.place.review, method: last.method };
  };

  it("inside the fence, the check-in says 在公司（总部）打卡 and is recorded on the site", async () => {
    const page = await newPage("zh-CN", northOfHq(100));
    await punchPage(page, "wang");
    await page.getByRole("button", { name: "上班打卡" }).click();
    await page.locator(".today .message.ok", { hasText: "在公司（总部）打卡" }).waitFor();
    expect(await storedPunch("wang")).toEqual({ kind: "site", site: "总部", remark: null, review: null, method: "web" });
    expect(await locationAsked(page)).toBe(1);
    await screenshot(page, "places-1-in-fence-zh");
  });

  it("2.5 km away under siteOrField, asks for a remark (writing nothing), then records a field punch", async () => {
    const page = await newPage("zh-CN", northOfHq(2500));
    await punchPage(page, "chen");
    await page.getByRole("button", { name: "上班打卡" }).click();
    await page.locator(".today").getByRole("alert").filter({ hasText: "你距离公司（总部）2.5公里，不在打卡范围内，将记为外勤打卡" }).waitFor();
    const remark = page.getByLabel("外勤打卡：在哪里、为什么");
    await remark.waitFor();
    expect(await punchesOf("chen")).toEqual([]);
    await screenshot(page, "places-2-remark-asked-zh");
    await remark.fill("客户现场：浦东软件园");
    await page.getByRole("button", { name: "上班打卡" }).click();
    await page.locator(".today .message.ok", { hasText: "已记为外勤打卡" }).waitFor();
    expect(await storedPunch("chen")).toEqual({ kind: "field", site: "总部", remark: "客户现场：浦东软件园", review: "pending", method: "web" });
    await expect(remark.count()).resolves.toBe(0);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBe(clientWidth);
  });

  it("under rule site, 1.2 km away, words the refusal with the distance in English and records nothing", async () => {
    const page = await newPage("en-US", northOfHq(1200));
    await punchPage(page, "lin");
    await page.getByRole("button", { name: "Check in" }).click();
    await page.locator(".today").getByRole("alert").filter({ hasText: "You are 1.2 km from the office (总部), outside the punch area." }).waitFor();
    expect(await punchesOf("lin")).toEqual([]);
    await expect(page.getByLabel("Field punch: where and why").count()).resolves.toBe(0);
    await screenshot(page, "places-3-refused-en");
  });

  it("says clearly when the browser refuses the location a rule needs, and records nothing", async () => {
    const page = await newPage("en-US", "denied");
    await punchPage(page, "li");
    await page.getByRole("button", { name: "Check in" }).click();
    await page.locator(".today").getByRole("alert").filter({ hasText: "Punching needs your location, and this browser is not allowed to share it." }).waitFor();
    expect(await punchesOf("li")).toEqual([]);
  });

  it("does not ask for the location of someone whose rule does not need it", async () => {
    const page = await newPage("en-US", northOfHq(100));
    await punchPage(page, "zhao");
    await page.getByRole("button", { name: "Check in" }).click();
    await page.locator(".today .message.ok", { hasText: "Recorded as a check-in at 8:50" }).waitFor();
    expect(await locationAsked(page)).toBe(0);
    expect(await storedPunch("zhao")).toMatchObject({ kind: "none" });
  });

  /** Types a request in the assistant's text box and returns the reply once it has finished. */
  async function typed(page: Page, login: string, text: string): Promise<string> {
    await signIn(page, server.url, login);
    await page.getByLabel(/^(Type a request|输入请求)$/).fill(text);
    await page.keyboard.press("Enter");
    const reply = page.locator(".line.assistant:not(.pending) .text").last();
    await reply.waitFor();
    return (await reply.textContent()) ?? "";
  }

  it("a typed 'check me in' carries the device's location: on the site inside the fence (zh)", async () => {
    const page = await newPage("zh-CN", northOfHq(100));
    expect(await typed(page, "li", "帮我打上班卡")).toContain("在公司（总部）打卡");
    expect(await storedPunch("li")).toMatchObject({ kind: "site", site: "总部", method: "web" });
    expect(await locationAsked(page)).toBe(1);
  });

  it("a typed 'check me in' 1.2 km away under rule site is refused with the distance, and records nothing", async () => {
    const page = await newPage("en-US", northOfHq(1200));
    expect(await typed(page, "gao", "check me in")).toContain("You are 1.2 km from the office (总部), outside the punch area.");
    expect(await punchesOf("gao")).toEqual([]);
  });

  it("a typed 'check me in' from a site's office network is on that site with no location (the client's address)", async () => {
    const lab = await server.system.sites.addSite(SYSTEM_ACTOR, { name: "Lab", latitude: 31.1, longitude: 121.3, radiusM: 300, networks: ["127.0.0.1/32"], active: true });
    await server.system.sites.setEmployeeSites(SYSTEM_ACTOR, "he", [lab.id]);
    const page = await newPage("en-US", "denied");
    expect(await typed(page, "he", "check me in")).toContain("Punched on the office network (Lab).");
    expect(await storedPunch("he")).toMatchObject({ kind: "network", site: "Lab" });
  });
});
