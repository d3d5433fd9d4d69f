import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "./harness.ts";
import { SLACK, slackBlockAction, slackCommand, slackEvent, slackSigned, startFakeSlack, type FakeSlack } from "./fakes/slack.ts";

let fake: FakeSlack;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeSlack();
  const s = await chatServer({ SLACK_SIGNING_SECRET: SLACK.signingSecret, SLACK_BOT_TOKEN: SLACK.botToken, SLACK_API_BASE: `${fake.url}/api` });
  let n = 0;
  const say = (user: string, text: string, eventId = `Ev${++n}`) => {
    const body = slackEvent({ eventId, user, channel: `D-${user}`, text });
    return s.callback("/im/slack/events", { headers: slackSigned(body, Date.now()), body });
  };
  return { ...s, say };
}

describe("Slack bot, end to end against a local Slack", () => {
  it("checks wang in from '打卡' once, however often Slack retries the event, and answers in the DM", async () => {
    const s = await setup();
    expect((await s.say("wang", "打卡", "Ev-same")).status).toBe(200);
    await s.say("wang", "打卡", "Ev-same");
    const reply = await eventually(() => fake.posts.find((p) => p.channel === "D-wang"), "the reply");
    expect(reply.text).toContain("已记为上班卡，时间8点55分");
    await s.handled();
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  });

  it("answers '帮我查一下这个月的出勤情况' with the month, and /attendance through its response_url", async () => {
    const s = await setup();
    await s.say("wang", "帮我查一下这个月的出勤情况");
    expect((await eventually(() => fake.posts.find((p) => p.channel === "D-wang"), "the month")).text).toMatch(/本月应出勤\d+天/);
    const body = slackCommand({ user: "chen", channel: "C-team", text: "check me in", responseUrl: fake.responseUrl(), triggerId: "t1" });
    expect((await s.callback("/im/slack/commands", { headers: slackSigned(body, Date.now()), body })).status).toBe(200);
    expect((await eventually(() => fake.responses[0], "the command's answer")).body.text).toMatch(/^Checked in at 8:55/);
  });

  it("sends chen the leave wang filed as a card, and chen's click approves it and updates the card", async () => {
    const s = await setup();
    await s.say("wang", "明天请一天年假");
    const card = await eventually(() => fake.posts.find((p) => p.channel === "D-chen" && p.blocks), "chen's card");
    const [leave] = await s.leaves("wang");
    const button = card.blocks!.find((b) => b.type === "actions").elements[0];
    expect(button.value).toBe(`approve:leave:${leave.id}`);
    const body = slackBlockAction({ user: "chen", channel: "D-chen", messageTs: card.ts, actionId: button.action_id, value: button.value, responseUrl: fake.responseUrl() });
    expect((await s.callback("/im/slack/interactivity", { headers: slackSigned(body, Date.now()), body })).status).toBe(200);
    const updated = await eventually(() => fake.posts.find((p) => p.method === "chat.update" && p.ts === card.ts), "the updated card");
    expect(updated.text).toMatch(/已批准 · 陈静 \d{1,2}:\d{2}/);
    expect((await s.leaves("wang"))[0].status).toBe("approved");
    expect((await eventually(() => fake.posts.find((p) => p.channel === "D-wang" && p.text.includes("批准")), "wang's notice")).text).toBe("你11月27日的年假已由陈静批准。");
  });
});

describe("Slack bot and people it does not know", () => {
  it("tells an unknown sender how to link, in both languages, and records nothing", async () => {
    const s = await setup();
    await s.say("U0STRANGER", "check me in");
    const answer = await eventually(() => fake.posts.find((p) => p.channel === "D-U0STRANGER"), "the answer");
    expect(answer.text).toContain("绑定 123456");
    expect(answer.text).toContain("link 123456");
    await s.handled();
    expect(s.allPunches()).toBe(0);
  });

  it("links the account with 'link 123456' from the web app, answers in English, and the code works once", async () => {
    const s = await setup();
    const res = await s.api("zhao", "/im/link-code", { method: "POST" });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    await s.say("U0ZHAO", `link ${code}`);
    const linked = await eventually(() => fake.posts.find((p) => p.channel === "D-U0ZHAO"), "the link answer");
    expect(linked.text).toMatch(/^Linked: this chat account is now .+\. Try "check me in"\.$/);
    await s.say("U0ZHAO", "check me in");
    const punched = await eventually(() => fake.posts.filter((p) => p.channel === "D-U0ZHAO")[1], "the punch reply");
    expect(punched.text).toMatch(/^Checked in at 8:55/);
    expect(await s.punches("zhao")).toEqual([{ method: "im" }]);

    await s.say("U0OTHER", `link ${code}`);
    const refused = await eventually(() => fake.posts.find((p) => p.channel === "D-U0OTHER"), "the refusal");
    expect(refused.text).toBe('That code is not valid or has expired. Get a new one under "Link chat account" in the web app.');
    await s.say("U0OTHER", "check me in");
    await eventually(() => fake.posts.filter((p) => p.channel === "D-U0OTHER")[1], "the second answer");
    expect(s.allPunches()).toBe(1);
  });
});
