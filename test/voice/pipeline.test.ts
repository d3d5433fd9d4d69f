import { afterEach, describe, expect, it } from "vitest";
import { sliceFrames } from "../../src/voice/audio.ts";
import { createVoiceSession, type VoiceEvent, type VoiceSession } from "../../src/voice/pipeline.ts";
import { ScriptedTurnRunner, fixedReplyRunner, type Script } from "../../src/voice/testing/fake-runner.ts";
import { EnergyVad } from "../../src/voice/vad/energy.ts";
import { checkMeIn, concatPcm, noise, silence } from "./testing/audio.ts";
import { FakeStreamingStt, FakeStt, ToneTts, rmsDbfs } from "./testing/engines.ts";

interface Harness {
  session: VoiceSession;
  runner: ScriptedTurnRunner;
  stt: FakeStt;
  tts: ToneTts;
  events: { at: number; event: VoiceEvent }[];
  frames: { at: number; frame: Int16Array }[];
  waitFor(pred: (e: VoiceEvent) => boolean, timeoutMs?: number): Promise<VoiceEvent>;
}

const open: VoiceSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function harness(script: Script | ScriptedTurnRunner = fixedReplyRunner(), stt = new FakeStt(), drainTimeoutMs?: number): Harness {
  const runner = script instanceof ScriptedTurnRunner ? script : new ScriptedTurnRunner(script);
  const tts = new ToneTts();
  const session = createVoiceSession({ vad: new EnergyVad(), stt, tts, runner, drainTimeoutMs });
  open.push(session);
  const events: Harness["events"] = [];
  const frames: Harness["frames"] = [];
  const waiters: { pred: (e: VoiceEvent) => boolean; resolve: (e: VoiceEvent) => void }[] = [];
  session.listen({
    onEvent(event) {
      events.push({ at: performance.now(), event });
      for (const w of [...waiters]) if (w.pred(event)) waiters.splice(waiters.indexOf(w), 1), w.resolve(event);
    },
    onAudio(frame) {
      frames.push({ at: performance.now(), frame });
    },
  });
  const waitFor = (pred: (e: VoiceEvent) => boolean, timeoutMs = 10_000) => {
    const seen = events.find((e) => pred(e.event));
    if (seen) return Promise.resolve(seen.event);
    return new Promise<VoiceEvent>((resolve, reject) => {
      waiters.push({ pred, resolve });
      setTimeout(() => reject(new Error(`timed out; events: ${events.map((e) => e.event.type).join(",")}`)), timeoutMs);
    });
  };
  return { session, runner, stt, tts, events, frames, waitFor };
}

