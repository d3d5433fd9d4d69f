import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../src/agent/index.ts";
import { jsgfGrammar } from "../../../src/agent/intent/grammar.ts";
import type { Employee } from "../../../src/attendance/types.ts";
import { createApp } from "../../../src/http/app.ts";
import { createLocalRtc, type LocalRtc } from "../../../src/rtc/local/rtc.ts";
import { createVoiceSession } from "../../../src/voice/session.ts";
import { SphinxStt } from "../../../src/voice/stt/sphinx.ts";
import { EspeakTts } from "../../../src/voice/tts/espeak.ts";
import { EnergyVad } from "../../../src/voice/vad/energy.ts";
import { demoSystem } from "../../helpers.ts";
import { RTCPeerConnection, useOPUS } from "werift";

const stt = new SphinxStt({ grammar: jsgfGrammar() });
const tts = new EspeakTts();
const missing = [stt.available(), tts.available()].filter((s) => !s.ok).map((s) => s.missing);

describe.skipIf(missing.length > 0)("voice sessions per user", () => {
  let sys: Awaited<ReturnType<typeof demoSystem>>;
  let rtc: LocalRtc<Employee>;
  let app: ReturnType<typeof createApp>;
  const peers: RTCPeerConnection[] = [];

  beforeAll(async () => {
    sys = await demoSystem();
    const agent = new Agent(sys);
    // As src/system.ts builds it: three at once per login.
    rtc = createLocalRtc<Employee>({
      pipelineFor: (user) => createVoiceSession({ vad: new EnergyVad(), stt, tts, runner: agent.conversation(user), outputSampleRate: 48_000 }),
      perUser: { key: (user) => user.login, max: 3 },
      // Offers are answered and never connected: keep them open however slow the machine is.
      limits: { connectTimeoutMs: 300_000 },
    });
    app = createApp(sys, { rtc });
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close()));
    await rtc?.closeAll();
    await stt.close?.();
    await tts.close?.();
  });

  const offer = async (login: string, sdp: string) =>
    app.request("/api/rtc/offer", { method: "POST", headers: { authorization: `Bearer ${await sys.token(login)}`, "content-type": "application/json" }, body: JSON.stringify({ sdp }) });
  /** A browser-like offer (audio and the events channel), as the page sends it. */
  const newOffer = async () => {
    const pc = new RTCPeerConnection({ codecs: { audio: [useOPUS()] }, bundlePolicy: "max-bundle" });
    peers.push(pc);
    pc.addTransceiver("audio", { direction: "sendrecv" });
    pc.createDataChannel("events");
    await pc.setLocalDescription(await pc.createOffer());
    return pc.localDescription!.sdp;
  };

  it("are at most 3 at once: the 4th gets 429, someone else still gets one, and ended ones free their places", { timeout: 120_000 }, async () => {
    for (let i = 0; i < 3; i++) expect((await offer("wang", await newOffer())).status).toBe(200);
    const refused = await offer("wang", await newOffer());
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "TOO_MANY_VOICE_SESSIONS" } });
    expect(rtc.sessionCount()).toBe(3);
    expect((await offer("chen", await newOffer())).status).toBe(200);
    await rtc.closeAll();
    expect(rtc.sessionCount()).toBe(0);
    expect((await offer("wang", await newOffer())).status).toBe(200);
  });
});
