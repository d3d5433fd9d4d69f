import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { readWav } from "../../src/voice/audio.ts";
import { decodeOggOpus } from "../../src/im/voice.ts";
import { chatServer, eventually } from "./harness.ts";
import { encodeOggOpus } from "./fakes/ogg-opus.ts";
import { FEISHU, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "./fakes/feishu.ts";
import { dingtalkEnv, dingtalkPush, dingtalkText, startFakeDingtalk, type FakeDingtalk } from "./fakes/dingtalk.ts";
import { startFakeWecom, WECOM, wecomCallback, wecomEnv, type FakeWecom } from "./fakes/wecom.ts";

const CHECK_ME_IN = readWav(readFileSync(new URL("../fixtures/audio/check-me-in.wav", import.meta.url)));

let fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

describe("voice messages in chat", () => {
  it("decodes Feishu's Ogg Opus to 16 kHz speech of the same length", async () => {
    const decoded = await decodeOggOpus(encodeOggOpus(CHECK_ME_IN));
    expect(decoded.sampleRate).toBe(16_000);
    const seconds = CHECK_ME_IN.pcm.length / CHECK_ME_IN.sampleRate;
    expect(Math.abs(decoded.pcm.length / 16_000 - seconds)).toBeLessThan(0.05);
    expect(Math.max(...decoded.pcm.map(Math.abs))).toBeGreaterThan(3000);
  });

  it("Feishu: emily's voice message 'check me in' is downloaded, transcribed and punched; wang's Chinese one asks him to type", async () => {
    const fake: FakeFeishu = await startFakeFeishu();
    fakes.push(fake);
    const s = await chatServer({
      FEISHU_APP_ID: FEISHU.appId,
      FEISHU_APP_SECRET: FEISHU.appSecret,
      FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
      FEISHU_VERIFICATION_TOKEN: FEISHU.verificationToken,
      FEISHU_API_BASE: fake.url,
    });
    const voice = (userId: string, eventId: string) => {
      fake.resources.set(`om_in_${eventId}/file_v3_${eventId}`, encodeOggOpus(CHECK_ME_IN));
      const event = feishuMessageEvent({ eventId, userId, chatId: `oc_${userId}`, text: "", audio: { fileKey: `file_v3_${eventId}`, durationMs: 1500 } });
      return s.callback("/im/feishu/events", feishuPush(event, Date.now()));
    };
    expect((await voice("emily", "v1")).status).toBe(200);
    const reply = await eventually(() => fake.messages.find((m) => m.receive_id === "oc_emily"), "emily's reply");
    expect(reply.content.text).toMatch(/^Checked in at 8:55/);
    expect(await s.punches("emily")).toEqual([{ method: "im" }]);
    const download = fake.requests.find((r) => r.path.endsWith("/resources/file_v3_v1"));
    expect(download?.headers.authorization).toMatch(/^Bearer t-/);

    // The local recogniser knows English only: wang is asked, in Chinese, to type instead, and nothing is punched.
    await voice("wang", "v2");
    const asked = await eventually(() => fake.messages.find((m) => m.receive_id === "oc_wang"), "wang's answer");
    expect(asked.content.text).toBe("这条语音我没能识别，请打字告诉我，比如“打卡”。");
    expect(await s.punches("wang")).toEqual([]);
  }, 120_000);

  it("DingTalk: an audio message with DingTalk's own recognition '打卡' checks wang in", async () => {
    const fake: FakeDingtalk = await startFakeDingtalk();
    fakes.push(fake);
    const s = await chatServer(dingtalkEnv(fake.url));
    const expires = Date.now() + 3600_000;
    const { text: _, ...base } = dingtalkText({ msgId: "a1", staffId: "wang", text: "", sessionWebhook: fake.openSession(expires), sessionExpiresAt: expires });
    // "机器人接收消息 / 语音": msgtype audio, content {duration, downloadCode, recognition}.
    const audio = { ...base, msgtype: "audio", content: { duration: 2000, downloadCode: "dl-code-1", recognition: "打卡" } };
    expect((await s.callback("/im/dingtalk/events", dingtalkPush(audio, Date.now()))).status).toBe(200);
    const reply = await eventually(() => fake.sessionReplies[0], "the reply");
    expect(reply.body.text.content).toContain("已记为上班卡");
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
  }, 120_000);

  it("WeCom: an AMR voice message with no recognition asks wang to type, and changes nothing", async () => {
    const fake: FakeWecom = await startFakeWecom({ users: ["wang"] });
    fakes.push(fake);
    const s = await chatServer(wecomEnv(fake.url));
    const at = Date.now();
    // "消息格式 / 语音消息": MediaId and Format (amr); no Recognition.
    const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[wang]]></FromUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media-1]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>70001</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
    const { query, body } = wecomCallback(xml, at);
    expect((await s.callback("/im/wecom/callback", { query, body })).status).toBe(200);
    const asked = await eventually(() => fake.sent.find((m) => m.touser === "wang"), "the answer");
    expect(asked.text.content).toBe("这条语音我没能识别，请打字告诉我，比如“打卡”。");
    expect(await s.punches("wang")).toEqual([]);
  }, 120_000);
});
