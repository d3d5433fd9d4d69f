import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { completeness } from "../../src/agent/intent/completeness.ts";
import { sliceFrames } from "../../src/voice/audio.ts";
import { createVoiceSession, type VoiceEvent, type VoiceSession, type VoiceSessionOptions } from "../../src/voice/session.ts";
import { ScriptedTurnRunner, fixedReplyRunner, type Script } from "../../src/voice/testing/fake-runner.ts";
import { EnergyVad } from "../../src/voice/vad/energy.ts";
import { SileroVad, loadSileroModel, type SileroModel } from "../../src/voice/vad/silero.ts";
import { babble, checkMeIn, concatPcm, noise, silence } from "./testing/audio.ts";
import { ManualClock } from "./testing/clock.ts";
import { FakeStreamingStt, FakeStt, ToneTts, rmsDbfs } from "./testing/engines.ts";

/** A session on a virtual clock; `at` fields are virtual ms. */
interface Harness {
  clock: ManualClock;
  session: VoiceSession;
  runner: ScriptedTurnRunner;
  stt: FakeStt;
  tts: ToneTts;
  events: { at: number; event: VoiceEvent }[];
  frames: { at: number; frame: Int16Array }[];
  logged: string[];
  /** Advances virtual time until an event matches (fails after `limitMs` of virtual time). */
  until(pred: (e: VoiceEvent) => boolean, limitMs?: number): Promise<VoiceEvent>;
  /** Pushes audio as a microphone would: one 20 ms frame per 20 ms of virtual time. */
  speak(pcm: Int16Array): Promise<void>;
}

const open: VoiceSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function harness(
  script: Script | ScriptedTurnRunner | "fixed" = "fixed",
  stt?: FakeStt,
  drainTimeoutMs?: number,
  more: Partial<Pick<VoiceSessionOptions, "vad" | "completeness" | "interruption">> = {},
): Harness {
  const clock = new ManualClock();
  const runner =
    script instanceof ScriptedTurnRunner ? script : script === "fixed" ? fixedReplyRunner(undefined, 5, clock) : new ScriptedTurnRunner(script, "en", clock);
  const recogniser = stt ?? new FakeStt();
  recogniser.clock = clock;
  const tts = new ToneTts(10, clock);
  const logged: string[] = [];
  const session = createVoiceSession({ vad: new EnergyVad(), stt: recogniser, tts, runner, drainTimeoutMs, clock, log: (m) => logged.push(m), ...more });
  open.push(session);
  const events: Harness["events"] = [];
  const frames: Harness["frames"] = [];
  session.listen({
    onEvent: (event) => events.push({ at: clock.now(), event }),
    onAudio: (frame) => frames.push({ at: clock.now(), frame }),
  });
  const until = async (pred: (e: VoiceEvent) => boolean, limitMs = 20_000) => {
    for (let waited = 0; ; waited += 5) {
      const seen = events.find((e) => pred(e.event));
      if (seen) return seen.event;
      if (waited > limitMs) throw new Error(`no such event in ${limitMs} ms; events: ${events.map((e) => e.event.type).join(",")}`);
      await clock.advance(5);
    }
  };
  const speak = async (pcm: Int16Array) => {
    for (const frame of sliceFrames(pcm, 16_000)) {
      session.pushAudio(frame);
      await clock.advance(20);
    }
  };
  return { clock, session, runner, stt: recogniser, tts, events, frames, logged, until, speak };
}

const utterance = () => concatPcm([silence(200), checkMeIn(), silence(400)]);
const isAgentTranscript = (e: VoiceEvent) => e.type === "transcript" && e.role === "agent";

