import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "../im/harness.ts";
import { FEISHU, startFakeFeishu, type FakeFeishu } from "../im/fakes/feishu.ts";
import { quietHoursEnd } from "../../src/notify/quiet-hours.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";

let fake: FakeFeishu;
afterEach(() => fake?.close());

const feishuEnv = (url: string) => ({
  FEISHU_APP_ID: FEISHU.appId,
  FEISHU_APP_SECRET: FEISHU.appSecret,
  FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
  FEISHU_VERIFICATION_TOKEN: FEISHU.verificationToken,
  FEISHU_API_BASE: url,
});

describe("quiet hours", () => {
  it("end at 08:00 the next morning for an instant before midnight, the same morning after it, and not at all by day", () => {
    expect(quietHoursEnd(DEFAULT_POLICY, Date.parse("2026-11-26T23:00:00+08:00"))).toBe(Date.parse("2026-11-27T08:00:00+08:00"));
    expect(quietHoursEnd(DEFAULT_POLICY, Date.parse("2026-11-27T02:30:00+08:00"))).toBe(Date.parse("2026-11-27T08:00:00+08:00"));
    expect(quietHoursEnd(DEFAULT_POLICY, Date.parse("2026-11-27T08:00:00+08:00"))).toBeUndefined();
    expect(quietHoursEnd(DEFAULT_POLICY, Date.parse("2026-11-26T21:59:00+08:00"))).toBeUndefined();
  });

  it("hold a decision taken at 23:00 until 08:00: wang's chat hears of it in the morning, his in-app list at once", async () => {
    fake = await startFakeFeishu();
    const s = await chatServer(feishuEnv(fake.url), "2026-11-26T15:00:00+08:00", { chatOnClock: true });
    const filed = await (await s.api("wang", "/corrections/requests", { method: "POST", body: { date: "2026-11-25", kind: "out", time: "18:05" } })).json();
    await eventually(() => fake.messages.find((m) => m.receive_id === "chen" && JSON.stringify(m.content).includes(`approve:correction:${filed.id}`)), "chen's card by day");

    s.clock.set("2026-11-26T23:00:00+08:00");
    const approved = await s.api("chen", `/corrections/requests/${filed.id}/approve`, { method: "POST", body: {} });
    expect(approved.status).toBe(200);
    const inApp = await eventually(async () => (await (await s.api("wang", "/notifications")).json()).items.find((n: { rule: string }) => n.rule === "decision"), "the in-app notice");
    expect(inApp.body).toBe("你11月25日的下班卡补卡（18:05）已由陈静批准。");
    await s.server.im.worker.tick();
    expect(fake.messages.filter((m) => m.receive_id === "wang")).toEqual([]);

    s.clock.set("2026-11-27T07:59:00+08:00");
    await s.server.im.worker.tick();
    expect(fake.messages.filter((m) => m.receive_id === "wang")).toEqual([]);

    s.clock.set("2026-11-27T08:00:00+08:00");
    await s.server.im.worker.tick();
    await eventually(() => fake.messages.some((m) => m.receive_id === "wang"), "the notice at 08:00");
    expect(fake.messages.filter((m) => m.receive_id === "wang").map((m) => m.content.text)).toEqual(["你11月25日的下班卡补卡（18:05）已由陈静批准。"]);
  }, 120_000);
});
