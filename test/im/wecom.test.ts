import { afterEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../src/im/channel.ts";
import { PlatformError } from "../../src/im/http.ts";
import type { ApprovalCard } from "../../src/im/message.ts";
import { WecomCrypto } from "../../src/im/wecom/crypto.ts";
import { WecomChannel } from "../../src/im/wecom/channel.ts";
import { startFakeWecom, WECOM, wecomCallback, wecomCardEventXml, wecomEncrypt, wecomSign, wecomTextXml, type FakeWecom } from "./fakes/wecom.ts";

// The official sample (sbzhu/weworkapi_python callback/Sample.py).
const VERIFY = {
  msg_signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
  timestamp: "1476416373",
  nonce: "47744683",
  echostr: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
};
const SAMPLE_POST = {
  query: { msg_signature: "0c3914025cb4b4d68103f6bfc8db550f79dcf48e", timestamp: "1476422779", nonce: "1597212914" },
  body: "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>",
};

const NOW = Date.UTC(2025, 5, 2, 1, 0, 0);
const request = (method: string, query: URLSearchParams | Record<string, string>, body = ""): RawRequest => ({
  method,
  endpoint: "callback",
  query: new URLSearchParams(query),
  headers: new Headers(),
  body,
});

function channel(now: number, baseUrl?: string, robotUrl?: string) {
  return new WecomChannel({ ...WECOM, baseUrl, robotUrl }, () => now);
}

const card: ApprovalCard = {
  kind: "approval",
  request: { kind: "leave", id: 42 },
  title: "王小明 的请假申请",
  fields: [
    { label: "类型", value: "年假" },
    { label: "日期", value: "6月3日" },
  ],
  buttons: { approve: "批准", reject: "拒绝" },
};

describe("WeCom callbacks", () => {
  it("reproduces the official URL verification vector", () => {
    const result = channel(1476416373_000).receive(request("GET", VERIFY));
    expect(result).toMatchObject({ ok: true, reply: { status: 200, body: "1288432023552776189" }, events: [{ type: "verification" }] });
  });

  it("decrypts the official sample message", () => {
    const result = channel(1476422779_000).receive(request("POST", SAMPLE_POST.query, SAMPLE_POST.body));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reply.body).toBe("");
    expect(result.events).toEqual([
      {
        type: "message",
        eventId: "1456453720",
        sender: "ChenJiaShun",
        chat: { id: "ChenJiaShun", group: false },
        mentioned: false,
        content: { kind: "text", text: "你好" },
        replyTo: { to: "user", id: "ChenJiaShun" },
      },
    ]);
  });

  it("encrypts so that the official algorithm's steps read it back", () => {
    const crypto = new WecomCrypto(WECOM.token, WECOM.encodingAesKey, WECOM.corpId);
    const encrypted = crypto.encrypt("<xml><Content>打卡</Content></xml>");
    expect(crypto.decrypt(encrypted)).toBe("<xml><Content>打卡</Content></xml>");
    expect(crypto.signature("1", "2", encrypted)).toBe(wecomSign("1", "2", encrypted));
  });

  it("refuses a bad signature, a stale timestamp, a tampered body and a wrong receiveid with 401", () => {
    const ch = channel(NOW);
    const good = wecomCallback(wecomTextXml("wang", "打卡", "m1", NOW), NOW);
    expect(ch.receive(request("POST", good.query, good.body)).ok).toBe(true);

    const badSig = new URLSearchParams(good.query);
    badSig.set("msg_signature", "0".repeat(40));
    expect(ch.receive(request("POST", badSig, good.body))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID", reply: { status: 401 } });

    expect(channel(NOW + 10 * 60_000).receive(request("POST", good.query, good.body))).toMatchObject({ ok: false, code: "IM_TIMESTAMP_STALE" });

    const tampered = good.body.replace(/<Encrypt><!\[CDATA\[(.)/, (_m, c) => `<Encrypt><![CDATA[${c === "A" ? "B" : "A"}`);
    expect(ch.receive(request("POST", good.query, tampered))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });

    const other = wecomCallback(wecomTextXml("wang", "打卡", "m2", NOW), NOW, { corpId: "ww-someone-else" });
    expect(ch.receive(request("POST", other.query, other.body))).toMatchObject({ ok: false, code: "IM_RECEIVER_MISMATCH", reply: { status: 401 } });
  });

  it("decodes a template card click into the request kind, id and decision", () => {
    const xml = wecomCardEventXml("chen", "approve:leave:42", "leave-42-abc", "rc-9", NOW);
    const { query, body } = wecomCallback(xml, NOW);
    const result = channel(NOW).receive(request("POST", query, body));
    expect(result).toMatchObject({
      ok: true,
      events: [{ type: "click", sender: "chen", decision: "approve", request: { kind: "leave", id: 42 }, card: { id: "rc-9", task: "leave-42-abc" }, eventId: "card:rc-9" }],
    });
  });

  it("ignores a click whose key is not one of our actions", () => {
    const { query, body } = wecomCallback(wecomCardEventXml("chen", "something-else", "t", "rc-1", NOW), NOW);
    expect(channel(NOW).receive(request("POST", query, body))).toMatchObject({ ok: true, events: [] });
  });

  it("signs with the sorted token, timestamp, nonce and ciphertext", () => {
    const enc = wecomEncrypt("x");
    expect(new WecomCrypto(WECOM.token, WECOM.encodingAesKey, WECOM.corpId).signature("10", "20", enc)).toBe(wecomSign("10", "20", enc));
  });
});

describe("WeCom sender against a local WeCom", () => {
  let fake: FakeWecom;
  let clock = NOW;
  afterEach(() => fake?.close());

  it("fetches the token once, sends text and an approval card, and updates the card with the click's response_code", async () => {
    fake = await startFakeWecom({ now: () => clock });
    const ch = channel(clock, fake.url);
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "已打卡 8:57" }, { idempotencyKey: "a" });
    const ref = await ch.send({ to: "user", id: "chen" }, card, { idempotencyKey: "b" });
    expect(fake.requests.filter((r) => r.path === "/cgi-bin/gettoken")).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ touser: "wang", agentid: 1000002, msgtype: "text", text: { content: "已打卡 8:57" } });
    const sentCard = fake.sent[1].template_card;
    expect(sentCard.button_list.map((b: any) => b.key)).toEqual(["approve:leave:42", "reject:leave:42"]);
    expect(ref?.task).toBe(sentCard.task_id);

    const click = fake.issueResponseCode();
    await ch.update({ id: click, task: sentCard.task_id }, { ...card, outcome: "已批准 · 陈静 12:03" });
    expect(fake.updates[0]).toEqual({ agentid: 1000002, response_code: click, button: { replace_name: "已批准 · 陈静 12:03" } });
  });

  it("fetches a new token when WeCom says the old one expired (42001) or is invalid (40014)", async () => {
    fake = await startFakeWecom({ now: () => clock });
    const ch = channel(clock, fake.url);
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "1" }, { idempotencyKey: "1" });
    for (const token of fake.tokens.keys()) fake.tokens.set(token, clock - 1); // expired on WeCom's side
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "2" }, { idempotencyKey: "2" });
    fake.tokens.clear(); // revoked: WeCom no longer knows it
    await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "3" }, { idempotencyKey: "3" });
    expect(fake.sent.map((m) => m.text.content)).toEqual(["1", "2", "3"]);
    expect(fake.requests.filter((r) => r.path === "/cgi-bin/gettoken")).toHaveLength(3);
  });

  it("reports a wrong secret and an unknown user as failures that will not heal, and 5xx or a dropped connection as retryable", async () => {
    fake = await startFakeWecom({ now: () => clock });
    const wrong = new WecomChannel({ ...WECOM, secret: "nope", baseUrl: fake.url }, () => clock);
    await expect(wrong.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "k" })).rejects.toMatchObject({ code: "40001", retryable: false });

    const ch = channel(clock, fake.url);
    await expect(ch.send({ to: "user", id: "nobody" }, { kind: "text", text: "x" }, { idempotencyKey: "k" })).rejects.toMatchObject({ code: "81013", retryable: false });
    fake.script.push({ status: 502, body: {} });
    await expect(ch.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "k" })).rejects.toMatchObject({ code: "HTTP_502", retryable: true });
    fake.script.push("drop-connection");
    const err = await ch.send({ to: "user", id: "wang" }, { kind: "text", text: "x" }, { idempotencyKey: "k" }).catch((e) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ code: "NETWORK", retryable: true });
  });

  it("posts markdown to the group robot, and reports its 20-a-minute limit (45009) as retryable", async () => {
    fake = await startFakeWecom({ now: () => clock });
    const ch = channel(clock, fake.url, fake.robotUrl);
    for (let i = 0; i < 20; i++) {
      await ch.send({ to: "robot", id: "" }, { kind: "summary", title: "今日出勤", fields: [{ label: "已打卡", value: `${i}` }] }, { idempotencyKey: `r${i}` });
    }
    expect(fake.robot[0].body).toEqual({ msgtype: "markdown", markdown: { content: '**今日出勤**\n> 已打卡：<font color="info">0</font>' } });
    await expect(ch.send({ to: "robot", id: "" }, { kind: "text", text: "21st" }, { idempotencyKey: "r21" })).rejects.toMatchObject({ code: "45009", retryable: true });
    expect(ch.rateBucket({ to: "robot", id: "" }).rules).toEqual([{ limit: 20, windowMs: 60_000 }]);
  });
});
