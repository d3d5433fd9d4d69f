import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "./harness.ts";
import { feishuCardAction, feishuEnv, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "./fakes/feishu.ts";

let fake: FakeFeishu;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeFeishu();
  const s = await chatServer(feishuEnv(fake.url));
  let n = 0;
  const say = (userId: string, text: string, eventId = `ev${++n}`) =>
    s.callback("/im/feishu/events", feishuPush(feishuMessageEvent({ eventId, userId, chatId: `oc_${userId}`, text }), Date.now()));
  const inChat = (chatId: string) => fake.messages.filter((m) => m.receive_id === chatId);
  return { ...s, say, inChat };
}

describe("Feishu bot, end to end against a local Feishu", () => {
  it("checks wang in from '打卡' once, however often Feishu delivers the event, and answers in the chat", async () => {
    const s = await setup();
    const res = await s.say("wang", "打卡", "ev-same");
    expect(res.status).toBe(200);
    await s.say("wang", "打卡", "ev-same");
    const reply = await eventually(() => s.inChat("oc_wang")[0], "the reply");
    expect(reply.content.text).toContain("已记为上班卡，时间8点55分");
    await s.handled();
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  });

  it("answers '帮我查一下这个月的出勤情况' with the month", async () => {
    const s = await setup();
    await s.say("wang", "帮我查一下这个月的出勤情况");
    expect((await eventually(() => s.inChat("oc_wang")[0], "the month")).content.text).toMatch(/本月应出勤\d+天/);
  });

  it("sends chen the leave wang filed as a card, and chen's click approves it and updates the card for everyone", async () => {
    const s = await setup();
    await s.say("wang", "明天请一天年假");
    const card = await eventually(() => fake.messages.find((m) => m.receive_id === "chen" && m.msg_type === "interactive"), "chen's card");
    const [leave] = await s.leaves("wang");
    const action = card.content.elements.find((e: any) => e.tag === "action").actions[0].value.action;
    expect(action).toBe(`approve:leave:${leave.id}`);
    const res = await s.callback("/im/feishu/card", feishuPush(feishuCardAction({ eventId: "card-1", userId: "chen", messageId: card.message_id, chatId: "oc_chen", action }), Date.now()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const patch = await eventually(() => fake.patches.find((p) => p.messageId === card.message_id), "the updated card");
    expect(JSON.stringify(patch.content)).toMatch(/已批准 · 陈静 \d{1,2}:\d{2}/);
    expect((await s.leaves("wang"))[0].status).toBe("approved");
    const notice = await eventually(() => fake.messages.find((m) => m.receive_id === "wang" && m.msg_type === "text"), "wang's notice");
    expect(notice.content.text).toBe("你11月27日的年假已由陈静批准。");
  });
});

describe("Feishu bot in a group chat", () => {
  it("acts only when it itself is @mentioned (its open_id from bot/v3/info, asked once at start), and answers in the group", async () => {
    const s = await setup();
    // The server asks for the bot's identity as it starts, before any message.
    await eventually(() => fake.botInfoCalls === 1 || undefined, "the bot's open_id fetched at start");
    const inGroup = (text: string, eventId: string, mention: { mentionBot?: boolean; mentionUser?: string }) =>
      s.callback("/im/feishu/events", feishuPush(feishuMessageEvent({ eventId, userId: "wang", chatId: "oc_team", text, group: true, ...mention }), Date.now()));
    expect((await inGroup("打卡", "g1", {})).status).toBe(200);
    // "@陈静 打卡" speaks to a colleague, not to the bot.
    expect((await inGroup("打卡", "g2", { mentionUser: "chen" })).status).toBe(200);
    await s.handled();
    expect(await s.punches("wang")).toEqual([]);
    expect(s.inChat("oc_team")).toEqual([]);

    await inGroup("打卡", "g3", { mentionBot: true });
    const reply = await eventually(() => s.inChat("oc_team")[0], "the answer in the group");
    expect(reply.content.text).toContain("已记为上班卡，时间8点55分");
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
    expect(fake.botInfoCalls).toBe(1);
  });

  it("answers a team question with the asker's own permissions", async () => {
    const s = await setup();
    const ask = (userId: string, eventId: string) =>
      s.callback("/im/feishu/events", feishuPush(feishuMessageEvent({ eventId, userId, chatId: "oc_team", text: "今天谁还没打卡", group: true, mentionBot: true }), Date.now()));
    await ask("chen", "t1");
    const forChen = await eventually(() => s.inChat("oc_team")[0], "chen's answer");
    expect(forChen.content.text).toMatch(/^你的团队\d+人，今天还有\d+人没打卡/);
    await ask("wang", "t2");
    const forWang = await eventually(() => s.inChat("oc_team")[1], "wang's answer");
    expect(forWang.content.text).not.toMatch(/你的团队|没打卡：/);
    expect(forWang.content.text).toMatch(/权限|只能查看自己/);
  });
});
