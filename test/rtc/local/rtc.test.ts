import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { onError } from "../../../src/http/errors.ts";
import { rtcRoutes } from "../../../src/rtc/local/routes.ts";
import { createLocalRtc, type LocalRtc } from "../../../src/rtc/local/rtc.ts";
import { concatPcm, rmsDbfs } from "../../../src/voice/audio.ts";
import { createVoiceSession } from "../../../src/voice/session.ts";
import { SphinxStt } from "../../../src/voice/stt/sphinx.ts";
import { fixedReplyRunner, ScriptedTurnRunner } from "../../../src/voice/testing/fake-runner.ts";
import { EspeakTts } from "../../../src/voice/tts/espeak.ts";
import { EnergyVad } from "../../../src/voice/vad/energy.ts";
import { checkMeIn, silence } from "../../voice/testing/audio.ts";
import { connectClient, type TestClient } from "./client.ts";

const REPLY = "Checked in at 8:57, on time.";
const FALLBACK_GRAMMAR = "#JSGF V1.0;\ngrammar g;\npublic <s> = ( check | clock ) me ( in | out ) [ please ];\n";

async function grammar(): Promise<string> {
  const path = new URL("../../../src/agent/intent/grammar.ts", import.meta.url);
  if (!existsSync(path)) return FALLBACK_GRAMMAR;
  return ((await import(path.href)) as { jsgfGrammar: () => string }).jsgfGrammar();
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!cond()) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sphinxStatus = new SphinxStt({ grammar: FALLBACK_GRAMMAR }).available();
const espeakStatus = new EspeakTts().available();
const missing = [sphinxStatus, espeakStatus].filter((s) => !s.ok).map((s) => s.missing);
if (missing.length) console.warn(`skipping end-to-end voice tests: ${missing.join("; ")}`);

describe.skipIf(missing.length > 0)("local WebRTC transport, end to end", () => {
  let stt: SphinxStt;
  let tts: EspeakTts;
  let rtc: LocalRtc<string>;
  const runners: { user: string; runner: ScriptedTurnRunner }[] = [];
  const ended: string[] = [];

  beforeAll(async () => {
    stt = new SphinxStt({ grammar: await grammar() });
    tts = new EspeakTts();
    // As the server does at start-up: building the decoder model inside a live call would stall it.
    await Promise.all([tts.warm(), stt.warm()]);
    rtc = createLocalRtc<string>({
      pipelineFor(user) {
        const runner = fixedReplyRunner(REPLY);
        runners.push({ user, runner });
        return createVoiceSession({ vad: new EnergyVad(), stt, tts, runner, outputSampleRate: 48_000 });
      },
      // Long enough that a busy CI machine stalling the test client for a moment does not end a
      // live call; short enough that the vanishing-client tests stay quick.
      limits: { mediaTimeoutMs: 4000 },
      onSessionEnd: (_id, reason) => ended.push(reason),
    });
  });

  afterAll(async () => {
    await rtc?.closeAll();
    await stt?.close();
    await tts?.close();
  });

  const connect = (user = "wang") => connectClient((sdp) => rtc.offer(sdp, user));

  it("hears 'check me in' over Opus, runs the turn, and sends back the reply as audio and text", async () => {
    const client: TestClient = await connect();
    expect(rtc.sessionCount()).toBe(1);
    await client.speak(concatPcm([silence(300), checkMeIn(), silence(600)]));
    const agent = await client.waitForEvent((e) => e.type === "transcript" && e.role === "agent");
    const { runner } = runners.at(-1)!;

    expect(runner.calls).toEqual(["check me in"]);
    expect(client.events.find((e) => e.type === "transcript" && e.role === "user" && e.final)).toMatchObject({ text: "check me in", final: true });
    expect(agent).toMatchObject({ text: REPLY, interrupted: false });
    const metrics = await client.waitForEvent((e) => e.type === "metrics");
    expect(metrics.e2eLatencyMs).toBeGreaterThan(0);

    // The reply's audio: about as long as espeak takes to say it, and clearly not silence.
    await new Promise((r) => setTimeout(r, 300));
    const reply = concatPcm(client.received.map((r) => r.pcm));
    expect(reply.length / 48_000).toBeGreaterThan(1);
    expect(rmsDbfs(reply)).toBeGreaterThan(-35);

    // Closing the peer connection sends nothing werift notices; the silent media ends it.
    await client.close();
    await waitUntil(() => rtc.sessionCount() === 0, 15_000);
    expect(ended).toEqual(["media-timeout"]);
  });

  it("ends the session of a client that vanishes mid-turn", async () => {
    const client = await connect();
    const before = ended.length;
    await client.speak(concatPcm([silence(200), checkMeIn(), silence(400)]));
    await client.waitForEvent((e) => e.type === "state" && e.state === "thinking");
    await client.vanish();
    await waitUntil(() => rtc.sessionCount() === 0, 15_000);
    expect(ended.slice(before)).toEqual(["media-timeout"]);
  });

  it("ends the session when the client says hang up, and closeAll leaves nothing open", async () => {
    const udpBefore = process.getActiveResourcesInfo().filter((r) => r === "UDPWrap").length;
    const a = await connect();
    const b = await connect("chen");
    expect(rtc.sessionCount()).toBe(2);
    a.channel.send(JSON.stringify({ type: "hangup" }));
    await waitUntil(() => rtc.sessionCount() === 1, 3000);
    await rtc.closeAll();
    expect(rtc.sessionCount()).toBe(0);
    await a.close();
    await b.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(process.getActiveResourcesInfo().filter((r) => r === "UDPWrap").length).toBeLessThanOrEqual(udpBefore);
  });
});

describe("signalling", () => {
  const rtc = createLocalRtc<string>({
    pipelineFor: () => {
      throw new Error("not reached for a bad offer");
    },
  });
  // Mounted with the app's one error handler, as createApp mounts it.
  const app = new Hono().route("/", rtcRoutes({ rtc, currentUser: () => "wang", clientAddress: () => null })).onError(onError);
  const post = (body: string) => app.request("/offer", { method: "POST", body, headers: { "content-type": "application/json" } });

  it.each([
    ["garbage SDP", JSON.stringify({ sdp: "garbage" }), "BAD_SDP"],
    ["an SDP without audio", JSON.stringify({ sdp: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" }), "BAD_SDP"],
    ["no sdp field", JSON.stringify({ offer: "x" }), "BAD_SDP"],
    // The one code every JSON route gives a body that does not parse.
    ["a body that is not JSON", "sdp=garbage", "MALFORMED_JSON"],
  ])("answers %s with 400 and a JSON error", async (_name, body, code) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(0);
    expect(rtc.sessionCount()).toBe(0);
  });
});