describe("voice session", () => {
  it("turns a spoken request into a transcript, a streamed reply, paced audio and metrics", async () => {
    const h = harness();
    h.session.pushAudio(utterance());
    await h.until((e) => e.type === "metrics");
    await h.until((e) => e.type === "state" && e.state === "listening");

    expect(h.runner.calls).toEqual(["check me in"]);
    const types = h.events.map((e) => (e.event.type === "state" ? `state:${e.event.state}` : e.event.type));
    expect(types.filter((t) => t !== "agent-text")).toEqual([
      "user-speech",
      "user-speech",
      "transcript", // the words at the pause, before the turn is taken
      "state:thinking",
      "transcript",
      "state:speaking",
      "transcript",
      "metrics",
      "state:listening",
    ]);
    const transcripts = h.events.map((e) => e.event).filter((e) => e.type === "transcript");
    expect(transcripts[0]).toMatchObject({ role: "user", text: "check me in", final: false });
    expect(transcripts[1]).toMatchObject({ role: "user", text: "check me in", final: true });
    const agent = h.events.map((e) => e.event).find(isAgentTranscript);
    expect(agent).toMatchObject({ text: "Checked in at 8:57, on time.", interrupted: false });

    // 20 ms frames at 16 kHz, audible, paced at one frame per 20 ms (after a 40 ms lead).
    expect(h.frames.length).toBeGreaterThan(20);
    expect(h.frames.every((f) => f.frame.length === 320)).toBe(true);
    expect(rmsDbfs(h.frames[10].frame)).toBeGreaterThan(-30);
    const start = h.frames[0].at;
    expect(h.frames.every((f, i) => f.at >= start + i * 20 - 40 && f.at <= start + i * 20)).toBe(true);

    const m = h.events.map((e) => e.event).find((e) => e.type === "metrics");
    if (m?.type !== "metrics") throw new Error("no metrics");
    expect(m.speechEndMs).toBeGreaterThanOrEqual(300);
    expect(m.sttDoneMs).toBeGreaterThanOrEqual(m.speechEndMs); // the words at the pause were the final ones
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
    await h.clock.advance(1000);
    expect(h.runner.calls).toEqual([]);
    expect(h.stt.heard).toHaveLength(1); // the noise never reached the recogniser
    expect(h.events.filter((e) => e.event.type === "transcript")).toEqual([]);
    expect(h.frames).toEqual([]);
    expect(h.session.state).toBe("listening");
  });

  it("stops the audio at once when the user talks over the reply, and says the reply was interrupted", async () => {
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
    await h.until((e) => e.type === "state" && e.state === "speaking");
    await h.clock.advance(300);
    const framesBefore = h.frames.length;

    const heard = h.events.length;
    const bargeIn = h.speak(concatPcm([checkMeIn(), silence(400)]));
    await h.until((e) => e.type === "user-speech" && e.speaking && h.events.length > heard);
    const vadAt = h.events.findLast((e) => e.event.type === "user-speech")!.at;
    await bargeIn;

    const endAt = h.events.find((e) => e.at > vadAt && e.event.type === "user-speech")!.at;
    expect(h.frames.length).toBeGreaterThan(framesBefore);
    // Cleared in the same call that delivered the speech: nothing more until the next reply.
    expect(h.frames.filter((f) => f.at > vadAt && f.at < endAt)).toEqual([]);

    const agent = await h.until(isAgentTranscript);
    expect(agent).toMatchObject({ turnId: 1, interrupted: true, toolCalls: [{ name: "checkIn", result: { at: "08:57" } }] });
    if (agent.type !== "transcript" || agent.role !== "agent") throw new Error("not the agent transcript");
    expect(agent.text).toBe(long); // written in full before the user spoke...
    expect(agent.spokenText.length).toBeGreaterThan(0);
    expect(long.startsWith(agent.spokenText)).toBe(true);
    expect(agent.spokenText.length).toBeLessThan(long.length); // ...but not all of it was heard
    expect(h.runner.aborted).toBe(1);
    expect(h.runner.completedTools).toEqual(["checkIn"]);
    // The barge-in is itself a new request, answered in full.
    await h.until((e) => isAgentTranscript(e) && e.turnId === 2);
    expect(h.runner.calls).toEqual(["check me in", "check me in"]);
  });

  it("keeps the words of a turn cut short before any reply and joins them to the next", async () => {
    const h = harness([{ type: "text", text: "OK.", delayMs: 600 }]);
    await h.speak(concatPcm([silence(100), checkMeIn(), silence(350)]));
    h.stt.text = "please";
    await h.speak(concatPcm([checkMeIn(), silence(400)]));
    await h.until((e) => isAgentTranscript(e) && !e.interrupted);
    expect(h.runner.calls.at(-1)).toBe("check me in please");
  });

  it("streams the utterance to a streaming recogniser exactly as the VAD cut it", async () => {
    const stt = new FakeStreamingStt();
    const h = harness("fixed", stt);
    const audio = concatPcm([silence(300), checkMeIn(), silence(500)]);
    for (let at = 0; at < audio.length; at += 977) h.session.pushAudio(audio.subarray(at, at + 977));
    await h.until((e) => e.type === "transcript" && e.role === "user");
    const reference = new EnergyVad().push(audio).find((e) => e.type === "end-of-speech");
    if (reference?.type !== "end-of-speech") throw new Error("no utterance");
    expect(stt.streamed).toHaveLength(1);
    expect(Array.from(stt.streamed[0])).toEqual(Array.from(reference.audio));
    expect(h.runner.calls).toEqual(["check me in"]);
  });

  it("gives the agent the transcript's confidence with the words", async () => {
    const stt = new FakeStt();
    stt.confidence = 0.42;
    const h = harness("fixed", stt);
    h.session.pushAudio(utterance());
    await h.until((e) => e.type === "metrics");
    expect(h.runner.callOptions[0]).toMatchObject({ confidence: 0.42 });
    h.session.pushText("check me out");
    await h.until((e) => e.type === "metrics" && e.turnId === 2);
    expect(h.runner.callOptions[1].confidence).toBeUndefined(); // typed: nothing to doubt
  });

  it("does not let a runner that ignores its abort signal hold an interrupted turn open", async () => {
    const stubborn = new ScriptedTurnRunner([]);
    let release: () => void = () => {};
    stubborn.run = async function* () {
      yield { type: "text-delta" as const, text: "A long answer that keeps going. " };
      await new Promise<void>((r) => (release = r)); // never ends by itself
    };
    const h = harness(stubborn, undefined, 100);
    h.session.pushText("hello");
    await h.until((e) => e.type === "state" && e.state === "speaking");
    h.session.pushText("stop");
    const interruptedAt = h.clock.now();
    expect(await h.until((e) => isAgentTranscript(e) && e.turnId === 1)).toMatchObject({ interrupted: true });
    const reportedAt = h.events.find((e) => isAgentTranscript(e.event))!.at;
    expect(reportedAt - interruptedAt).toBe(100); // the drain timeout, not the runner, ended it
    release();
  });

  it("runs a typed turn without speech-to-text", async () => {
    const h = harness();
    h.session.pushText("check me out");
    await h.until((e) => e.type === "metrics");
    expect(h.runner.calls).toEqual(["check me out"]);
    expect(h.stt.heard).toEqual([]);
    expect(h.frames.length).toBeGreaterThan(0);
  });

  it("reports a failing recogniser or agent as an error event and keeps listening", async () => {
    const h = harness("fixed", new FakeStt("check me in", 10, true));
    h.session.pushAudio(utterance());
    expect(await h.until((e) => e.type === "error")).toMatchObject({ code: "STT_FAILED", message: "recogniser crashed" });
    await h.until((e) => e.type === "state" && e.state === "listening");

    const broken = new ScriptedTurnRunner([{ type: "text", text: "Hi." }]);
    broken.run = async function* () {
      throw new Error("model unreachable");
    };
    const h2 = harness(broken);
    h2.session.pushText("hello");
    expect(await h2.until((e) => e.type === "error")).toMatchObject({ code: "AGENT_FAILED" });
    await h2.until((e) => e.type === "state" && e.state === "listening");
  });

  it("goes on with the turn when one listener throws, and logs it", async () => {
    const h = harness();
    const other: VoiceEvent[] = [];
    h.session.listen({
      onEvent: (e) => {
        if (e.type === "transcript") throw new Error("listener bug");
      },
      onAudio: () => {
        throw new Error("audio listener bug");
      },
    });
    h.session.listen({ onEvent: (e) => other.push(e) });
    h.session.pushText("check me in");
    await h.until((e) => e.type === "metrics");
    expect(other.filter(isAgentTranscript)).toHaveLength(1);
    expect(h.frames.length).toBeGreaterThan(0);
    expect(h.logged.some((m) => m.includes("listener bug") && m.includes("transcript"))).toBe(true);
    expect(h.logged.some((m) => m.includes("audio listener bug"))).toBe(true);
  });

  it("sends nothing after close", async () => {
    const h = harness();
    h.session.pushText("check me in");
    await h.until((e) => e.type === "state" && e.state === "speaking");
    await h.session.close();
    const n = h.frames.length + h.events.length;
    await h.clock.advance(2000);
    expect(h.frames.length + h.events.length).toBe(n);
  });
});

