/** The behaviour every speech-to-text engine must show; each engine's test file runs it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resample } from "../../../src/voice/audio.ts";
import type { Stt, SttEvent } from "../../../src/voice/stt/stt.ts";
import { checkMeIn, concatPcm, noise, silence } from "../testing/audio.ts";

export interface SttHarness {
  stt: Stt;
  cleanup?: () => Promise<void>;
}

/** Words only: lowercase, no punctuation. */
export const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, " ").replace(/\s+/g, " ").trim();

export function sttSuite(name: string, make: () => Promise<SttHarness>, skipReason?: string): void {
  if (skipReason) console.warn(`skipping ${name} STT suite: ${skipReason}`);
  describe.skipIf(Boolean(skipReason))(`${name} speech-to-text`, () => {
    let h: SttHarness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(async () => {
      await h?.stt.close?.();
      await h?.cleanup?.();
    });

    const utterance = () => concatPcm([silence(200), checkMeIn(), silence(300)]);

    it("says it is available", () => {
      expect(h.stt.available()).toEqual({ ok: true });
    });

    it("transcribes espeak-ng saying 'check me in'", async () => {
      const t = await h.stt.transcribe({ pcm: utterance(), sampleRate: 16_000 });
      expect(words(t.text)).toBe("check me in");
      expect(t.language).toBe("en");
    });

    it("accepts 48 kHz audio too", async () => {
      const t = await h.stt.transcribe({ pcm: resample(utterance(), 16_000, 48_000), sampleRate: 48_000 });
      expect(words(t.text)).toBe("check me in");
    });

    it("hears nothing in silence and in noise", async () => {
      expect((await h.stt.transcribe({ pcm: silence(1000), sampleRate: 16_000 })).text).toBe("");
      const quiet = await h.stt.transcribe({ pcm: noise(1000, "white", 20), sampleRate: 16_000 });
      expect(quiet.text).toBe("");
    });

    it("rejects with AbortError when aborted before or during the call", async () => {
      await expect(h.stt.transcribe({ pcm: utterance(), sampleRate: 16_000 }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
        name: "AbortError",
      });
      const ctl = new AbortController();
      const call = h.stt.transcribe({ pcm: utterance(), sampleRate: 16_000 }, { signal: ctl.signal });
      setTimeout(() => ctl.abort(), 5);
      await expect(call).rejects.toMatchObject({ name: "AbortError" });
    });

    it("streams: a pause gives an interim of the words so far, the end a final of the whole utterance", async () => {
      const stream = h.stt.stream();
      stream.push(concatPcm([silence(200), checkMeIn()]));
      stream.flush();
      const events: SttEvent[] = [];
      for await (const ev of stream) {
        events.push(ev);
        if (ev.type === "interim") {
          stream.push(silence(300)); // the speaker's pause goes on, then the turn ends
          stream.end();
        }
      }
      expect(events.map((e) => [e.type, words(e.text)])).toEqual([
        ["interim", "check me in"],
        ["final", "check me in"],
      ]);
      for (const e of events) if (e.confidence !== undefined) expect(e.confidence).toBeGreaterThan(0), expect(e.confidence).toBeLessThanOrEqual(1);
    });

    it("ends a stream quietly when it is cancelled", async () => {
      const stream = h.stt.stream();
      stream.push(utterance());
      stream.cancel();
      const events: SttEvent[] = [];
      for await (const ev of stream) events.push(ev);
      expect(events).toEqual([]);
    });

    it("serves several calls at once", async () => {
      const all = await Promise.all([1, 2, 3].map(() => h.stt.transcribe({ pcm: utterance(), sampleRate: 16_000 })));
      expect(all.map((t) => words(t.text))).toEqual(["check me in", "check me in", "check me in"]);
    });
  });
}
