import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "./harness.ts";
import { startFakeWecom, wecomEnv, wecomCallback, wecomCardEventXml, wecomTextXml, type FakeWecom } from "./fakes/wecom.ts";

let fake: FakeWecom;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeWecom({ users: ["wang", "chen", "lin", "zhao"] });
  const s = await chatServer(wecomEnv(fake.url));
  let n = 0;
  const say = async (from: string, text: string, msgId = `m${++n}`) => {
    const { query, body } = wecomCallback(wecomTextXml(from, text, msgId, Date.now()), Date.now());
    return s.callback("/im/wecom/callback", { query, body });
  };
  const click = (from: string, key: string, taskId: string) => {
    const code = fake.issueResponseCode();
    const { query, body } = wecomCallback(wecomCardEventXml(from, key, taskId, code, Date.now()), Date.now());
    return { code, response: s.callback("/im/wecom/callback", { query, body }) };
  };
  const sentTo = (user: string) => fake.sent.filter((m) => m.touser === user);
  return { ...s, say, click, sentTo };
}

describe("WeCom bot, end to end against a local WeCom", () => {
  it("checks wang in from '打卡': the punch is recorded with method im and the reply reaches WeCom", async () => {
    const s = await setup();
    const res = await s.say("wang", "打卡");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const reply = await eventually(() => s.sentTo("wang")[0], "the reply to wang");
    expect(reply.text.content).toContain("已记为上班卡，时间8点55分");
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  });

  it("punches once when WeCom delivers the same message twice", async () => {
    const s = await setup();
    await s.say("wang", "打卡", "same-id");
    await s.say("wang", "打卡", "same-id");
    await s.handled();
    await eventually(() => s.sentTo("wang")[0], "the reply");
    expect(await s.punches("wang")).toHaveLength(1);
    await s.server.im.worker.tick();
    expect(s.sentTo("wang")).toHaveLength(1);
  });

  it("answers '帮我查一下这个月的出勤情况' with the month", async () => {
    const s = await setup();
    await s.say("wang", "帮我查一下这个月的出勤情况");
    const reply = await eventually(() => s.sentTo("wang")[0], "the month");
    expect(reply.text.content).toMatch(/本月应出勤\d+天，已出勤\d+天/);
  });

  it("carries a leave filed in chat to chen as a card; a stranger's click changes nothing, chen's approves it", async () => {
    const s = await setup();
    await s.say("wang", "明天请一天年假");
    await eventually(() => s.sentTo("wang")[0], "the filing reply");
    const [leave] = await s.leaves("wang");
    expect(leave).toMatchObject({ status: "pending", type: "annual" });
    const card = (await eventually(() => s.sentTo("chen").find((m) => m.msgtype === "template_card"), "chen's card")).template_card;
    expect(card.horizontal_content_list.map((r: any) => r.keyname)).toEqual(["类型", "日期", "天数", "批后余额"]);
    const approve = card.button_list.find((b: any) => b.key.startsWith("approve:"));
    expect(approve.key).toBe(`approve:leave:${leave.id}`);

    const byLin = s.click("lin", approve.key, card.task_id);
    expect((await byLin.response).status).toBe(200);
    const linAnswer = await eventually(() => fake.updates.find((u) => u.response_code === byLin.code), "the answer to lin");
    expect(linAnswer).toMatchObject({ userids: ["lin"], button: { replace_name: "只有陈静可以审批这条申请，未做任何更改。" } });
    expect((await s.leaves("wang"))[0].status).toBe("pending");

    const byChen = s.click("chen", approve.key, card.task_id);
    await byChen.response;
    const decided = await eventually(() => fake.updates.find((u) => u.response_code === byChen.code), "the decided card");
    expect(decided.button.replace_name).toMatch(/^已批准 · 陈静 \d{1,2}:\d{2}$/);
    expect(decided.userids).toBeUndefined();
    expect((await s.leaves("wang"))[0].status).toBe("approved");
    const notice = await eventually(() => s.sentTo("wang").find((m) => m.text?.content.includes("批准")), "wang's notice");
    expect(notice.text.content).toBe("你11月27日的年假已由陈静批准。");

    const again = s.click("chen", approve.key, card.task_id);
    await again.response;
    const late = await eventually(() => fake.updates.find((u) => u.response_code === again.code), "the answer to a second click");
    expect(late.button.replace_name).toBe("这条申请已批准，未做任何更改。");
  });

  it("tells an unknown sender how to link, in both languages, and does nothing else", async () => {
    const s = await setup();
    fake.users.add("stranger");
    await s.say("stranger", "打卡");
    const reply = await eventually(() => s.sentTo("stranger")[0], "the answer");
    expect(reply.text.content).toContain("绑定 123456");
    expect(reply.text.content).toContain("link 123456");
    await s.handled();
    expect(await s.punches("wang")).toEqual([]);
  });

  it("links a chat account with the 6-digit code from the web app, once", async () => {
    const s = await setup();
    fake.users.add("wx-zhao");
    const res = await s.api("zhao", "/im/link-code", { method: "POST" });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    expect(code).toMatch(/^\d{6}$/);
    await s.say("wx-zhao", `绑定 ${code}`);
    await eventually(() => s.sentTo("wx-zhao")[0], "the link answer");
    expect(s.sentTo("wx-zhao")[0].text.content).toBe("绑定成功：这个聊天账号现在是赵敏。试试说「打卡」。");
    await s.say("wx-zhao", "打卡");
    await eventually(() => s.sentTo("wx-zhao")[1], "the punch reply");
    expect(await s.punches("zhao")).toEqual([{ method: "im" }]);
    fake.users.add("wx-other");
    await s.say("wx-other", `绑定 ${code}`);
    const refused = await eventually(() => s.sentTo("wx-other")[0], "the refusal");
    expect(refused.text.content).toBe("这个绑定码无效或已过期。请在考勤网页「绑定聊天账号」重新获取。");
  });

  it("refuses a forged callback with 401 and writes nothing", async () => {
    const s = await setup();
    const { query, body } = wecomCallback(wecomTextXml("wang", "打卡", "forged", Date.now()), Date.now());
    query.set("msg_signature", "0".repeat(40));
    const res = await s.callback("/im/wecom/callback", { query, body });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("IM_SIGNATURE_INVALID");
    await s.handled();
    expect(await s.punches("wang")).toEqual([]);
  });
});
