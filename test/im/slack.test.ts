import { afterEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../src/im/channel.ts";
import type { ApprovalCard } from "../../src/im/message.ts";
import { SlackChannel } from "../../src/im/slack/channel.ts";
import { slackSignature } from "../../src/im/slack/inbound.ts";
import { SLACK, slackBlockAction, slackCommand, slackEvent, slackSigned, startFakeSlack, type FakeSlack } from "./fakes/slack.ts";

// "Verifying requests from Slack": the slash command example, its secret, timestamp and signature.
const VECTOR = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const NOW = Date.UTC(2025, 5, 2, 1, 0, 0);
const req = (endpoint: string, body: string, headers: Headers): RawRequest => ({ method: "POST", endpoint, query: new URLSearchParams(), headers, body });
const channel = (now = NOW, baseUrl?: string) => new SlackChannel({ ...SLACK, baseUrl }, () => now);

const card: ApprovalCard = {
  kind: "approval",
  request: { kind: "leave", id: 12 },
  title: "Wang Xiaoming asks for leave",
  fields: [{ label: "Type", value: "Annual <3 days> & more" }],
  buttons: { approve: "Approve", reject: "Reject" },
};

describe("Slack requests", () => {
  it("reproduces the signing vector from Slack's 'Verifying requests' page", () => {
    expect(slackSignature(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    const headers = new Headers({ "x-slack-request-timestamp": VECTOR.timestamp, "x-slack-signature": VECTOR.signature });
    const result = channel(1531420618_000).receive(req("commands", VECTOR.body, headers));
    expect(result).toMatchObject({ ok: true, events: [{ type: "message", sender: "U2CERLKJA", chat: { id: "G8PSS9T3V", group: true }, content: { text: "" } }] });
  });

  it("refuses the same request five minutes later, with a tampered body, or a wrong signature", () => {
    const headers = new Headers({ "x-slack-request-timestamp": VECTOR.timestamp, "x-slack-signature": VECTOR.signature });
    expect(channel(1531420618_000 + 5 * 60_000 + 1000).receive(req("commands", VECTOR.body, headers))).toMatchObject({ ok: false, code: "IM_TIMESTAMP_STALE", reply: { status: 401 } });
    expect(channel(1531420618_000).receive(req("commands", VECTOR.body.replace("text=", "text=x"), headers))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });
    const wrong = new Headers({ "x-slack-request-timestamp": VECTOR.timestamp, "x-slack-signature": `v0=${"0".repeat(64)}` });
    expect(channel(1531420618_000).receive(req("commands", VECTOR.body, wrong))).toMatchObject({ ok: false, code: "IM_SIGNATURE_INVALID" });
  });

  it("answers url_verification with the challenge", () => {
    const body = JSON.stringify({ token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    expect(channel().receive(req("events", body, slackSigned(body, NOW)))).toMatchObject({
      ok: true,
      reply: { contentType: "application/json", body: '{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}' },
    });
  });

  it("decodes a direct message and an @mention, and ignores bots", () => {
    const dm = slackEvent({ eventId: "Ev1", user: "U_WANG", channel: "D1", text: "check me in" });
    expect(channel().receive(req("events", dm, slackSigned(dm, NOW)))).toMatchObject({
      events: [{ type: "message", eventId: "Ev1", sender: "U_WANG", chat: { id: "D1", group: false }, mentioned: false, content: { text: "check me in" } }],
    });
    const mention = slackEvent({ eventId: "Ev2", user: "U_CHEN", channel: "C1", text: "<@U0BOT> who has not checked in today", type: "app_mention" });
    expect(channel().receive(req("events", mention, slackSigned(mention, NOW)))).toMatchObject({
      events: [{ chat: { id: "C1", group: true }, mentioned: true, content: { text: "who has not checked in today" } }],
    });
    const bot = slackEvent({ eventId: "Ev3", user: "U_BOT", channel: "D1", text: "Checked in", botId: "B1" });
    expect(channel().receive(req("events", bot, slackSigned(bot, NOW)))).toMatchObject({ ok: true, events: [] });
  });

  it("decodes /attendance with its response_url, and a button click with its card", () => {
    const command = slackCommand({ user: "U_WANG", channel: "D1", text: "check in", responseUrl: "https://hooks.slack.com/commands/1", triggerId: "tr1" });
    expect(channel().receive(req("commands", command, slackSigned(command, NOW)))).toMatchObject({
      events: [{ eventId: "command:tr1", content: { text: "check in" }, replyTo: { to: "chat", id: "D1", session: { url: "https://hooks.slack.com/commands/1" } } }],
    });
    const click = slackBlockAction({ user: "U_CHEN", channel: "D2", messageTs: "1700000000.000200", actionId: "approve", value: "approve:leave:12", responseUrl: "https://hooks.slack.com/actions/1" });
    expect(channel().receive(req("interactivity", click, slackSigned(click, NOW)))).toMatchObject({
      events: [{ type: "click", sender: "U_CHEN", decision: "approve", request: { kind: "leave", id: 12 }, card: { id: "1700000000.000200", chat: "D2" } }],
    });
  });
});

describe("Slack sender against a local Slack", () => {
  let fake: FakeSlack;
  let clock = NOW;
  afterEach(() => fake?.close());

  it("posts an approval card with escaped fields, updates it in place, and tells a stranger privately", async () => {
    fake = await startFakeSlack({ now: () => clock });
    const ch = channel(clock, `${fake.url}/api`);
    const ref = await ch.send({ to: "user", id: "U_CHEN" }, card, { idempotencyKey: "k" });
    const posted = fake.posts[0];
    expect(posted.blocks!.find((b) => b.type === "section").fields[0].text).toBe("*Type*\nAnnual &lt;3 days&gt; &amp; more");
    expect(posted.blocks!.find((b) => b.type === "actions").elements.map((e: any) => e.value)).toEqual(["approve:leave:12", "reject:leave:12"]);

    await ch.update(ref!, { ...card, outcome: "Approved by Chen Jing at 12:03" });
    expect(fake.posts[1]).toMatchObject({ method: "chat.update", channel: ref!.chat, ts: ref!.id });
    expect(fake.posts[1].blocks!.some((b) => b.type === "actions")).toBe(false);

    await ch.update(ref!, { ...card, note: "Only Chen Jing can decide this request." }, { onlyFor: { to: "user", id: "U_LIN" } });
    expect(fake.posts[2]).toMatchObject({ method: "chat.postEphemeral", user: "U_LIN", text: "Only Chen Jing can decide this request." });
  });

  it("answers a slash command through its response_url while it lives", async () => {
    fake = await startFakeSlack({ now: () => clock });
    const url = fake.responseUrl();
    await channel(clock, `${fake.url}/api`).send({ to: "chat", id: "C1", session: { url, expiresAt: NOW + 60_000 } }, { kind: "text", text: "Checked in at 8:57." }, { idempotencyKey: "k" });
    expect(fake.responses).toEqual([{ url: new URL(url).pathname, body: { response_type: "in_channel", text: "Checked in at 8:57." } }]);
  });

  it("reports 429 with its Retry-After as retryable and a bad token as final", async () => {
    fake = await startFakeSlack({ now: () => clock });
    const ch = channel(clock, `${fake.url}/api`);
    await ch.send({ to: "chat", id: "C1" }, { kind: "text", text: "1" }, { idempotencyKey: "1" });
    await expect(ch.send({ to: "chat", id: "C1" }, { kind: "text", text: "2" }, { idempotencyKey: "2" })).rejects.toMatchObject({ code: "ratelimited", retryable: true, retryAfterMs: 1000 });
    const wrong = new SlackChannel({ ...SLACK, botToken: "xoxb-wrong", baseUrl: `${fake.url}/api` }, () => clock);
    await expect(wrong.send({ to: "chat", id: "C2" }, { kind: "text", text: "x" }, { idempotencyKey: "x" })).rejects.toMatchObject({ code: "invalid_auth", retryable: false });
  });
});
