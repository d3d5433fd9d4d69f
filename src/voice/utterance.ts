/**
 * What the user is saying right now, between the VAD's start of speech and the end of their
 * turn: its transcription stream, its pauses, and the decisions the session takes on it.
 *
 * Turn end from the words (semantic endpointing): at each pause the stream is flushed; the
 * interim words are judged by the `completeness` function the composition root passes in (the
 * agent's intent model: "check me in" is complete, "leave from December" is not), and the turn
 * ends once the silence reaches the delay for that judgement: short for a complete request,
 * long for an unfinished one. Speech during the pause continues the same utterance.
 */
import type { Language } from "./engine.ts";
import type { SttStream, Transcript } from "./stt/stt.ts";
import type { EndOfSpeech } from "./vad/vad.ts";

/** Whether some words already make a whole request. */
export type Completeness = "complete" | "incomplete" | "unknown";

/** Judges a transcript so far; the agent's intent model provides one (src/voice never imports it). */
export type CompletenessFn = (text: string, language: Language) => Completeness;

/** Silence that ends a turn, by what the words so far are (ms). */
export interface EndpointingDelays {
  /** The words are a complete request ("check me in"). Default 120. */
  completeMs: number;
  /** Nothing is known about the words (no judge, or not a request). Default 400. */
  unknownMs: number;
  /** The words are an unfinished request ("leave from December"). Default 900. */
  incompleteMs: number;
}

export const DEFAULT_DELAYS: EndpointingDelays = { completeMs: 120, unknownMs: 400, incompleteMs: 900 };

/** Words in a transcript (Han characters count one each). */
export function wordCount(text: string): number {
  return (text.match(/\p{Script=Han}|[\p{L}\p{N}']+/gu) ?? []).length;
}

/** One utterance being heard. */
export class Utterance {
  /** The newest interim hypothesis (the words so far). */
  interim: Transcript | undefined;
  /** Set while the speaker is silent: the VAD's end of speech; cleared when they go on. */
  pause: EndOfSpeech | undefined;
  /** Silence after which the turn ends, once the words at this pause are judged (ms). */
  endAfterMs: number | undefined;
  /** Audio heard during the pause: fed to the stream only if the speaker goes on. */
  private gap: Int16Array[] = [];
  /** A flush was asked and its interim is not in yet. */
  private flushing = false;
  /** Resolves with the final transcript once the stream ends. */
  readonly final: Promise<Transcript>;

  constructor(
    readonly stream: SttStream,
    /** Stream time of the first speech (ms). */
    readonly speechStartMs: number,
    private readonly onInterim: (u: Utterance, t: Transcript) => void,
  ) {
    this.final = this.read();
    this.final.catch(() => {});
  }

  private async read(): Promise<Transcript> {
    for await (const ev of this.stream) {
      const { type, ...t } = ev;
      const transcript = { ...t, text: t.text.trim() };
      if (type === "final") return transcript;
      this.flushing = false;
      this.interim = transcript;
      this.onInterim(this, transcript);
    }
    return { text: "", language: "en" };
  }

  /** Audio of the utterance: to the recogniser while speaking, kept aside during a pause. */
  audio(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    if (this.pause) this.gap.push(pcm.slice());
    else this.stream.push(pcm);
  }

  /** The speaker stopped: ask for the words so far. */
  paused(end: EndOfSpeech): void {
    this.pause = end;
    this.endAfterMs = undefined;
    this.flush();
  }

  /** The speaker went on after a pause: the silence heard meanwhile belongs to the utterance. */
  resumed(): void {
    for (const pcm of this.gap) this.stream.push(pcm);
    this.gap = [];
    this.pause = undefined;
    this.endAfterMs = undefined;
  }

  /** Asks the recogniser for an interim, unless one is on its way. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.stream.flush();
  }

  /** Whether an interim asked for has not arrived yet. */
  get waitingForWords(): boolean {
    return this.flushing;
  }
}
