import { afterEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../src/im/channel.ts";
import { DingtalkChannel } from "../../src/im/dingtalk/channel.ts";
import { dingtalkSign, signedRobotUrl } from "../../src/im/dingtalk/sign.ts";
import type { ApprovalCard } from "../../src/im/message.ts";
import { DINGTALK, dingtalkPush, dingtalkText, startFakeDingtalk, type FakeDingtalk } from "./fakes/dingtalk.ts";

const NOW = Date.UTC(2025, 5, 2, 1, 0, 0);
const req = (push: { headers: Headers; body: string }): RawRequest => ({ method: "POST", endpoint: "events", query: new URLSearchParams(), headers: push.headers, body: push.body });
const channel = (now = NOW, fake?: FakeDingtalk) =>
  new DingtalkChannel({ ...DINGTALK, baseUrl: fake?.url, robotWebhook: fake?.robotWebhook, robotSecret: DINGTALK.robotSecret }, () => now);

const card: ApprovalCard = {
  kind: "approval",
  request: { kind: "leave", id: 3 },
  title: "王小明 的请假申请",
  fields: [{ label: "类型", value: "年假" }],
  buttons: { approve: "批准", reject: "拒绝" },
  link: "https://attendance.example.com/approvals/leave/3",
};

describe("DingTalk signatures", () => {
  it("signs as documented: base64(HmacSHA256(secret, timestamp + \\n + secret))", () => {
    // Computed independently with `printf '1577262236757\ntestsecret' | openssl dgst -sha256 -hmac testsecret -binary | base64`.
    expect(dingtalkSign("1577262236757", "testsecret")).toBe("J+BiSbR3jshnMXl7lBt86VHVkxu/BShC2VzSWYBVCKE=");
  });

  it("url-encodes the custom robot's sign on the webhook URL", () => {
    const url = signedRobotUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC0123456789abcdef", 1700000000000);
    // openssl: TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=
    expect(url).toBe("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
  });
});

describe("DingTalk callbacks", () => {
  it("decodes a signed one-to-one text message, keeping its session webhook for the reply", () => {
    const push = dingtalkPush(dingtalkText({ msgId: "msg1", staffId: "wang", text: "打卡", sessionWebhook: "https://x/s", sessionExpiresAt: NOW + 60_000 }), NOW);
    expect(channel().receive(req(push))).toMatchObject({
      ok: true,
      reply: { status: 200 },
      events: [
        {
          type: "message",
          eventId: "msg1",
          sender: "wang",
          chat: { group: false },
          content: { kind: "text", text: "打卡" },
          replyTo: { to: "user", id: "wang", session: { url: "https://x/s", expiresAt: NOW + 60_000 } },
        },
      ],
    });
  });

  it("marks a group message that @mentions the robot", () => {
    const push = dingtalkPush(dingtalkText({ msgId: "msg2", staffId: "chen", text: "今天谁还没打卡", group: true, atBot: true }), NOW);
    expect(channel().receive(req(push))).toMatchObject({ ok: true, events: [{ chat: { id: "cidGroupAbc==", group: true }, mentioned: true, content: { text: "今天谁还没打卡" }, replyTo: { to: "chat" } }] });
  });

  it("refuses a bad sign, a timestamp over an hour old, and another robot's message with 401", () => {
    const message = dingtalkText({ msgId: "msg3", staffId: "wang", text: "打卡" });
    expect(channel().receive(req(dingtalkPush(message, NOW, "another-secret")))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID", reply: { status: 401 } });
    expect(channel(NOW + 61 * 60_000).receive(req(dingtalkPush(message, NOW)))).toMatchObject({ ok: false, code: "IM_TIMESTAMP_STALE" });
    expect(channel().receive(req(dingtalkPush({ ...message, robotCode: "someone-else" }, NOW)))).toMatchObject({ ok: false, code: "IM_RECEIVER_MISMATCH" });
    const noSign = dingtalkPush(message, NOW);
    noSign.headers.delete("sign");
    expect(channel().receive(req(noSign))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });
  });
});

describe("DingTalk sender against a local DingTalk", () => {
  let fake: FakeDingtalk;
  let clock = NOW;
  afterEach(() => fake?.close());

  it("answers through the message's session webhook while it lives, then through the open API", async () => {
    fake = await startFakeDingtalk({ now: () => clock });
    const session = { url: fake.openSession(NOW + 60_000), expiresAt: NOW + 60_000 };
    await channel(clock, fake).send({ to: "user", id: "wang", session }, { kind: "text", text: "已打卡 8:57" });
    expect(fake.sessionReplies[0].body).toEqual({ msgtype: "text", text: { content: "已打卡 8:57" } });

    await channel(NOW + 120_000, fake).send({ to: "user", id: "wang", session }, { kind: "text", text: "later" });
    expect(fake.robotMessages).toEqual([{ kind: "user", to: "wang", msgKey: "sampleText", param: { content: "later" } }]);
    await channel(NOW + 120_000, fake).send({ to: "chat", id: "cidGroupAbc==" }, { kind: "summary", title: "今日", fields: [{ label: "未打卡", value: "2" }] });
    expect(fake.robotMessages[1]).toMatchObject({ kind: "group", to: "cidGroupAbc==", msgKey: "sampleMarkdown" });
  });

  it("sends an approval as an action card whose two buttons open the request's page", async () => {
    fake = await startFakeDingtalk({ now: () => clock });
    await channel(clock, fake).send({ to: "user", id: "chen" }, card);
    const sent = fake.robotMessages[0];
    expect(sent.msgKey).toBe("sampleActionCard2");
    expect(sent.param).toMatchObject({
      title: "王小明 的请假申请",
      actionTitle1: "批准",
      actionURL1: "https://attendance.example.com/approvals/leave/3?decision=approve",
      actionTitle2: "拒绝",
      actionURL2: "https://attendance.example.com/approvals/leave/3?decision=reject",
    });
  });

  it("fetches a new access token when DingTalk calls the old one invalid", async () => {
    fake = await startFakeDingtalk({ now: () => clock });
    const ch = channel(clock, fake);
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "1" });
    fake.tokens.clear();
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "2" });
    expect(fake.robotMessages.map((m) => m.param.content)).toEqual(["1", "2"]);
    expect(fake.requests.filter((r) => r.path === "/v1.0/oauth2/accessToken")).toHaveLength(2);
  });

  it("reports throttling (QpsLimit, 130101) as retryable and a wrong app secret as final", async () => {
    fake = await startFakeDingtalk({ now: () => clock });
    fake.script.push({ status: 200, body: { accessToken: "ding-x", expireIn: 7200 } }, { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "当前接口qps超过限制" } });
    await expect(channel(clock, fake).send({ to: "user", id: "wang" }, { kind: "text", text: "x" })).rejects.toMatchObject({ code: "Forbidden.AccessDenied.QpsLimitForApi", retryable: true });

    const ch = channel(clock, fake);
    for (let i = 0; i < 20; i++) await ch.send({ to: "robot", id: "" }, { kind: "text", text: `${i}` });
    await expect(ch.send({ to: "robot", id: "" }, { kind: "text", text: "21" })).rejects.toMatchObject({ code: "130101", retryable: true });
    expect(fake.groupRobot).toHaveLength(20);

    const wrong = new DingtalkChannel({ ...DINGTALK, appSecret: "nope", baseUrl: fake.url }, () => clock);
    await expect(wrong.send({ to: "user", id: "wang" }, { kind: "text", text: "x" })).rejects.toMatchObject({ code: "invalidClientIdOrSecret", retryable: false });
  });
});
