/**
 * Voice activity detection and endpointing: which parts of the microphone stream are a person
 * speaking, and when they have finished a turn.
 */

/** The user started speaking (after enough speech to rule out a click). */
export interface StartOfSpeech {
  type: "start-of-speech";
  /** Stream time at which the decision was made (ms since the first sample pushed). */
  atMs: number;
  /** Stream time of the first speech frame of this utterance (ms). */
  speechStartMs: number;
  /** The utterance so far (pre-roll included), for engines that transcribe while it is spoken. */
  audio: Int16Array;
}

/** The user stopped speaking for the endpointing silence: the utterance is complete. */
export interface EndOfSpeech {
  type: "end-of-speech";
  /** Stream time at which the decision was made (ms); `atMs - speechEndMs` is the silence waited. */
  atMs: number;
  /** Stream time of the first speech frame (ms). */
  speechStartMs: number;
  /** Stream time of the end of the last speech frame (ms). */
  speechEndMs: number;
  /** The utterance, with a little audio before and after the speech, at the VAD's sample rate. */
  audio: Int16Array;
}

/** What a {@link Vad} reports, in stream order. */
export type VadEvent = StartOfSpeech | EndOfSpeech;

/** Tuning shared by every VAD implementation. */
export interface EndpointingOptions {
  /** Silence after speech that ends an utterance (ms). Default 300. */
  minSilenceMs?: number;
  /** Speech needed before start-of-speech is reported (ms). Default 60. */
  minSpeechMs?: number;
  /** Audio kept from before the detected start, so soft onsets like "ch" reach STT (ms). Default 300. */
  prerollMs?: number;
  /** An utterance longer than this is ended anyway (ms). Default 15000. */
  maxUtteranceMs?: number;
}

/**
 * A stateful, per-session detector. Push audio as it arrives (any chunk length); events come
 * back synchronously, so a caller can react (barge-in) in the same tick as the audio.
 */
export interface Vad {
  /** The rate `push` expects (Hz). */
  readonly sampleRate: number;
  /** Whether the detector is inside an utterance now. */
  readonly speaking: boolean;
  /** Adds mono PCM16 samples; returns the events they caused, oldest first. */
  push(pcm: Int16Array): VadEvent[];
  /** Drops any utterance in progress and starts the stream clock again at 0. */
  reset(): void;
}

/** Runs a VAD over a stream of audio chunks. */
export async function* detectSpeech(vad: Vad, audio: AsyncIterable<Int16Array> | Iterable<Int16Array>): AsyncIterable<VadEvent> {
  for await (const chunk of audio) yield* vad.push(chunk);
}
