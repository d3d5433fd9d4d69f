import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { buildNotify } from "../../src/notify/index.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, tempDbPath, testClock } from "../helpers.ts";

/** The organisation with its history, a notifier, and HR's delivery log as "login rule occasion outcome reason". */
async function setup(iso: string) {
  const clock = testClock(iso);
  const system = await openSystem({ db: tempDbPath(), clock, seed: "history", passwordHashing: CHEAP_HASHING });
  const notify = buildNotify({ services: system, db: system.store.db, email: false, clock });
  const zhao = (await system.store.people.list()).find((e) => e.login === "zhao")!;
  const log = async () => (await notify.service.deliveries(zhao)).map((r) => `${r.login} ${r.rule} ${r.occasion} ${r.outcome} ${r.reason ?? ""}`.trim());
  return { system, notify, clock, log };
}

describe("the delivery log says why a reminder was not sent", () => {
  it("on a Saturday: each person's check-in reminder is skipped as not a workday, once however often it ticks, and nothing is sent", async () => {
    const s = await setup("2026-12-05T09:10:00+08:00");
    expect(await s.notify.scheduler.tick()).toEqual([]);
    await s.notify.scheduler.tick();
    s.clock.set("2026-12-05T11:00:00+08:00");
    await s.notify.scheduler.tick();
    const log = await s.log();
    expect(log).toContain("wang notCheckedIn 2026-12-05 skipped NOT_WORKDAY");
    expect(log.filter((l) => l.startsWith("wang "))).toEqual(["wang notCheckedIn 2026-12-05 skipped NOT_WORKDAY"]);
    expect(log.every((l) => l.endsWith("skipped NOT_WORKDAY"))).toBe(true);
    expect((await s.notify.repo.notifications((await s.system.store.people.list()).find((e) => e.login === "wang")!.id, 10)).items).toEqual([]);
  }, 120_000);

  it("on a workday: someone who left last week is skipped as not employed, someone on leave as on leave, the rest reminded", async () => {
    const s = await setup("2026-12-02T08:00:00+08:00");
    await s.system.directory.markLeft(SYSTEM_ACTOR, "wang", "2026-11-27");
    await s.system.leave.request(SYSTEM_ACTOR, "emily", { type: "annual", startDate: "2026-12-02", endDate: "2026-12-02", halfDay: null }, { approve: true, overdraw: true });
    s.clock.set("2026-12-02T09:10:00+08:00");
    const sent = await s.notify.scheduler.tick();
    const log = await s.log();
    expect(log).toContain("wang notCheckedIn 2026-12-02 skipped NOT_EMPLOYED");
    expect(log).toContain("emily notCheckedIn 2026-12-02 skipped ON_LEAVE");
    expect(sent.map((p) => p.employee.login)).not.toContain("wang");
    expect(sent.map((p) => p.employee.login)).not.toContain("emily");
    expect(sent.filter((p) => p.rule === "notCheckedIn").length).toBeGreaterThan(0);
  }, 120_000);
});
