/**
 * Text-to-speech, streamed by sentence: the first sentence of a reply is spoken while the
 * agent is still writing the rest, which is most of what makes a voice reply feel immediate.
 */
import type { AudioChunk } from "../audio.ts";
import { abortError, detectLanguage, type EngineStatus, type Language } from "../engine.ts";

/** Options of one synthesis. */
export interface SynthesizeOptions {
  /** Language of the text; picks the voice. */
  language: Language;
  /** Cancels the call; the stream then ends by throwing an error named "AbortError". */
  signal?: AbortSignal;
}

/** A text-to-speech engine. Instances are shared by all sessions. */
export interface Tts {
  /** Short engine name for logs and /api/health, e.g. "espeak". */
  readonly name: string;
  /** Languages it has voices for. */
  readonly languages: readonly Language[];
  /** Whether the engine can run here; cheap and synchronous. */
  available(): EngineStatus;
  /** Speaks `text` (a sentence or a few); yields mono PCM16 chunks as they become ready. */
  synthesize(text: string, options: SynthesizeOptions): AsyncIterable<AudioChunk>;
  /** Loads whatever makes the first call slow (models, WASM), ahead of time. */
  warm?(): Promise<void>;
  /** Releases what `warm` loaded. */
  close?(): Promise<void>;
}

// Closing quotes and brackets that belong to the sentence they end.
const CLOSERS = "\"'”’」』）)]";
const CJK_END = "。！？；";
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec"]);

/**
 * Cuts streamed text into sentences: after `。！？；` at once, after `. ! ?` when white space
 * follows (so "8.57" and "e.g. this" do not split), and at line breaks. Livekit's splitter
 * knows only `. ? !`, which leaves a Chinese reply as one long "sentence" and delays its first
 * audio until the whole reply is written.
 */
export class SentenceSplitter {
  private buf = "";

  /** Adds a text delta; returns the sentences it completed, trimmed, in order. */
  push(delta: string): string[] {
    this.buf += delta;
    const out: string[] = [];
    let start = 0;
    let i = 0;
    while (i < this.buf.length) {
      const ch = this.buf[i];
      let end = -1; // index just past a finished sentence
      if (ch === "\n") {
        end = i + 1;
      } else if (CJK_END.includes(ch)) {
        end = this.skipClosers(i + 1);
      } else if (ch === "." || ch === "!" || ch === "?") {
        let j = i + 1;
        while (j < this.buf.length && ".!?".includes(this.buf[j])) j++;
        j = this.skipClosers(j);
        if (j >= this.buf.length) break; // "8." may go on as "8.57": wait for the next delta
        if (/\s/.test(this.buf[j]) && !(ch === "." && this.isAbbreviation(start, i))) end = j;
        else i = j - 1;
      }
      if (end < 0) {
        i++;
        continue;
      }
      const sentence = this.buf.slice(start, end).trim();
      if (/[\p{L}\p{N}]/u.test(sentence)) out.push(sentence);
      start = i = end;
    }
    this.buf = this.buf.slice(start);
    return out;
  }

  /** Returns what is left as a last sentence (if it has any words). */
  flush(): string[] {
    const rest = this.buf.trim();
    this.buf = "";
    return /[\p{L}\p{N}]/u.test(rest) ? [rest] : [];
  }

  private skipClosers(at: number): number {
    while (at < this.buf.length && CLOSERS.includes(this.buf[at])) at++;
    return at;
  }

  private isAbbreviation(start: number, dot: number): boolean {
    const word = /([\p{L}.]+)$/u.exec(this.buf.slice(start, dot))?.[1]?.toLowerCase() ?? "";
    return ABBREVIATIONS.has(word);
  }
}

/** Splits a whole text into sentences (see {@link SentenceSplitter}). */
export function splitSentences(text: string): string[] {
  const s = new SentenceSplitter();
  return [...s.push(text), ...s.flush()];
}

/** One piece of synthesised audio and the sentence it belongs to. */
export interface SpokenChunk {
  sentence: string;
  /** Position of the sentence in the reply, from 0. */
  index: number;
  chunk: AudioChunk;
}

/**
 * Speaks streamed text sentence by sentence: text is read in the background so the agent is
 * never held up by synthesis, and each sentence is synthesised as soon as it is complete, in
 * its own detected language unless `language` forces one.
 */
export async function* synthesizeBySentence(
  tts: Tts,
  text: AsyncIterable<string>,
  options: { signal?: AbortSignal; language?: Language } = {},
): AsyncIterable<SpokenChunk> {
  const sentences: string[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const splitter = new SentenceSplitter();
  void (async () => {
    try {
      for await (const delta of text) {
        sentences.push(...splitter.push(delta));
        notify();
        if (options.signal?.aborted) return;
      }
      sentences.push(...splitter.flush());
    } catch (err) {
      failure = err;
    } finally {
      finished = true;
      notify();
    }
  })();
  for (let index = 0; ; index++) {
    while (sentences.length === 0 && !finished) await new Promise<void>((r) => (wake = r));
    if (options.signal?.aborted) throw abortError(options.signal);
    if (failure) throw failure;
    const sentence = sentences.shift();
    if (sentence === undefined) return;
    const language = options.language ?? detectLanguage(sentence);
    for await (const chunk of tts.synthesize(sentence, { language, signal: options.signal })) {
      yield { sentence, index, chunk };
    }
  }
}
