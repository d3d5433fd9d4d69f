/**
 * Rules v2 on the page, at a phone's size: the today card's smart punch (keyboard only) shows
 * what the server recorded and the manager's team view agrees; a calendar day's detail files a
 * correction and words a refusal from its code in Chinese; the approvals queue, keyboard only.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { browserMissing, buildWeb, launchChromium, phonePages, removeTempDirs, screenshot, signIn, startWebServer, type WebServer } from "./harness.ts";

if (browserMissing) console.warn(browserMissing);

/** Thursday 15 October 2026, 13:40 in Shanghai: past 13:30, and zhang (on chen's team) has not punched. */
const NOW = "2026-10-15T13:40:00+08:00";
const TODAY = "2026-10-15";

describe.skipIf(!!browserMissing)("rules v2 on the page", () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer({ distDir: await buildWeb(), now: NOW });
    const wang = (await server.system.store.people.byLogin("wang"))!;
    await server.system.overtime.request(wang, { date: "2026-10-13", start: "18:30", end: "20:30", compensation: "leave", reason: "release" });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTempDirs();
  });

  const pages = phonePages(() => browser);
  const newPage = pages.open;

  /** Presses Tab until `selector` has the focus (at most 40 times); fails if it never does. */
  async function tabTo(page: Page, selector: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it("a punch after 13:30 with no punch before shows the kind and lateness the server recorded, and the team view agrees", async () => {
    const page = await newPage("en-US");
    await signIn(page, server.url, "zhang");
    await page.goto(`${server.url}/attendance`);
    const button = page.locator("button.punch-button");
    await expect(button.textContent()).resolves.toBe("Check in");
    await tabTo(page, "button.punch-button");
    const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/punches"), page.keyboard.press("Enter")]);
    const recorded = await response.json();
    // The page shows the server's own sentence, and the day as the server now judges it.
    await page.locator(".today .message.ok").filter({ hasText: recorded.sentence.en }).waitFor();
    const day = await server.system.attendance.day(SYSTEM_ACTOR, "zhang", TODAY);
    expect(recorded.kind).toBe("in");
    expect(day.punches.map((p) => p.kind)).toEqual(["in"]);
    expect(day.lateByMinutes).toBe(13 * 60 + 40 - 9 * 60);
    const standing = day.absentLate ? `${day.lateByMinutes} min late: half a day absent` : `Late ${day.lateMinutes} min`;
    await page.locator(".today .badge", { hasText: standing }).waitFor();
    await expect(page.locator(".today ul.punches li").textContent()).resolves.toMatch(/^In 13:40/);
    await expect(button.textContent()).resolves.toBe("Check out");
    await screenshot(page, "rules-1-punch-after-1330");
    await pages.close();

    const manager = await newPage("en-US");
    await signIn(manager, server.url, "chen");
    await manager.goto(`${server.url}/team`);
    const row = manager.locator('tr[data-login="zhang"]');
    await row.waitFor();
    const member = (await server.system.attendance.teamDay((await server.system.store.people.byLogin("chen"))!, TODAY)).find((m) => m.login === "zhang")!;
    await expect(row.getAttribute("data-status")).resolves.toBe(member.status);
    await expect(row.locator("td").nth(2).textContent()).resolves.toContain("13:40");
    await expect(row.locator("td").nth(3).textContent()).resolves.toContain(member.lateMinutes > 0 ? String(member.lateMinutes) : "—");
    await screenshot(manager, "rules-2-team-agrees");
  });

  it("opens a calendar day, asks for a correction, and words a refusal from its code in Chinese", async () => {
    const page = await newPage("zh-CN");
    await signIn(page, server.url, "wang");
    await page.goto(`${server.url}/attendance?month=2026-10`);
    await page.locator('td.day[data-date="2026-10-14"] button.day-open').click();
    const detail = page.locator('.day-detail[data-date="2026-10-14"]');
    await detail.getByRole("heading", { level: 3, name: "申请补卡" }).waitFor();
    const form = detail.locator("form", { hasText: "申请补卡" });
    await form.getByLabel("打卡类型").selectOption("in");
    await form.getByLabel("实际时间").fill("09:00");
    await form.getByLabel("事由（可选）").fill("忘了打卡");
    await form.getByRole("button", { name: "提交补卡申请" }).click();
    await detail.getByText("已申请补09:00的上班卡，等待审批。").waitFor();
    await detail.locator('li[data-kind="correction"]', { hasText: "待审批" }).waitFor();
    const filed = await server.system.corrections.list(SYSTEM_ACTOR, "wang");
    expect(filed.map((c) => [c.date, c.kind, c.time, c.status])).toEqual([["2026-10-14", "in", "09:00", "pending"]]);
    // The same again: refused with CORRECTION_DUPLICATE, said in Chinese, and the time stays typed.
    await form.getByLabel("实际时间").fill("09:00");
    await form.getByRole("button", { name: "提交补卡申请" }).click();
    await form.getByRole("alert").filter({ hasText: "这次打卡的补卡申请已经在等待审批。" }).waitFor();
    await expect(form.getByLabel("实际时间").inputValue()).resolves.toBe("09:00");
    await screenshot(page, "rules-3-day-detail-zh");
    // The refused request is a failed request in the console; nothing else is.
    pages.allow(/status of 409/);
  });

  it("the approvals queue shows leave, corrections and overtime, and works from the keyboard", async () => {
    const wang = (await server.system.store.people.byLogin("wang"))!;
    await server.system.leave.request(wang, "wang", { type: "annual", startDate: "2026-10-20", endDate: "2026-10-21", reason: "family" });
    const page = await newPage("en-US");
    await signIn(page, server.url, "chen");
    await page.goto(`${server.url}/approvals`);
    await page.locator('li.approval[data-kind="leave"]').waitFor();
    await expect(page.locator("li.approval").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")).sort())).resolves.toEqual(["correction", "leave", "overtime"]);
    await screenshot(page, "rules-4-approvals");
    // Reject the overtime with a reason, keyboard only.
    await tabTo(page, 'li.approval[data-kind="overtime"] input');
    await page.keyboard.type("not agreed beforehand");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Reject");
    await page.keyboard.press("Enter");
    await page.getByText(/^Rejected Wang Xiaoming: Overtime 18:30–20:30/).waitFor();
    const [overtime] = await server.system.overtime.list(SYSTEM_ACTOR, "wang");
    expect([overtime.status, overtime.comment]).toEqual(["rejected", "not agreed beforehand"]);
    // Approve the correction.
    await tabTo(page, 'li.approval[data-kind="correction"] button.primary');
    await page.keyboard.press("Enter");
    await page.getByText(/^Approved Wang Xiaoming: In punch at 09:00/).waitFor();
    const [correction] = await server.system.corrections.list(SYSTEM_ACTOR, "wang");
    expect(correction.status).toBe("approved");
  });
});