describe("turn-taking by the words", () => {
  // The agent's judge, as the composition root passes it.
  const judge = (text: string, language: "zh" | "en") => completeness(text, language);
  const shortPauses = () => new EnergyVad({ minSilenceMs: 100 });
  const endpointMs = async (text: string) => {
    const stt = new FakeStt(text);
    const h = harness("fixed", stt, undefined, { vad: shortPauses(), completeness: judge });
    await h.speak(concatPcm([silence(200), checkMeIn(), silence(1500)]));
    const m = await h.until((e) => e.type === "metrics");
    if (m.type !== "metrics") throw new Error("no metrics");
    return m.speechEndMs;
  };

  it("ends the turn sooner after a complete request than after an unfinished one", async () => {
    const complete = await endpointMs("check me in");
    const unfinished = await endpointMs("i want to take annual leave from");
    expect(complete).toBeLessThanOrEqual(200); // the 120 ms delay, measured in 20 ms frames
    expect(unfinished).toBeGreaterThanOrEqual(900);
    expect(complete).toBeLessThan(unfinished);
  });

  it("takes speech after a pause in an unfinished request as the same turn", async () => {
    const stt = new FakeStt("i want to take annual leave from");
    const h = harness("fixed", stt, undefined, { vad: shortPauses(), completeness: judge });
    await h.speak(concatPcm([silence(200), checkMeIn(), silence(400)]));
    expect(h.events.filter((e) => e.event.type === "user-speech")).toHaveLength(2); // a pause...
    expect(h.runner.calls).toEqual([]); // ...that did not end the turn
    stt.text = "i want to take annual leave from december first to third";
    await h.speak(concatPcm([checkMeIn(), silence(1000)]));
    await h.until((e) => e.type === "metrics");
    expect(h.runner.calls).toEqual(["i want to take annual leave from december first to third"]);
    const interim = h.events.filter((e) => e.event.type === "transcript" && !e.event.final).map((e) => (e.event as { text: string }).text);
    expect(interim[0]).toBe("i want to take annual leave from"); // shown on the page as it was heard
  });
});

