/**
 * Text-to-speech through the `openai` package's speech API (tts-1, gpt-4o-mini-tts, or any
 * compatible server via `baseURL`), asking for raw PCM so audio can be played while it downloads.
 */
import OpenAI from "openai";
import { bytesToPcm16, type AudioChunk } from "../audio.ts";
import { abortError, isAbortError, throwIfAborted, type EngineStatus, type Language } from "../engine.ts";
import { openAiClient, openAiStatus, type OpenAiConnection } from "../openai-client.ts";
import type { SynthesizeOptions, Tts } from "./tts.ts";

/** OpenAI's `pcm` format: 24 kHz, mono, signed 16-bit little-endian. */
export const OPENAI_PCM_SAMPLE_RATE = 24_000;

/** Configuration of {@link OpenAiTts}. */
export interface OpenAiTtsOptions extends OpenAiConnection {
  /** Model. Default "gpt-4o-mini-tts". */
  model?: string;
  /** Voice. Default "alloy" (it speaks Chinese and English). */
  voice?: string;
}

/** OpenAI-compatible speech synthesis, streamed as PCM. */
export class OpenAiTts implements Tts {
  readonly name = "openai";
  readonly languages: readonly Language[] = ["zh", "en"];
  private readonly client: OpenAI | undefined;
  private readonly model: string;
  private readonly voice: string;

  constructor(options: OpenAiTtsOptions = {}) {
    this.model = options.model ?? "gpt-4o-mini-tts";
    this.voice = options.voice ?? "alloy";
    this.client = openAiClient(options);
  }

  available(): EngineStatus {
    return openAiStatus(this.client);
  }

  async *synthesize(text: string, options: SynthesizeOptions): AsyncIterable<AudioChunk> {
    throwIfAborted(options.signal);
    if (!this.client) throw new Error(`openai tts is not available: ${this.available().missing}`);
    try {
      const res = await this.client.audio.speech.create(
        { model: this.model, voice: this.voice, input: text, response_format: "pcm" },
        { signal: options.signal },
      );
      if (!res.body) return;
      let carry: Uint8Array | undefined; // an odd byte left from the previous network chunk
      for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) {
        let bytes = piece;
        if (carry) {
          bytes = new Uint8Array(carry.length + piece.length);
          bytes.set(carry);
          bytes.set(piece, carry.length);
          carry = undefined;
        }
        if (bytes.length % 2) {
          carry = bytes.slice(-1);
          bytes = bytes.subarray(0, bytes.length - 1);
        }
        if (bytes.length) yield { pcm: bytesToPcm16(bytes).slice(), sampleRate: OPENAI_PCM_SAMPLE_RATE };
      }
    } catch (err) {
      if (options.signal?.aborted || isAbortError(err)) throw abortError(options.signal);
      throw err;
    }
  }
}