/** Pushes audio as a microphone would: one 20 ms frame every 20 ms. */
async function speak(session: VoiceSession, pcm: Int16Array): Promise<void> {
  const start = performance.now();
  const frames = sliceFrames(pcm, 16_000);
  for (let i = 0; i < frames.length; i++) {
    session.pushAudio(frames[i]);
    const due = start + (i + 1) * 20;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
}

const utterance = () => concatPcm([silence(200), checkMeIn(), silence(400)]);
const isAgentTranscript = (e: VoiceEvent) => e.type === "transcript" && e.role === "agent";

describe("voice session", () => {
  it("turns a spoken request into a transcript, a streamed reply, paced audio and metrics", async () => {
    const h = harness();
    h.session.pushAudio(utterance());
    await h.waitFor((e) => e.type === "metrics");
    await h.waitFor((e) => e.type === "state" && e.state === "listening");

    expect(h.runner.calls).toEqual(["check me in"]);
    const types = h.events.map((e) => (e.event.type === "state" ? `state:${e.event.state}` : e.event.type));
    expect(types.filter((t) => t !== "agent-text")).toEqual([
      "user-speech",
      "user-speech",
      "state:thinking",
      "transcript",
      "state:speaking",
      "transcript",
      "metrics",
      "state:listening",
    ]);
    const agent = h.events.map((e) => e.event).find(isAgentTranscript);
    expect(agent).toMatchObject({ text: "Checked in at 8:57, on time.", interrupted: false });

    // 20 ms frames at 16 kHz, audible, sent in real time (not all at once).
    expect(h.frames.length).toBeGreaterThan(20);
    expect(h.frames.every((f) => f.frame.length === 320)).toBe(true);
    expect(rmsDbfs(h.frames[10].frame)).toBeGreaterThan(-30);
    const spanMs = h.frames.at(-1)!.at - h.frames[0].at;
    expect(spanMs).toBeGreaterThan((h.frames.length - 4) * 20);

    const m = h.events.map((e) => e.event).find((e) => e.type === "metrics");
    if (m?.type !== "metrics") throw new Error("no metrics");
    expect(m.speechEndMs).toBeGreaterThanOrEqual(300);
    expect(m.sttDoneMs).toBeGreaterThanOrEqual(m.speechEndMs);
    expect(m.firstTextMs).toBeGreaterThanOrEqual(m.sttDoneMs);
    expect(m.firstAudioMs).toBeGreaterThanOrEqual(m.firstTextMs!);
    expect(m.e2eLatencyMs).toBe(m.firstAudioMs);
    expect(m.replyAudioMs).toBe(h.frames.length * 20);
  });

  it("produces no turn from noise, nor from speech the recogniser hears as nothing", async () => {
    const h = harness();
    h.session.pushAudio(concatPcm([noise(3000, "white", 8000), noise(3000, "brown", 8000)]));
    h.stt.text = "";
    h.session.pushAudio(utterance());
    await new Promise((r) => setTimeout(r, 300));
    expect(h.runner.calls).toEqual([]);
    expect(h.stt.heard).toHaveLength(1); // the noise never reached the recogniser
    expect(h.events.filter((e) => e.event.type === "transcript")).toEqual([]);
    expect(h.frames).toEqual([]);
    expect(h.session.state).toBe("listening");
  });

  it("stops the audio within 100 ms when the user talks over the reply, and says the reply was interrupted", async () => {
    const long = "This is a long reply. It goes on for a while. And then some more. Still talking here.";
    let calls = 0;
    const h = harness(() =>
      calls++ === 0
        ? [
            { type: "tool", name: "checkIn", result: { at: "08:57" }, durationMs: 50 },
            ...long.split(/(?<= )/).map((text) => ({ type: "text" as const, text, delayMs: 5 })),
            { type: "wait", ms: 5000 }, // the model is still busy when the user speaks
          ]
        : [{ type: "text", text: "You are already checked in." }],
    );
    h.session.pushAudio(utterance());
    await h.waitFor((e) => e.type === "state" && e.state === "speaking");
    await new Promise((r) => setTimeout(r, 300));
    const framesBefore = h.frames.length;

    const bargeIn = speak(h.session, concatPcm([checkMeIn(), silence(400)]));
    const heard = h.events.length;
    await h.waitFor((e) => e.type === "user-speech" && e.speaking && h.events.length > heard);
    const vadAt = h.events.findLast((e) => e.event.type === "user-speech")!.at;
    await bargeIn;

    const endAt = h.events.find((e) => e.at > vadAt && e.event.type === "user-speech")!.at;
    const after = h.frames.filter((f) => f.at > vadAt && f.at < endAt); // before the next reply
    expect(h.frames.length).toBeGreaterThan(framesBefore);
    expect(after.every((f) => f.at - vadAt <= 100)).toBe(true);
    expect(after.length).toBe(0); // cleared in the same call that delivered the speech

    const agent = await h.waitFor(isAgentTranscript);
    expect(agent).toMatchObject({ turnId: 1, interrupted: true, toolCalls: [{ name: "checkIn", result: { at: "08:57" } }] });
    if (agent.type !== "transcript" || agent.role !== "agent") throw new Error("not the agent transcript");
    expect(agent.text).toBe(long); // written in full before the user spoke...
    expect(agent.spokenText.length).toBeGreaterThan(0);
    expect(long.startsWith(agent.spokenText)).toBe(true);
    expect(agent.spokenText.length).toBeLessThan(long.length); // ...but not all of it was heard
    expect(h.runner.aborted).toBe(1);
    expect(h.runner.completedTools).toEqual(["checkIn"]);
    // The barge-in is itself a new request, answered in full.
    await h.waitFor((e) => isAgentTranscript(e) && e.turnId === 2);
    expect(h.runner.calls).toEqual(["check me in", "check me in"]);
  });

  it("keeps the words of a turn cut short before any reply and joins them to the next", async () => {
    const h = harness([{ type: "text", text: "OK.", delayMs: 600 }]);
    await speak(h.session, concatPcm([silence(100), checkMeIn(), silence(350)]));
    h.stt.text = "please";
    await speak(h.session, concatPcm([checkMeIn(), silence(400)]));
    await h.waitFor((e) => isAgentTranscript(e) && !e.interrupted);
    expect(h.runner.calls.at(-1)).toBe("check me in please");
  });

  it("streams the utterance to a streaming recogniser exactly as the VAD cut it", async () => {
    const stt = new FakeStreamingStt();
    const h = harness(fixedReplyRunner(), stt);
    const audio = concatPcm([silence(300), checkMeIn(), silence(500)]);
    for (let at = 0; at < audio.length; at += 977) h.session.pushAudio(audio.subarray(at, at + 977));
    await h.waitFor((e) => e.type === "transcript" && e.role === "user");
    const reference = new EnergyVad().push(audio).find((e) => e.type === "end-of-speech");
    if (reference?.type !== "end-of-speech") throw new Error("no utterance");
    expect(stt.streamed).toHaveLength(1);
    expect(Array.from(stt.streamed[0])).toEqual(Array.from(reference.audio));
    expect(h.runner.calls).toEqual(["check me in"]);
  });

  it("does not let a runner that ignores its abort signal hold an interrupted turn open", async () => {
    const stubborn = new ScriptedTurnRunner([]);
    stubborn.run = async function* () {
      yield { type: "text-delta" as const, text: "A long answer that keeps going. " };
      await new Promise((r) => setTimeout(r, 10_000));
    };
    const h = harness(stubborn, new FakeStt(), 100);
    h.session.pushText("hello");
    await h.waitFor((e) => e.type === "state" && e.state === "speaking");
    h.session.pushText("stop");
    const started = performance.now();
    expect(await h.waitFor((e) => isAgentTranscript(e) && e.turnId === 1)).toMatchObject({ interrupted: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("runs a typed turn without speech-to-text", async () => {
    const h = harness();
    h.session.pushText("check me out");
    await h.waitFor((e) => e.type === "metrics");
    expect(h.runner.calls).toEqual(["check me out"]);
    expect(h.stt.heard).toEqual([]);
    expect(h.frames.length).toBeGreaterThan(0);
  });

  it("reports a failing recogniser or agent as an error event and keeps listening", async () => {
    const h = harness(fixedReplyRunner(), new FakeStt("check me in", 10, true));
    h.session.pushAudio(utterance());
    expect(await h.waitFor((e) => e.type === "error")).toMatchObject({ code: "STT_FAILED", message: "recogniser crashed" });
    await h.waitFor((e) => e.type === "state" && e.state === "listening");

    const broken = new ScriptedTurnRunner([{ type: "text", text: "Hi." }]);
    broken.run = async function* () {
      throw new Error("model unreachable");
    };
    const h2 = harness(broken);
    h2.session.pushText("hello");
    expect(await h2.waitFor((e) => e.type === "error")).toMatchObject({ code: "AGENT_FAILED" });
    await h2.waitFor((e) => e.type === "state" && e.state === "listening");
  });

  it("sends nothing after close", async () => {
    const h = harness();
    h.session.pushText("check me in");
    await h.waitFor((e) => e.type === "state" && e.state === "speaking");
    await h.session.close();
    const n = h.frames.length + h.events.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(h.frames.length + h.events.length).toBe(n);
  });
});
