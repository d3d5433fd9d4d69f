import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "../im/harness.ts";
import { FEISHU, feishuCardAction, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "../im/fakes/feishu.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";

let fake: FakeFeishu;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeFeishu();
  return chatServer({
    FEISHU_APP_ID: FEISHU.appId,
    FEISHU_APP_SECRET: FEISHU.appSecret,
    FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
    FEISHU_VERIFICATION_TOKEN: FEISHU.verificationToken,
    FEISHU_API_BASE: fake.url,
  });
}

const textTo = (userId: string) => fake.messages.filter((m) => m.receive_id === userId && m.msg_type === "text").map((m) => m.content.text as string);

describe("reminders and approvals through chat (a local Feishu)", () => {
  it("sends the 09:10 reminder to each linked person in their language, once however often the minute ticks", async () => {
    const s = await setup();
    s.clock.set("2026-11-26T09:10:00+08:00");
    const first = await s.server.notify.scheduler.tick();
    expect(first.find((p) => p.employee.login === "wang")?.channel).toBe("feishu");
    await s.server.notify.scheduler.tick();
    await eventually(() => textTo("wang").length > 0 && textTo("emily").length > 0, "the reminders");
    expect(textTo("wang")).toEqual(["嘿，王小明，今天还没打卡哦，是不是忘了？回复'打卡'即可。"]);
    expect(textTo("emily")[0]).toMatch(/^Hi Emily .*, you have not checked in today/);
    // The in-app list has it too, unread until seen.
    const list = await (await s.api("wang", "/notifications")).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ rule: "notCheckedIn", read: false });
    const read = await s.api("wang", "/notifications/read", { method: "POST", body: { ids: [list.items[0].id] } });
    expect(await read.json()).toEqual({ unread: 0 });
  }, 120_000);

  it("carries a correction and an overtime request to chen as cards; clicks decide them and wang is told", async () => {
    const s = await setup();
    const filed = await s.api("wang", "/corrections/requests", { method: "POST", body: { date: "2026-11-25", kind: "out", time: "18:05", reason: "忘了打卡" } });
    expect(filed.status).toBe(201);
    const correction = await filed.json();
    const ot = await (await s.api("wang", "/overtime/requests", { method: "POST", body: { date: "2026-11-25", start: "19:00", end: "21:00" } })).json();

    const cardFor = (kind: string, id: number) =>
      fake.messages.find((m) => m.receive_id === "chen" && m.msg_type === "interactive" && JSON.stringify(m.content).includes(`approve:${kind}:${id}`));
    const cCard = await eventually(() => cardFor("correction", correction.id), "the correction card");
    expect(JSON.stringify(cCard.content)).toContain("王小明的补卡申请");
    expect(JSON.stringify(cCard.content)).toContain("下班卡 18:05");
    const oCard = await eventually(() => cardFor("overtime", ot.id), "the overtime card");
    expect(JSON.stringify(oCard.content)).toContain("王小明的加班申请");

    const click = (eventId: string, messageId: string, action: string) =>
      s.callback("/im/feishu/card", feishuPush(feishuCardAction({ eventId, userId: "chen", messageId, chatId: "oc_chen", action }), Date.now()));
    expect((await click("c1", cCard.message_id, `approve:correction:${correction.id}`)).status).toBe(200);
    expect((await click("c2", oCard.message_id, `reject:overtime:${ot.id}`)).status).toBe(200);
    await eventually(() => textTo("wang").length >= 2, "wang's two notices");
    expect(textTo("wang").sort()).toEqual(["你11月25日19:00到21:00的加班已被陈静拒绝。", "你11月25日的下班卡补卡（18:05）已由陈静批准。"]);
    const mine = await (await s.api("wang", "/corrections/requests")).json();
    expect(mine.find((c: { id: number }) => c.id === correction.id).status).toBe("approved");
    // A second click on the decided card changes nothing and tells chen so on the card.
    await click("c3", cCard.message_id, `reject:correction:${correction.id}`);
    const noted = () => [...fake.patches, ...fake.messages.filter((m) => m.receive_id === "chen")].some((p) => JSON.stringify(p.content).includes("未做任何更改"));
    await eventually(noted, "the note to chen");
    expect((await (await s.api("wang", "/corrections/requests")).json()).find((c: { id: number }) => c.id === correction.id).status).toBe("approved");
  }, 120_000);

  it("offers yesterday's missing punch as '补卡 18:00', and that reply files the correction for chen to approve", async () => {
    const s = await setup();
    // wang checked in on Wednesday and never out.
    await s.server.core.attendance.correctPunches(SYSTEM_ACTOR, "wang", [{ atMs: Date.parse("2026-11-25T08:50:00+08:00"), kind: "in" }]);
    s.clock.set("2026-11-26T09:30:00+08:00");
    const due = await s.server.notify.scheduler.tick();
    expect(due.filter((p) => p.employee.login === "wang").map((p) => p.rule)).toContain("missingPunchYesterday");
    const offer = await eventually(() => textTo("wang").find((t) => t.includes("缺下班卡")), "the missing-punch reminder");
    expect(offer).toBe("王小明，11月25日缺下班卡。回复'补卡 18:00'即可申请。");
    const say = feishuPush(feishuMessageEvent({ eventId: "reply-1", userId: "wang", chatId: "oc_wang", text: "补卡 18:05" }), Date.now());
    expect((await s.callback("/im/feishu/events", say)).status).toBe(200);
    await s.handled();
    const [filed] = await (await s.api("wang", "/corrections/requests")).json();
    expect(filed).toMatchObject({ date: "2026-11-25", kind: "out", time: "18:05", status: "pending" });
    await eventually(() => fake.messages.find((m) => m.receive_id === "chen" && JSON.stringify(m.content).includes(`approve:correction:${filed.id}`)), "chen's card");
  }, 120_000);

  it("offers emily her missing check-out in English, and her reply 'correct 18:05' files the correction for chen", async () => {
    const s = await setup();
    await s.server.core.attendance.correctPunches(SYSTEM_ACTOR, "emily", [{ atMs: Date.parse("2026-11-25T08:52:00+08:00"), kind: "in" }]);
    s.clock.set("2026-11-26T09:30:00+08:00");
    await s.server.notify.scheduler.tick();
    const offer = await eventually(() => textTo("emily").find((t) => t.includes("check-out")), "the missing-punch reminder");
    expect(offer).toBe("Emily Carter, your check-out on November 25 is missing. Reply 'correct 18:00' to ask for a correction.");
    const say = feishuPush(feishuMessageEvent({ eventId: "reply-en-1", userId: "emily", chatId: "oc_emily", text: "correct 18:05" }), Date.now());
    expect((await s.callback("/im/feishu/events", say)).status).toBe(200);
    await s.handled();
    const [filed] = await (await s.api("emily", "/corrections/requests")).json();
    expect(filed).toMatchObject({ date: "2026-11-25", kind: "out", time: "18:05", status: "pending" });
    const reply = await eventually(() => fake.messages.find((m) => m.receive_id === "oc_emily"), "the answer in emily's chat");
    expect(reply.content.text).toMatch(/^Filed a correction: check-out at 18:05 on November 25, waiting for approval\./);
    await eventually(() => fake.messages.find((m) => m.receive_id === "chen" && JSON.stringify(m.content).includes(`approve:correction:${filed.id}`)), "chen's card");
  }, 120_000);
});
