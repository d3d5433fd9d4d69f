import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "../../../src/agent/index.ts";
import { jsgfGrammar } from "../../../src/agent/intent/grammar.ts";
import { SYSTEM_ACTOR } from "../../../src/attendance/permissions.ts";
import type { Employee } from "../../../src/attendance/types.ts";
import { createApp } from "../../../src/http/app.ts";
import { createLocalRtc, type LocalRtc } from "../../../src/rtc/local/rtc.ts";
import { concatPcm, rmsDbfs } from "../../../src/voice/audio.ts";
import { createVoiceSession } from "../../../src/voice/session.ts";
import { SphinxStt } from "../../../src/voice/stt/sphinx.ts";
import { EspeakTts } from "../../../src/voice/tts/espeak.ts";
import { EnergyVad } from "../../../src/voice/vad/energy.ts";
import { demoSystem, rowCounts } from "../../helpers.ts";
import { checkMeIn, noise, silence } from "../../voice/testing/audio.ts";
import { connectClient, waitUntil } from "./client.ts";

/** Reply audio the session reported having sent (ms). */
const replyAudioMs = (events: Record<string, unknown>[]) => Number(events.find((e) => e.type === "metrics")?.replyAudioMs ?? 0);

const stt = new SphinxStt({ grammar: jsgfGrammar() });
/** Sessions that ended, and why (the transport tells us). */
const ended: { id: string; reason: string }[] = [];
const opened: string[] = [];
const tts = new EspeakTts();
const missing = [stt.available(), tts.available()].filter((s) => !s.ok).map((s) => s.missing);
if (missing.length) console.warn(`skipping spoken check-in tests: ${missing.join("; ")}`);

