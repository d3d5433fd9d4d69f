import { afterEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../src/im/channel.ts";
import { feishuDecrypt, feishuEncrypt } from "../../src/im/feishu/crypto.ts";
import { FeishuChannel } from "../../src/im/feishu/channel.ts";
import type { ApprovalCard } from "../../src/im/message.ts";
import { FEISHU, FEISHU_BOT_OPEN_ID, feishuCardAction, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "./fakes/feishu.ts";

const NOW = Date.UTC(2025, 5, 2, 1, 0, 0);
const req = (endpoint: string, push: { headers: Headers; body: string }): RawRequest => ({
  method: "POST",
  endpoint,
  query: new URLSearchParams(),
  headers: push.headers,
  body: push.body,
});
const channel = (now = NOW, baseUrl?: string) => new FeishuChannel({ ...FEISHU, baseUrl }, () => now);

const card: ApprovalCard = {
  kind: "approval",
  request: { kind: "leave", id: 7 },
  title: "王小明 的请假申请",
  fields: [{ label: "类型", value: "年假" }],
  buttons: { approve: "批准", reject: "拒绝" },
};

describe("Feishu callbacks", () => {
  it("reproduces the official decryption vector: 'test key' opens to 'hello world'", () => {
    expect(feishuDecrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")).toBe("hello world");
  });

  it("answers the encrypted URL check from the official SDK's test with its challenge", () => {
    // larksuite/node-sdk adaptor/services/__tests__/challenge.ts: key "mazhe.nerd".
    const body = JSON.stringify({
      encrypt:
        "tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e",
    });
    const ch = new FeishuChannel({ ...FEISHU, encryptKey: "mazhe.nerd", verificationToken: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6" }, () => NOW);
    const result = ch.receive({ method: "POST", endpoint: "events", query: new URLSearchParams(), headers: new Headers(), body });
    expect(result).toMatchObject({ ok: true, reply: { status: 200, body: JSON.stringify({ challenge: "5634b122-c042-4634-bc7f-b07a3c3e77ad" }) } });
  });

  it("answers a plain URL check only with our verification token", () => {
    const check = (token: string) =>
      channel().receive(req("events", { headers: new Headers(), body: JSON.stringify({ challenge: "abc", token, type: "url_verification" }) }));
    expect(check(FEISHU.verificationToken)).toMatchObject({ ok: true, reply: { body: '{"challenge":"abc"}' } });
    expect(check("someone-else")).toMatchObject({ ok: false, code: "IM_TOKEN_INVALID", reply: { status: 401 } });
  });

  it("decodes a signed, encrypted message event, with the mention removed from the text and its open_id kept for the channel to compare", () => {
    const push = feishuPush(feishuMessageEvent({ eventId: "ev1", userId: "wang", chatId: "oc_team", text: "打卡", group: true, mentionBot: true }), NOW);
    expect(channel().receive(req("events", push))).toMatchObject({
      ok: true,
      reply: { body: "{}" },
      events: [{ type: "message", eventId: "ev1", sender: "wang", chat: { id: "oc_team", group: true }, mentioned: false, mentions: [FEISHU_BOT_OPEN_ID], content: { kind: "text", text: "打卡" }, replyTo: { to: "chat", id: "oc_team" } }],
    });
  });

  it("refuses a bad signature, a stale timestamp, a tampered body, an unsigned event and a wrong token with 401", () => {
    const event = feishuMessageEvent({ eventId: "ev2", userId: "wang", chatId: "oc_1", text: "打卡" });
    const push = feishuPush(event, NOW);
    const bad = new Headers(push.headers);
    bad.set("x-lark-signature", "0".repeat(64));
    expect(channel().receive(req("events", { headers: bad, body: push.body }))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID", reply: { status: 401 } });
    expect(channel(NOW + 6 * 60_000).receive(req("events", push))).toMatchObject({ ok: false, code: "IM_TIMESTAMP_STALE" });
    expect(channel().receive(req("events", { headers: push.headers, body: push.body.replace('"}', 'x"}') }))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });
    expect(channel().receive(req("events", feishuPush(event, NOW, { sign: false })))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });
    const forged = { ...event, header: { ...event.header, token: "forged" } };
    expect(channel().receive(req("events", feishuPush(forged, NOW)))).toMatchObject({ ok: false, code: "IM_TOKEN_INVALID" });
  });

  it("decodes a card button click into the decision, the request and the card's message id", () => {
    const push = feishuPush(feishuCardAction({ eventId: "ev3", userId: "chen", messageId: "om_9", chatId: "oc_chen", action: "reject:leave:7" }), NOW);
    expect(channel().receive(req("card", push))).toMatchObject({
      ok: true,
      reply: { body: "{}" },
      events: [{ type: "click", eventId: "ev3", sender: "chen", decision: "reject", request: { kind: "leave", id: 7 }, card: { id: "om_9" } }],
    });
  });

  it("round-trips its own encryption", () => {
    expect(feishuDecrypt("k", feishuEncrypt("k", '{"a":"打卡"}'))).toBe('{"a":"打卡"}');
  });
});

describe("Feishu sender against a local Feishu", () => {
  let fake: FakeFeishu;
  let clock = NOW;
  afterEach(() => fake?.close());

  it("sends text to a chat and a shared approval card to a user, then updates the card in place", async () => {
    fake = await startFakeFeishu({ now: () => clock });
    const ch = channel(clock, fake.url);
    await ch.send({ to: "chat", id: "oc_wang" }, { kind: "text", text: "已打卡" }, { idempotencyKey: "k1" });
    const ref = await ch.send({ to: "user", id: "chen" }, card, { idempotencyKey: "k2" });
    expect(fake.messages[0]).toMatchObject({ receive_id_type: "chat_id", receive_id: "oc_wang", msg_type: "text", content: { text: "已打卡" } });
    const sent = fake.messages[1];
    expect(sent).toMatchObject({ receive_id_type: "user_id", receive_id: "chen", msg_type: "interactive" });
    const buttons = sent.content.elements.find((e: any) => e.tag === "action").actions;
    expect(buttons.map((b: any) => b.value.action)).toEqual(["approve:leave:7", "reject:leave:7"]);

    await ch.update(ref!, { ...card, outcome: "已批准 · 陈静 12:03" });
    const patched = fake.patches[0];
    expect(patched.messageId).toBe(ref!.id);
    expect(JSON.stringify(patched.content)).toContain("已批准 · 陈静 12:03");
    expect(patched.content.elements.some((e: any) => e.tag === "action")).toBe(false);
  });

  it("passes the idempotency key as uuid, so a resend after a lost answer is delivered once", async () => {
    fake = await startFakeFeishu({ now: () => clock });
    const ch = channel(clock, fake.url);
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "outbox-17" });
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "outbox-17" });
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0].uuid!.length).toBeLessThanOrEqual(50);
  });

  it("refreshes the tenant token on 99991663, and reports throttling (429, 99991400) as retryable with its reset", async () => {
    fake = await startFakeFeishu({ now: () => clock });
    const ch = channel(clock, fake.url);
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "1" }, { idempotencyKey: "1" });
    fake.tokens.clear();
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "2" }, { idempotencyKey: "2" });
    expect(fake.requests.filter((r) => r.path.endsWith("tenant_access_token/internal"))).toHaveLength(2);
    for (let i = 3; i <= 5; i++) await ch.send({ to: "user", id: "wang" }, { kind: "text", text: `${i}` }, { idempotencyKey: `${i}` });
    await expect(ch.send({ to: "user", id: "wang" }, { kind: "text", text: "6" }, { idempotencyKey: "6" })).rejects.toMatchObject({
      code: "99991400",
      retryable: true,
      status: 429,
      retryAfterMs: 1000,
    });
    expect(fake.messages.map((m) => m.content.text)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("reports a wrong app secret as a failure that will not heal", async () => {
    fake = await startFakeFeishu({ now: () => clock });
    const ch = new FeishuChannel({ ...FEISHU, appSecret: "wrong", baseUrl: fake.url }, () => clock);
    await expect(ch.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "x" })).rejects.toMatchObject({ code: "10014", retryable: false });
  });
});
