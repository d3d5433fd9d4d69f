import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "./harness.ts";
import { DINGTALK, dingtalkEnv, dingtalkText, startFakeDingtalk, type FakeDingtalk } from "./fakes/dingtalk.ts";

let fake: FakeDingtalk;
afterEach(() => fake?.close());

async function setup() {
  fake = await startFakeDingtalk();
  const s = await chatServer(dingtalkEnv(fake.url, { DINGTALK_MODE: "stream" }));
  await fake.stream.connection();
  const message = (staffId: string, text: string, msgId: string) => {
    const expires = Date.now() + 3600_000;
    return dingtalkText({ msgId, staffId, text, sessionWebhook: fake.openSession(expires), sessionExpiresAt: expires });
  };
  return { ...s, message };
}

describe("DingTalk stream mode, against a local stream gateway", () => {
  it("connects with the app's credentials, needs no callback URL, and checks wang in once from a pushed '打卡'", async () => {
    const s = await setup();
    expect(fake.stream.opened[0]).toMatchObject({ clientId: DINGTALK.appKey, clientSecret: DINGTALK.appSecret, subscriptions: [{ type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" }] });
    // Stream mode mounts no callback route.
    expect((await s.callback("/im/dingtalk/events", { body: "{}" })).status).toBe(404);
    const message = s.message("wang", "打卡", "msg-stream-1");
    const ack = await fake.stream.push(message, "frame-1");
    expect(ack).toMatchObject({ code: 200, message: "OK", headers: { messageId: "frame-1", contentType: "application/json" } });
    // DingTalk redelivers an unacknowledged or slow message: the same msgId is handled once.
    await fake.stream.push(message, "frame-2");
    const reply = await eventually(() => fake.sessionReplies[0], "the reply");
    expect(reply.body.text.content).toContain("已记为上班卡，时间8点55分");
    await s.handled();
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  });

  it("echoes the gateway's ping and reconnects with a new ticket after a disconnect", async () => {
    const s = await setup();
    const data = JSON.stringify({ opaque: "keep-me" });
    expect(await fake.stream.system("ping", data)).toMatchObject({ code: 200, message: "OK", data });
    await fake.stream.system("disconnect");
    await fake.stream.connection(2);
    expect(fake.stream.opened).toHaveLength(2);
    await fake.stream.push(s.message("wang", "帮我查一下这个月的出勤情况", "msg-after-reconnect"));
    expect((await eventually(() => fake.sessionReplies[0], "the month")).body.text.content).toMatch(/本月应出勤\d+天/);
  });

  it("does not act on a message for another robot", async () => {
    const s = await setup();
    const ack = await fake.stream.push({ ...s.message("wang", "打卡", "msg-other"), robotCode: "someone-else" });
    expect(ack.code).toBe(200);
    await s.handled();
    expect(await s.punches("wang")).toEqual([]);
  });
});