describe.skipIf(missing.length > 0)("speaking to the assistant over local WebRTC", { timeout: 240_000 }, () => {
  let sys: Awaited<ReturnType<typeof demoSystem>>;
  let rtc: LocalRtc<Employee>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    sys = await demoSystem("2026-11-26T08:57:00+08:00");
    // As the server does at start-up: building the decoder model inside a live call would stall it.
    await Promise.all([tts.warm(), stt.warm()]);
    const agent = new Agent(sys);
    rtc = createLocalRtc<Employee>({
      // As src/system.ts builds it: a spoken punch is judged by where the caller is.
      pipelineFor: (user, place) =>
        createVoiceSession({ vad: new EnergyVad(), stt, tts, runner: agent.conversation(user, undefined, { place: () => ({ ...place }) }), outputSampleRate: 48_000 }),
      limits: { mediaTimeoutMs: 4000 },
      onSessionEnd: (id, reason) => ended.push({ id, reason }),
    });
    app = createApp(sys, { rtc });
  });
  afterAll(async () => {
    await rtc?.closeAll();
    await stt.close?.();
    await tts.close?.();
  });

  const offerAs = (login: string, extra: Record<string, unknown> = {}) => async (sdp: string) => {
    const res = await app.request("/api/rtc/offer", { method: "POST", headers: { authorization: `Bearer ${await sys.token(login)}`, "content-type": "application/json" }, body: JSON.stringify({ sdp, ...extra }) });
    if (res.status !== 200) throw new Error(`offer refused: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { sdp: string; sessionId: string };
    opened.push(answer.sessionId);
    return answer;
  };

  it("hears 'check me in', records the punch as the signed-in employee, and answers in speech and text", async () => {
    const client = await connectClient(offerAs("wang"));
    await client.speak(concatPcm([silence(300), checkMeIn(), silence(700)]));
    const reply = await client.waitForEvent((e) => e.type === "transcript" && e.role === "agent", 90_000);
    expect(client.events.find((e) => e.type === "transcript" && e.role === "user")).toMatchObject({ text: "check me in" });
    expect(reply).toMatchObject({ text: "Checked in at 8:57, on time.", toolCalls: [expect.objectContaining({ name: "checkIn" })] });
    const punch = (await sys.store.punches.lastRecorded(sys.user("wang").id));
    expect(punch).toMatchObject({ method: "voice", atMs: Date.parse("2026-11-26T08:57:00+08:00") });
    // The metrics come once the last reply frame has been sent; then wait for it to arrive.
    await client.waitForEvent((e) => e.type === "metrics", 60_000);
    await client.waitFor(() => client.received.length * 20 >= replyAudioMs(client.events) - 100, 5000);
    const audio = concatPcm(client.received.map((r) => r.pcm));
    expect(audio.length / 48_000).toBeGreaterThan(1);
    expect(rmsDbfs(audio)).toBeGreaterThan(-35);
    await client.close();
  });

  it("makes no turn and writes nothing for audio that is only noise", async () => {
    const before = rowCounts(sys);
    const client = await connectClient(offerAs("li"));
    await client.speak(concatPcm([noise(1500, "white", 3000), noise(1500, "brown", 6000), silence(600)]));
    // A typed question after the noise: once it is taken, the noise before it has been heard through.
    client.channel.send(JSON.stringify({ type: "text", text: "how tall is mount everest" }));
    await client.waitForEvent((e) => e.type === "transcript" && e.role === "user", 20_000);
    expect(client.events.filter((e) => e.type === "user-speech")).toEqual([]);
    expect(client.events.filter((e) => e.type === "transcript" && e.role === "user").map((e) => e.text)).toEqual(["how tall is mount everest"]);
    expect(rowCounts(sys)).toEqual(before);
    await client.close();
  });

  it("judges a spoken check-in by the page's location like a button's: refused 1.2 km away under rule site, on the site once the page says it moved", async () => {
    const hq = await sys.sites.addSite(SYSTEM_ACTOR, { name: "总部", latitude: 31.2304, longitude: 121.4737, radiusM: 300, networks: [], active: true });
    await sys.sites.setDepartmentLocation(SYSTEM_ACTOR, "ENG", { rule: "site", sites: [hq.id] });
    const metresNorth = (m: number) => ({ latitude: 31.2304 + m / ((6_378_137 * Math.PI) / 180), longitude: 121.4737, accuracyM: 20 });
    const client = await connectClient(offerAs("chen", { location: metresNorth(1200) }));
    const agentSaid = async (n: number) => {
      await client.waitFor(() => client.events.filter((e) => e.type === "transcript" && e.role === "agent").length >= n, 90_000);
      return client.events.filter((e) => e.type === "transcript" && e.role === "agent")[n - 1];
    };
    await client.speak(concatPcm([silence(300), checkMeIn(), silence(700)]));
    expect((await agentSaid(1)).text).toBe("You are 1.2 km from the office (总部), outside the punch area.");
    expect(await sys.store.punches.lastRecorded(sys.user("chen").id)).toBeUndefined();
    // The page's location watch reports the office; the next "check me in" is on the site.
    client.channel.send(JSON.stringify({ type: "location", ...metresNorth(120) }));
    await client.speak(concatPcm([silence(300), checkMeIn(), silence(700)]));
    expect((await agentSaid(2)).text).toMatch(/^Checked in at 8:57, on time\. ?Punched at the office \(总部\)\.$/);
    expect((await sys.store.punches.lastRecorded(sys.user("chen").id))?.place).toMatchObject({ kind: "site", site: "总部", distanceM: 120 });
    await client.close();
  });

  it("refuses an unsigned offer with 401 and garbage SDP with 400", async () => {
    const unsigned = await app.request("/api/rtc/offer", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sdp: "v=0" }) });
    expect(unsigned.status).toBe(401);
    const garbage = await app.request("/api/rtc/offer", { method: "POST", headers: { authorization: `Bearer ${await sys.token("wang")}`, "content-type": "application/json" }, body: JSON.stringify({ sdp: "not an sdp" }) });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: string } }).error.code).toBe("BAD_SDP");
  });

  it("ends every session once its client is gone", async () => {
    expect(opened).toHaveLength(3);
    await waitUntil(() => rtc.sessionCount() === 0, 15_000);
    expect(ended.map((e) => e.id).sort()).toEqual([...opened].sort());
    // The test client closes its peer connection without a word: the server notices by the
    // data channel closing (hangup) or by the audio stopping (media-timeout).
    for (const { reason } of ended) expect(["hangup", "media-timeout"]).toContain(reason);
  });
});
