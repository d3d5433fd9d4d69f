/**
 * Speech-to-text through the `openai` package's transcription API: OpenAI itself (whisper-1,
 * gpt-4o-mini-transcribe) or any server speaking the same wire format (a local whisper server,
 * vLLM, Groq) via `baseURL`. Understands Chinese and English.
 */
import OpenAI, { toFile } from "openai";
import { resample, writeWav, type AudioChunk } from "../audio.ts";
import { abortError, detectLanguage, isAbortError, throwIfAborted, type EngineStatus, type Language } from "../engine.ts";
import { openAiClient, openAiStatus, type OpenAiConnection } from "../openai-client.ts";
import { batchStream } from "./batch-stream.ts";
import type { Stt, SttStream, TranscribeOptions, Transcript } from "./stt.ts";

/** Configuration of {@link OpenAiStt}. */
export interface OpenAiSttOptions extends OpenAiConnection {
  /** Model name. Default "gpt-4o-mini-transcribe". */
  model?: string;
}

/** OpenAI-compatible transcription. */
export class OpenAiStt implements Stt {
  readonly name = "openai";
  readonly languages: readonly Language[] = ["zh", "en"];
  private readonly client: OpenAI | undefined;
  private readonly model: string;

  constructor(options: OpenAiSttOptions = {}) {
    this.model = options.model ?? "gpt-4o-mini-transcribe";
    this.client = openAiClient(options);
  }

  available(): EngineStatus {
    return openAiStatus(this.client);
  }

  /** Nothing to load: each utterance is one HTTP request. */
  async warm(): Promise<void> {}

  /** Buffers the utterance; each pause and the end are one request (the API has no partials). */
  stream(options: TranscribeOptions = {}): SttStream {
    return batchStream((audio, o) => this.transcribe(audio, o), options);
  }

  async transcribe(audio: AudioChunk, options: TranscribeOptions = {}): Promise<Transcript> {
    throwIfAborted(options.signal);
    if (!this.client) throw new Error(`openai stt is not available: ${this.available().missing}`);
    // 16 kHz is what the models use internally; sending more only costs upload time.
    const pcm = audio.sampleRate === 16_000 ? audio.pcm : resample(audio.pcm, audio.sampleRate, 16_000);
    const file = await toFile(writeWav(pcm, 16_000), "utterance.wav", { type: "audio/wav" });
    try {
      // Token log-probabilities exist only for the gpt-4o transcription models (and servers
      // copying them); asking other models for them is an error.
      const logprobs = this.model.startsWith("gpt-4o");
      const res = await this.client.audio.transcriptions.create(
        { file, model: this.model, ...(options.language ? { language: options.language } : {}), ...(logprobs ? { include: ["logprobs" as const] } : {}) },
        { signal: options.signal },
      );
      const text = (res.text ?? "").trim();
      return { text, language: detectLanguage(text), confidence: meanProbability(res.logprobs) };
    } catch (err) {
      if (options.signal?.aborted || isAbortError(err)) throw abortError(options.signal);
      throw err;
    }
  }
}

/** The mean token probability (0..1) of a transcription's log-probabilities, if it has any. */
export function meanProbability(logprobs: readonly { logprob?: number }[] | undefined): number | undefined {
  const xs = (logprobs ?? []).map((l) => l.logprob).filter((x): x is number => typeof x === "number");
  if (xs.length === 0) return undefined;
  return Number((xs.reduce((a, x) => a + Math.exp(x), 0) / xs.length).toFixed(3));
}
