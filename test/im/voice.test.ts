import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readWav, type AudioChunk } from "../../src/voice/audio.ts";
import { decodeOggOpus } from "../../src/im/voice.ts";
import { decodeAmr } from "../../src/im/amr.ts";
import { chatServer, eventually } from "./harness.ts";
import { encodeOggOpus } from "./fakes/ogg-opus.ts";
import { feishuEnv, feishuMessageEvent, feishuPush, startFakeFeishu, type FakeFeishu } from "./fakes/feishu.ts";
import { dingtalkEnv, dingtalkPush, dingtalkText, startFakeDingtalk, type FakeDingtalk } from "./fakes/dingtalk.ts";
import { startFakeWecom, wecomCallback, wecomEnv, wecomVoiceXml, type FakeWecom } from "./fakes/wecom.ts";
import { encodeAmr } from "./fakes/amr.ts";

const CHECK_ME_IN = readWav(readFileSync(new URL("../fixtures/audio/check-me-in.wav", import.meta.url)));

/** A sentence spoken by flite's rms voice (16 kHz). */
function speak(text: string): AudioChunk {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "flite-")), "speech.wav");
  execFileSync("flite", ["-voice", "rms", "-t", text, "-o", file]);
  return readWav(readFileSync(file));
}

/** An AMR file damaged in transit: the magic survives, the frames after the first are bytes no AMR frame header can be. */
function corruptAmr(): Uint8Array {
  const bytes = encodeAmr(CHECK_ME_IN);
  for (let i = 6 + 32; i < bytes.length; i++) bytes[i] = 0xff;
  return bytes;
}

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
    const s = await chatServer(feishuEnv(fake.url));
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

  it("decodes WeCom's AMR-NB to 8 kHz speech of the same length, and refuses broken files", async () => {
    const decoded = await decodeAmr(encodeAmr(CHECK_ME_IN));
    expect(decoded.sampleRate).toBe(8_000);
    const seconds = CHECK_ME_IN.pcm.length / CHECK_ME_IN.sampleRate;
    // 20 ms frames: at most one frame shorter than the speech.
    expect(Math.abs(decoded.pcm.length / 8_000 - seconds)).toBeLessThan(0.03);
    expect(Math.max(...decoded.pcm.map(Math.abs))).toBeGreaterThan(3000);

    await expect(decodeAmr(new TextEncoder().encode('{"errcode":40007,"errmsg":"invalid media_id"}'))).rejects.toMatchObject({ code: "AMR_INVALID" });
    await expect(decodeAmr(new TextEncoder().encode("#!AMR\n"))).rejects.toMatchObject({ code: "AMR_INVALID" });
    await expect(decodeAmr(corruptAmr())).rejects.toMatchObject({ code: "AMR_INVALID" });
    // Well-formed but three minutes long (the first frames over and over): refused before decoding.
    const frames = encodeAmr(CHECK_ME_IN).subarray(6); // 32 bytes a frame at 12.2 kbit/s
    const copies = Math.ceil((180 * 50) / (frames.length / 32));
    const long = new Uint8Array(6 + frames.length * copies);
    long.set(new TextEncoder().encode("#!AMR\n"));
    for (let i = 0; i < copies; i++) long.set(frames, 6 + i * frames.length);
    await expect(decodeAmr(long)).rejects.toMatchObject({ code: "AMR_INVALID", message: "longer than 120 s" });
    // The decoder ran in its own context: nothing in this process believes it is a browser or worker.
    expect(typeof (globalThis as { self?: unknown }).self).toBe("undefined");
  });

  it("WeCom: emily's AMR voice message 'check me in' is fetched with media/get, transcribed and punched; a broken or expired one asks admin to type", async () => {
    const fake: FakeWecom = await startFakeWecom({ users: ["emily", "admin"] });
    fakes.push(fake);
    const s = await chatServer(wecomEnv(fake.url));
    fake.media.set("media-emily-1", encodeAmr(speak("check me in")));
    const at = Date.now();
    const voice = (from: string, mediaId: string, msgId: string) => s.callback("/im/wecom/callback", wecomCallback(wecomVoiceXml(from, mediaId, msgId, at), at));
    expect((await voice("emily", "media-emily-1", "70001")).status).toBe(200);
    const reply = await eventually(() => fake.sent.find((m) => m.touser === "emily"), "emily's reply");
    expect(reply.text.content).toMatch(/^Checked in at 8:55/);
    expect(await s.punches("emily")).toEqual([{ method: "im" }]);
    const download = fake.requests.find((r) => r.path === "/cgi-bin/media/get");
    expect(download?.query.get("media_id")).toBe("media-emily-1");
    expect(fake.tokens.has(download?.query.get("access_token") ?? "")).toBe(true);

    // admin (English too) sends a damaged file, then a media id WeCom no longer has (errcode
    // 40007): both are downloaded, neither decodes, admin is asked twice to type, nothing is punched.
    fake.media.set("media-admin-1", corruptAmr());
    await voice("admin", "media-admin-1", "70002");
    await voice("admin", "media-expired", "70003");
    const asked = await eventually(() => {
      const answers = fake.sent.filter((m) => m.touser === "admin");
      return answers.length === 2 && answers;
    }, "admin's answers");
    for (const m of asked) expect(m.text.content).toBe('I could not make out that voice message. Please type it, for example "check in".');
    expect(fake.requests.filter((r) => r.path === "/cgi-bin/media/get").map((r) => r.query.get("media_id"))).toEqual(["media-emily-1", "media-admin-1", "media-expired"]);
    expect(await s.punches("admin")).toEqual([]);
  }, 120_000);

  it("WeCom: a voice message with WeCom's own Recognition '打卡' checks wang in without downloading the audio", async () => {
    const fake: FakeWecom = await startFakeWecom({ users: ["wang"] });
    fakes.push(fake);
    const s = await chatServer(wecomEnv(fake.url));
    const at = Date.now();
    expect((await s.callback("/im/wecom/callback", wecomCallback(wecomVoiceXml("wang", "media-1", "70010", at, "打卡"), at))).status).toBe(200);
    const reply = await eventually(() => fake.sent.find((m) => m.touser === "wang"), "the reply");
    expect(reply.text.content).toContain("已记为上班卡");
    expect(await s.punches("wang")).toEqual([{ method: "im" }]);
    expect(fake.requests.some((r) => r.path === "/cgi-bin/media/get")).toBe(false);
  }, 120_000);
});