describe("interruptions", () => {
  const reply = "This is a long reply. It goes on for a while. And then some more. Still talking here.";
  const longReply = (): Script => reply.split(/(?<= )/).map((text) => ({ type: "text" as const, text, delayMs: 5 }));
  /** A reply that is playing, with the recogniser set to hear `heard` in what comes next. */
  const playing = async (heard: string) => {
    const stt = new FakeStt();
    const h = harness(longReply(), stt);
    h.session.pushText("tell me something long");
    await h.until((e) => e.type === "state" && e.state === "speaking");
    await h.clock.advance(300);
    stt.text = heard;
    return h;
  };
  const agentReply = (h: Harness) => h.until(isAgentTranscript) as Promise<Extract<VoiceEvent, { type: "transcript"; role: "agent" }>>;

  it("lets the reply go on through a cough-like burst", async () => {
    const h = await playing("");
    const burst = checkMeIn().subarray(0, 16 * 120); // 120 ms of voice
    await h.speak(concatPcm([burst, silence(600)]));
    const agent = await agentReply(h);
    expect(agent).toMatchObject({ interrupted: false, text: reply, spokenText: reply });
    expect(h.runner.aborted).toBe(0);
    expect(h.runner.calls).toHaveLength(1); // the burst made no turn
  });

  it("resumes a reply where it stopped after a false interruption", async () => {
    const h = await playing(""); // sustained sound, but no words in it
    const sentBefore = h.frames.length;
    const heard = h.events.length;
    const speaking = h.speak(concatPcm([checkMeIn(), silence(600)]));
    await h.until((e) => e.type === "user-speech" && e.speaking && h.events.length > heard);
    const heldAt = h.frames.length;
    await speaking;
    const agent = await agentReply(h);
    expect(agent).toMatchObject({ interrupted: false, spokenText: reply });
    // Held while it was not clear, then every frame played once, in order, none dropped.
    expect(heldAt).toBeGreaterThan(sentBefore);
    const m = await h.until((e) => e.type === "metrics");
    if (m.type !== "metrics") throw new Error("no metrics");
    expect(m.replyAudioMs).toBe(h.frames.length * 20);
    expect(h.frames.length).toBe(new ToneTts().frameCount(reply));
  });

  it("stops the reply for sustained speech with words", async () => {
    const h = await playing("stop");
    const heard = h.events.length;
    const speaking = h.speak(concatPcm([checkMeIn(), silence(600)]));
    await h.until((e) => e.type === "user-speech" && e.speaking && h.events.length > heard);
    const startAt = h.clock.now();
    await speaking;
    const agent = await agentReply(h);
    expect(agent).toMatchObject({ interrupted: true });
    // Nothing more of the first reply once the speech began (the next frames are the answer to "stop").
    const nextTurnAt = h.events.find((e) => e.event.type === "state" && e.event.state === "thinking" && e.at > startAt)!.at;
    expect(h.frames.filter((f) => f.at >= startAt && f.at <= nextTurnAt)).toEqual([]);
    expect(h.runner.calls.at(-1)).toBe("stop");
  });
});

describe("with the Silero VAD", () => {
  let model: SileroModel | undefined;
  let reason = "";
  beforeAll(async () => {
    model = await loadSileroModel().catch((err: Error) => ((reason = err.message), undefined));
  });

  it("makes no turn from background talk, but one from the person at the microphone", async () => {
    if (!model) throw new Error(`the Silero model must load here: ${reason}`);
    const stt = new FakeStt(); // hears "check me in" in anything audible that reaches it
    const h = harness("fixed", stt, undefined, { vad: new SileroVad(model, { minSilenceMs: 100 }) });
    await h.speak(babble(4000));
    await h.clock.advance(1000);
    expect(h.stt.heard).toEqual([]);
    expect(h.runner.calls).toEqual([]);
    await h.speak(concatPcm([checkMeIn(), silence(800)]));
    await h.until((e) => e.type === "metrics");
    expect(h.runner.calls).toEqual(["check me in"]);
  });
});
