/**
 * Speech-to-text through the `openai` package's transcription API: OpenAI itself (whisper-1,
 * gpt-4o-mini-transcribe) or any server speaking the same wire format (a local whisper server,
 * vLLM, Groq) via `baseURL`. Understands Chinese and English.
 */
import OpenAI, { toFile } from "openai";
import { resample, writeWav, type AudioChunk } from "../audio.ts";
import { abortError, detectLanguage, isAbortError, throwIfAborted, type EngineStatus, type Language } from "../engine.ts";
import type { Stt, TranscribeOptions, Transcript } from "./stt.ts";

/** Configuration of {@link OpenAiStt}. */
export interface OpenAiSttOptions {
  /** API key; default `OPENAI_API_KEY`. Local servers often accept any non-empty string. */
  apiKey?: string;
  /** Server root including `/v1`; default `OPENAI_BASE_URL` or OpenAI's. */
  baseURL?: string;
  /** Model name. Default "gpt-4o-mini-transcribe". */
  model?: string;
  /** Per-request timeout (ms). Default 15000. */
  timeoutMs?: number;
  /** A ready client (tests, shared configuration); the options above are then ignored. */
  client?: OpenAI;
}

/** OpenAI-compatible transcription. */
export class OpenAiStt implements Stt {
  readonly name = "openai";
  readonly languages: readonly Language[] = ["zh", "en"];
  private readonly client: OpenAI | undefined;
  private readonly model: string;

  constructor(options: OpenAiSttOptions = {}) {
    const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
    this.model = options.model ?? "gpt-4o-mini-transcribe";
    this.client =
      options.client ??
      (apiKey
        ? new OpenAI({
            apiKey,
            baseURL: options.baseURL ?? process.env.OPENAI_BASE_URL,
            timeout: options.timeoutMs ?? 15_000,
            maxRetries: 1,
          })
        : undefined);
  }

  available(): EngineStatus {
    return this.client ? { ok: true } : { ok: false, missing: "set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)" };
  }

  async transcribe(audio: AudioChunk, options: TranscribeOptions = {}): Promise<Transcript> {
    throwIfAborted(options.signal);
    if (!this.client) throw new Error(`openai stt is not available: ${this.available().missing}`);
    // 16 kHz is what the models use internally; sending more only costs upload time.
    const pcm = audio.sampleRate === 16_000 ? audio.pcm : resample(audio.pcm, audio.sampleRate, 16_000);
    const file = await toFile(writeWav(pcm, 16_000), "utterance.wav", { type: "audio/wav" });
    try {
      const res = await this.client.audio.transcriptions.create(
        { file, model: this.model, ...(options.language ? { language: options.language } : {}) },
        { signal: options.signal },
      );
      const text = (res.text ?? "").trim();
      return { text, language: detectLanguage(text) };
    } catch (err) {
      if (options.signal?.aborted || isAbortError(err)) throw abortError(options.signal);
      throw err;
    }
  }
}
