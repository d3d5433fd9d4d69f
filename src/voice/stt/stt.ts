/**
 * Speech-to-text: audio of an utterance in, its words out, either at once (`transcribe`) or
 * as a stream of tagged events while it is spoken (`stream`), like livekit agents-js's
 * `SpeechStream`. Every engine streams; one without a streaming API buffers (see batch-stream.ts).
 */
import type { AudioChunk } from "../audio.ts";
import type { EngineStatus, Language } from "../engine.ts";

/** What was said. */
export interface Transcript {
  /** The words, trimmed; "" when nothing intelligible was heard (noise, a cough). */
  text: string;
  /** Language of `text`, as reported by the engine or detected from the text. */
  language: Language;
  /**
   * How sure the engine is of `text`, 0..1, where it has a measure (sphinx: the lowest word
   * posterior; OpenAI-compatible servers: the mean token probability when they return
   * logprobs). Undefined when the engine gives none; the agent treats that as "not known",
   * not as certain.
   */
  confidence?: number;
}

/** Options of one transcription. */
export interface TranscribeOptions {
  /** Cancels the call; it then rejects with an error named "AbortError". */
  signal?: AbortSignal;
  /** Expected language, if known; engines that cannot use it ignore it. */
  language?: Language;
}

/**
 * What a stream reports, in order: any number of `interim` hypotheses (the words so far;
 * each replaces the previous one), then exactly one `final` unless the stream is cancelled.
 */
export type SttEvent = ({ type: "interim" } & Transcript) | ({ type: "final" } & Transcript);

/**
 * An utterance being transcribed as it is spoken. Iterate it for its events; iteration ends
 * after the `final`, ends quietly after `cancel`, and throws (AbortError on abort) on failure.
 */
export interface SttStream extends AsyncIterable<SttEvent> {
  /** Adds audio: mono PCM16 at 16 kHz. */
  push(pcm: Int16Array): void;
  /**
   * The speaker paused: report the words so far as an `interim` soon (again, if nothing was
   * pushed since the last one). The stream goes on; more audio may follow.
   */
  flush(): void;
  /** No more audio: the stream reports its `final` and ends. */
  end(): void;
  /** Abandons the utterance: no more events, resources freed. */
  cancel(): void;
}

/** A speech-to-text engine. Instances are shared by all sessions (they hold no per-call state). */
export interface Stt {
  /** Short engine name for logs and /api/health, e.g. "sphinx". */
  readonly name: string;
  /** Languages the engine understands; a future local Mandarin engine says ["zh"]. */
  readonly languages: readonly Language[];
  /** Whether the engine can run here; cheap and synchronous, safe to call at start-up. */
  available(): EngineStatus;
  /** Loads whatever makes the first call slow (a decoder process, a connection), ahead of time. */
  warm(): Promise<void>;
  /** Transcribes one utterance (mono PCM16; 16 kHz preferred, other rates are resampled). */
  transcribe(audio: AudioChunk, options?: TranscribeOptions): Promise<Transcript>;
  /** Transcribes an utterance as it is spoken (mono PCM16 at 16 kHz). */
  stream(options?: TranscribeOptions): SttStream;
  /** Releases warm processes or connections. */
  close?(): Promise<void>;
}

/** Reads a stream to its end and returns the final transcript. */
export async function finalTranscript(stream: AsyncIterable<SttEvent>): Promise<Transcript> {
  for await (const ev of stream) {
    if (ev.type === "final") {
      const { type: _, ...transcript } = ev;
      return transcript;
    }
  }
  throw new Error("the speech-to-text stream ended without a final transcript");
}
