import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "./harness.ts";
import { DINGTALK, dingtalkEnv, dingtalkPush, dingtalkText, startFakeDingtalk, type FakeDingtalk } from "./fakes/dingtalk.ts";

let fake: FakeDingtalk;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeDingtalk();
  const s = await chatServer(dingtalkEnv(fake.url));
  let n = 0;
  const say = (staffId: string, text: string, msgId = `msg${++n}`) => {
    const expires = Date.now() + 3600_000;
    const message = dingtalkText({ msgId, staffId, text, sessionWebhook: fake.openSession(expires), sessionExpiresAt: expires });
    return s.callback("/im/dingtalk/events", dingtalkPush(message, Date.now()));
  };
  return { ...s, say };
}

describe("DingTalk bot, end to end against a local DingTalk", () => {
  it("checks wang in from '打卡' once, however often DingTalk delivers it, answering through the session webhook", async () => {
    const s = await setup();
    expect((await s.say("wang", "打卡", "msg-same")).status).toBe(200);
    await s.say("wang", "打卡", "msg-same");
    const reply = await eventually(() => fake.sessionReplies[0], "the reply");
    expect(reply.body.text.content).toContain("已记为上班卡，时间8点55分");
    await s.handled();
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  });

  it("answers '帮我查一下这个月的出勤情况' with the month", async () => {
    const s = await setup();
    await s.say("wang", "帮我查一下这个月的出勤情况");
    expect((await eventually(() => fake.sessionReplies[0], "the month")).body.text.content).toMatch(/本月应出勤\d+天/);
  });

  it("sends chen the leave wang filed as an action card whose approve button opens the request, where chen approves it", async () => {
    const s = await setup();
    await s.say("wang", "明天请一天年假");
    const card = await eventually(() => fake.robotMessages.find((m) => m.to === "chen"), "chen's card");
    const [leave] = await s.leaves("wang");
    expect(card.msgKey).toBe("sampleActionCard2");
    const approveUrl = new URL(card.param.actionURL1);
    expect(approveUrl.origin).toBe("https://attendance.example.com");
    expect(approveUrl.searchParams.get("decision")).toBe("approve");
    expect(approveUrl.pathname).toBe("/leave");
    expect(approveUrl.searchParams.get("request")).toBe(String(leave.id));
    // The page the button opens decides through the web API, signed in as chen.
    const res = await s.api("chen", `/leave/${leave.id}/approve`, { method: "POST" });
    expect(res.status).toBe(200);
    expect((await s.leaves("wang"))[0].status).toBe("approved");
  });
});
