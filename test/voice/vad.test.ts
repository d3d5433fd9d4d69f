import { beforeAll, describe, expect, it } from "vitest";
import { vadFactory } from "../../src/voice/engines.ts";
import { SileroVad, loadSileroModel, type SileroModel } from "../../src/voice/vad/silero.ts";
import { EnergyVad } from "../../src/voice/vad/energy.ts";
import type { VadEvent } from "../../src/voice/vad/vad.ts";
import { babble, checkMeIn, concatPcm, mix, noise, silence } from "./testing/audio.ts";

function run(vad: EnergyVad | SileroVad, pcm: Int16Array, chunk = 320): VadEvent[] {
  const events: VadEvent[] = [];
  for (let at = 0; at < pcm.length; at += chunk) events.push(...vad.push(pcm.subarray(at, at + chunk)));
  return events;
}

describe("energy VAD", () => {
  const speech = checkMeIn();
  const speechMs = (speech.length / 16_000) * 1000;

  it("finds one utterance in espeak speech and ends it after 300 ms of silence", () => {
    const events = run(new EnergyVad(), concatPcm([silence(500), speech, silence(1000)]));
    expect(events.map((e) => e.type)).toEqual(["start-of-speech", "end-of-speech"]);
    const [start, end] = events;
    if (start.type !== "start-of-speech" || end.type !== "end-of-speech") throw new Error("order");
    expect(start.speechStartMs).toBeGreaterThanOrEqual(480);
    expect(start.atMs - 500).toBeLessThan(200); // reported soon after the speech begins
    expect(Math.abs(end.speechEndMs - (500 + speechMs))).toBeLessThan(100);
    expect(end.atMs - end.speechEndMs).toBeGreaterThanOrEqual(300);
    expect(end.atMs - end.speechEndMs).toBeLessThan(340);
    // The utterance carries the whole phrase, including the unvoiced "ch" before detection.
    expect(end.audio.length / 16).toBeGreaterThan(speechMs);
  });

  it("reports nothing for silence", () => {
    expect(run(new EnergyVad(), silence(3000))).toEqual([]);
  });

  it.each(["white", "brown"] as const)("reports nothing for loud %s noise", (kind) => {
    const vad = new EnergyVad();
    expect(run(vad, concatPcm([silence(300), noise(4000, kind, 8000)]))).toEqual([]);
  });

  it("finds speech in steady background noise", () => {
    const bed = noise(3500, "white", 600);
    const events = run(new EnergyVad(), mix(bed, concatPcm([silence(1500), speech])));
    expect(events.map((e) => e.type)).toEqual(["start-of-speech", "end-of-speech"]);
  });

  it("bridges a short pause but splits at a long one", () => {
    const short = run(new EnergyVad(), concatPcm([speech, silence(80), speech, silence(600)]));
    expect(short.filter((e) => e.type === "end-of-speech")).toHaveLength(1);
    const long = run(new EnergyVad(), concatPcm([speech, silence(600), speech, silence(600)]));
    expect(long.filter((e) => e.type === "end-of-speech")).toHaveLength(2);
  });

  it("waits for the configured endpointing silence", () => {
    const [, end] = run(new EnergyVad({ minSilenceMs: 600 }), concatPcm([speech, silence(1000)]));
    if (end?.type !== "end-of-speech") throw new Error("no end");
    expect(end.atMs - end.speechEndMs).toBeGreaterThanOrEqual(600);
  });

  it("gives the same events and the same audio whatever the chunk size", () => {
    const pcm = concatPcm([silence(300), speech, silence(500)]);
    const plain = (es: VadEvent[]) => es.map((e) => ({ ...e, audio: Array.from(e.audio) }));
    const whole = plain(run(new EnergyVad(), pcm, 320));
    expect(whole.map((e) => e.type)).toEqual(["start-of-speech", "end-of-speech"]);
    expect(plain(run(new EnergyVad(), pcm, 977))).toEqual(whole);
    expect(plain(run(new EnergyVad(), pcm, 7))).toEqual(whole);
  });
});

describe("Silero VAD", () => {
  const speech = checkMeIn();
  let model: SileroModel;
  beforeAll(async () => {
    model = await loadSileroModel(); // ships with the project's npm packages: it must load here
  });

  it("finds one utterance in speech and ends it after the configured silence", () => {
    const events = run(new SileroVad(model, { minSilenceMs: 300 }), concatPcm([silence(500), speech, silence(1000)]));
    expect(events.map((e) => e.type)).toEqual(["start-of-speech", "end-of-speech"]);
    const end = events[1];
    if (end.type !== "end-of-speech") throw new Error("order");
    expect(end.atMs - end.speechEndMs).toBeGreaterThanOrEqual(300);
    expect(end.speechEndMs).toBeGreaterThan(500 + (speech.length / 16_000) * 1000 - 100);
  });

  it.each(["white", "brown"] as const)("reports nothing for loud %s noise", (kind) => {
    expect(run(new SileroVad(model), noise(4000, kind, 8000))).toEqual([]);
  });

  it("reports nothing for background talk well under the speaker", () => {
    expect(run(new SileroVad(model), babble(5000))).toEqual([]);
  });

  it("fails to load from a missing file, so the server falls back to the energy VAD", async () => {
    await expect(loadSileroModel("/nonexistent/silero.onnx")).rejects.toThrow();
    const vads = await vadFactory();
    expect(vads.status).toBe("vad silero: ready");
    expect(vads.create()).toBeInstanceOf(SileroVad);
  });
});
