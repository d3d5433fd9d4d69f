/** Speech-to-text: one finished utterance in, its words out. */
import type { AudioChunk } from "../audio.ts";
import type { EngineStatus, Language } from "../engine.ts";

/** What was said. */
export interface Transcript {
  /** The words, trimmed; "" when nothing intelligible was heard (noise, a cough). */
  text: string;
  /** Language of `text`, as reported by the engine or detected from the text. */
  language: Language;
}

/** Options of one transcription. */
export interface TranscribeOptions {
  /** Cancels the call; it then rejects with an error named "AbortError". */
  signal?: AbortSignal;
  /** Expected language, if known; engines that cannot use it ignore it. */
  language?: Language;
}

/** A speech-to-text engine. Instances are shared by all sessions (they hold no per-call state). */
export interface Stt {
  /** Short engine name for logs and /api/health, e.g. "sphinx". */
  readonly name: string;
  /** Languages the engine understands. */
  readonly languages: readonly Language[];
  /** Whether the engine can run here; cheap and synchronous, safe to call at start-up. */
  available(): EngineStatus;
  /** Transcribes one utterance (mono PCM16; 16 kHz preferred, other rates are resampled). */
  transcribe(audio: AudioChunk, options?: TranscribeOptions): Promise<Transcript>;
  /** Optional: a transcription fed while the user is still speaking (lower latency at the endpoint). */
  stream?(options?: TranscribeOptions): SttStream;
  /** Releases warm processes or connections. */
  close?(): Promise<void>;
}

/** An utterance being transcribed as it is spoken. */
export interface SttStream {
  /** Adds audio: mono PCM16 at 16 kHz. */
  push(pcm: Int16Array): void;
  /** No more audio; resolves with the transcript (rejects with AbortError if aborted). */
  finish(): Promise<Transcript>;
  /** Abandons the utterance: no transcript, resources freed. */
  cancel(): void;
}
