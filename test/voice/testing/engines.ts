/** Hermetic engines for session tests: they hear and speak without any model, on the clock they are given. */
import { rmsDbfs, type AudioChunk } from "../../../src/voice/audio.ts";
import { realClock, type Clock } from "../../../src/voice/clock.ts";
import { abortError } from "../../../src/voice/engine.ts";
import { batchStream } from "../../../src/voice/stt/batch-stream.ts";
import type { Stt, SttStream, TranscribeOptions, Transcript } from "../../../src/voice/stt/stt.ts";
import { splitSentences, type SynthesizeOptions, type Tts } from "../../../src/voice/tts/tts.ts";

/** Hears `text` in any audible utterance and nothing in silence; can be made to fail. */
export class FakeStt implements Stt {
  readonly name = "fake";
  readonly languages = ["en", "zh"] as const;
  readonly heard: number[] = [];
  /** The confidence reported with each transcript (undefined: the engine gives none). */
  confidence: number | undefined;
  constructor(
    public text = "check me in",
    public delayMs = 30,
    public fail = false,
    public clock: Clock = realClock,
  ) {}
  available() {
    return { ok: true };
  }
  async warm() {}
  async transcribe(audio: AudioChunk, options: { signal?: AbortSignal } = {}): Promise<Transcript> {
    this.heard.push(audio.pcm.length / audio.sampleRate);
    await new Promise((r) => this.clock.setTimeout(() => r(undefined), this.delayMs));
    if (options.signal?.aborted) throw abortError(options.signal);
    if (this.fail) throw new Error("recogniser crashed");
    const text = rmsDbfs(audio.pcm) > -50 ? this.text : "";
    return { text, language: "en", ...(text && this.confidence !== undefined ? { confidence: this.confidence } : {}) };
  }

  /** Buffers the audio and transcribes at each flush and at the end. */
  stream(options: TranscribeOptions = {}): SttStream {
    return batchStream((audio, o) => this.transcribe(audio, o), options);
  }
}

/** The same, keeping the audio each transcription of a stream was given. */
export class FakeStreamingStt extends FakeStt {
  readonly streamed: Int16Array[] = [];
  stream(options: TranscribeOptions = {}): SttStream {
    return batchStream((audio, o) => (this.streamed.push(audio.pcm), this.transcribe(audio, o)), options);
  }
}

/** Speaks 40 ms of a 300 Hz tone per character at 22.05 kHz (so the pipeline must resample). */
export class ToneTts implements Tts {
  readonly name = "tone";
  readonly languages = ["en", "zh"] as const;
  readonly sentences: string[] = [];
  constructor(
    public delayMs = 10,
    public clock: Clock = realClock,
  ) {}
  available() {
    return { ok: true };
  }
  /** How many 20 ms frames at 16 kHz the pipeline sends for these sentences. */
  frameCount(text: string): number {
    return splitSentences(text).reduce((n, s) => n + Math.round(22_050 * 0.04 * s.length), 0) * 16_000 / 22_050 / 320;
  }
  async *synthesize(text: string, options: SynthesizeOptions): AsyncIterable<AudioChunk> {
    this.sentences.push(text);
    await new Promise((r) => this.clock.setTimeout(() => r(undefined), this.delayMs));
    if (options.signal?.aborted) throw abortError(options.signal);
    const rate = 22_050;
    const pcm = new Int16Array(Math.round(rate * 0.04 * text.length));
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / rate));
    // Two chunks per sentence, as a streaming engine would send.
    const half = Math.floor(pcm.length / 2);
    yield { pcm: pcm.slice(0, half), sampleRate: rate };
    yield { pcm: pcm.slice(half), sampleRate: rate };
  }
}

export { rmsDbfs };
