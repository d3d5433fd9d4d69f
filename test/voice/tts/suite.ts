/** The behaviour every text-to-speech engine must show; each engine's test file runs it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatPcm, rmsDbfs, type AudioChunk } from "../../../src/voice/audio.ts";
import type { Tts } from "../../../src/voice/tts/tts.ts";

export interface TtsHarness {
  tts: Tts;
  cleanup?: () => Promise<void>;
}

async function collect(chunks: AsyncIterable<AudioChunk>): Promise<AudioChunk> {
  const all: AudioChunk[] = [];
  for await (const c of chunks) all.push(c);
  expect(all.length).toBeGreaterThan(0);
  expect(new Set(all.map((c) => c.sampleRate)).size).toBe(1);
  return { pcm: concatPcm(all.map((c) => c.pcm)), sampleRate: all[0].sampleRate };
}

export function ttsSuite(name: string, make: () => Promise<TtsHarness>, skipReason?: string): void {
  if (skipReason) console.warn(`skipping ${name} TTS suite: ${skipReason}`);
  describe.skipIf(Boolean(skipReason))(`${name} text-to-speech`, () => {
    let h: TtsHarness;
    beforeAll(async () => {
      h = await make();
      await h.tts.warm?.();
    });
    afterAll(async () => {
      await h?.tts.close?.();
      await h?.cleanup?.();
    });

    it("says it is available", () => {
      expect(h.tts.available()).toEqual({ ok: true });
    });

    it.each([
      ["en", "Checked in at 8:57, on time."],
      ["zh", "你本月应出勤21天，已出勤18天。"],
    ] as const)("speaks a %s sentence as audible PCM of a plausible length", async (language, text) => {
      const audio = await collect(h.tts.synthesize(text, { language }));
      const seconds = audio.pcm.length / audio.sampleRate;
      expect(seconds).toBeGreaterThan(0.5);
      expect(seconds).toBeLessThan(10);
      expect(rmsDbfs(audio.pcm)).toBeGreaterThan(-40);
    });

    it("speaks text that starts with a dash instead of reading it as an option", async () => {
      const audio = await collect(h.tts.synthesize("-5 degrees outside.", { language: "en" }));
      expect(audio.pcm.length / audio.sampleRate).toBeGreaterThan(0.5);
    });

    it("rejects with AbortError when aborted", async () => {
      const run = async () => {
        for await (const _ of h.tts.synthesize("Hello there.", { language: "en", signal: AbortSignal.abort() })) void _;
      };
      await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    });
  });
}
