/**
 * Speech-to-text with CMU PocketSphinx, the Debian binary, constrained by a JSGF grammar.
 *
 * A grammar (generated from the intent templates) instead of the general language model turns
 * a weak open-vocabulary recogniser into a usable command recogniser: it mostly hears sentences
 * the assistant understands. By default the grammar is compiled into a trigram model and a
 * dictionary of its words only (see grammar-lm.ts for why not the grammar search itself).
 *
 * Each utterance is decoded by its own process reading raw PCM on stdin, fed while the user is
 * still speaking (`stream`), so at the endpoint only the tail is left to decode. Loading the
 * model takes most of a cold call, so one process is started ahead of time and waits on stdin
 * ("kept warm"); the next is started as soon as it is taken.
 *
 * Two command-line generations exist: Debian 12 ships 0.8+5prealpha (`pocketsphinx_continuous
 * -infile FILE`, plain text out); PocketSphinx 5.x has `pocketsphinx single FILE` with JSON lines
 * out. Both are supported; only the first is installed on the machine this was written on.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concatPcm, foldToDoubleRate, pcm16ToBytes, resample, writeWav, type AudioChunk } from "../audio.ts";
import { abortError, findExecutable, isExecutable, throwIfAborted, type EngineStatus, type Language } from "../engine.ts";
import { everydayWords } from "./everyday-words.ts";
import { compoundPronunciation, grammarWords, spelledPronunciation } from "./sphinx-words.ts";
import { grammarLanguageModel, type BackgroundWords } from "./grammar-lm.ts";
import { Channel } from "../channel.ts";
import { finalTranscript, type Stt, type SttEvent, type SttStream, type TranscribeOptions, type Transcript } from "./stt.ts";

/** Where Debian's pocketsphinx-en-us puts the US English model. */
export const DEBIAN_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
/** A stream still open after this long is cut: nobody speaks one request for two minutes. */
const MAX_UTTERANCE_MS = 120_000;
const INSTALL_HINT = "apt-get install pocketsphinx pocketsphinx-en-us";

/** Configuration of {@link SphinxStt}. */
export interface SphinxSttOptions {
  /** JSGF grammar text (`#JSGF V1.0; grammar g; public <s> = ...;`); its words must be in the dictionary. */
  grammar: string;
  /** Decoder binary; default: `pocketsphinx_continuous`, else `pocketsphinx` (5.x), found on PATH. */
  binary?: string;
  /** Model directory holding `en-us/` (acoustic model) and `cmudict-en-us.dict`. */
  modelDir?: string;
  /** Keep one decoder process started and waiting. Default true. */
  keepWarm?: boolean;
  /**
   * Longest a decode may take after the utterance ended before it is killed (ms). Default 30000:
   * a guard against a hung decoder, generous because a loaded machine loads the model slowly.
   */
  timeoutMs?: number;
  /**
   * "lm" (default): decode with a trigram model sampled from the grammar (see grammar-lm.ts for
   * why); "fsg": decode with the grammar itself.
   */
  search?: "lm" | "fsg";
  /**
   * How many of the most frequent spoken English words join the language model beside the
   * grammar's (see everyday-words.ts), and the share of probability they get. Default
   * {@link EVERYDAY_WORDS} and {@link EVERYDAY_SHARE}; 0 words for a model of the grammar only.
   */
  everyday?: { words: number; share: number };
  /**
   * Extra decoder options. Default for "fsg": beams wider than pocketsphinx's (`-beam 1e-60
   * -pbeam 1e-60 -wbeam 1e-40`), without which short commands lose to one-word paths.
   */
  searchArgs?: string[];
}

type Flavor = "continuous" | "v5";

/** Everyday words in the model by default (measured in bench/voice-accuracy.ts). */
export const EVERYDAY_WORDS = 5000;
/** Their share of the probability in every context by default. */
export const EVERYDAY_SHARE = 0.1;

interface Decoder {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with stdout once the process exits cleanly. */
  done: Promise<string>;
  /** Audio kept for the 5.x command line, which reads one WAV at the end. */
  buffered: Int16Array[];
}

/** Child stdio streams are sockets with ref/unref, though typed as plain streams. */
function refStream(stream: object, on: boolean): void {
  const s = stream as { ref?: () => void; unref?: () => void };
  if (on) s.ref?.();
  else s.unref?.();
}

/**
 * Audio at the acoustic model's 16 kHz. Narrowband 8 kHz speech (a chat app's AMR voice message)
 * is folded rather than resampled: with the 4-8 kHz band empty the wideband model heard almost
 * none of it. Measured on the first 40 requests of bench/voice-cases.jsonl, flite slt and rms,
 * through AMR 12.2 kbit/s: word accuracy 0.066 resampled, 0.699 folded (0.908 for the same
 * speech at 16 kHz without AMR); whole sentences right 1, 27 and 52 of 80.
 */
function toModelRate(audio: AudioChunk): Int16Array {
  if (audio.sampleRate === 16_000) return audio.pcm;
  return audio.sampleRate === 8_000 ? foldToDoubleRate(audio.pcm) : resample(audio.pcm, audio.sampleRate, 16_000);
}

/** PocketSphinx speech-to-text, English, grammar-constrained. */
export class SphinxStt implements Stt {
  readonly name = "sphinx";
  readonly languages: readonly Language[] = ["en"];
  private readonly binary: string | undefined;
  private readonly flavor: Flavor;
  private readonly modelDir: string;
  private readonly keepWarm: boolean;
  private readonly timeoutMs: number;
  private readonly search: "lm" | "fsg";
  private readonly searchArgs: string[];
  private dir: string | undefined;
  private spare: Decoder | undefined;
  private dict: Map<string, string[]> | undefined;
  private background: BackgroundWords | undefined;
  private closed = false;

  constructor(private readonly options: SphinxSttOptions) {
    this.binary = options.binary ?? findExecutable("pocketsphinx_continuous") ?? findExecutable("pocketsphinx");
    this.flavor = this.binary?.endsWith("_continuous") ? "continuous" : "v5";
    this.modelDir = options.modelDir ?? DEBIAN_MODEL_DIR;
    this.keepWarm = options.keepWarm ?? true;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.search = options.search ?? "lm";
    this.searchArgs = options.searchArgs ?? (this.search === "fsg" ? ["-beam", "1e-60", "-pbeam", "1e-60", "-wbeam", "1e-40"] : []);
  }

  available(): EngineStatus {
    if (!this.binary || !isExecutable(this.binary)) return { ok: false, missing: INSTALL_HINT };
    if (!existsSync(join(this.modelDir, "en-us", "mdef"))) return { ok: false, missing: INSTALL_HINT };
    if (!/public\s*</.test(this.options.grammar)) return { ok: false, missing: "a JSGF grammar with a public rule" };
    return { ok: true };
  }

  /** Grammar words the pronunciation dictionary lacks (they get guessed pronunciations). */
  unknownWords(): string[] {
    return grammarWords(this.options.grammar).filter((w) => !this.dictionary().has(w));
  }

  /** The pronunciation dictionary, word -> pronunciations (loaded once per engine). */
  private dictionary(): Map<string, string[]> {
    if (!this.dict) {
      this.dict = new Map();
      for (const line of readFileSync(join(this.modelDir, "cmudict-en-us.dict"), "utf8").split("\n")) {
        const space = line.indexOf(" ");
        if (space <= 0) continue;
        const word = line.slice(0, space).replace(/\(\d+\)$/, "");
        const list = this.dict.get(word) ?? [];
        list.push(line.slice(space + 1).trim());
        this.dict.set(word, list);
      }
    }
    return this.dict;
  }

  /**
   * A dictionary holding only the grammar's words: the decoder loads it in ~10 ms instead of
   * ~90 ms for all 130k words, and words missing from CMUdict (which would make the decoder
   * refuse the whole grammar) get a pronunciation from their parts ("timesheet" = "time" +
   * "sheet") or from spelling rules.
   */
  private grammarDictionary(): string {
    const dict = this.dictionary();
    const lines: string[] = [];
    const words = new Set([...grammarWords(this.options.grammar), ...(this.everyday()?.frequencies.keys() ?? [])]);
    for (const word of words) {
      const known = dict.get(word);
      const prons = known ?? [compoundPronunciation(word, dict) ?? spelledPronunciation(word)];
      prons.forEach((p, i) => lines.push(`${i ? `${word}(${i + 1})` : word} ${p}`));
    }
    return lines.join("\n") + "\n";
  }

  /** The everyday words mixed into the language model, if any (the "lm" search only). */
  private everyday(): BackgroundWords | undefined {
    const { words, share } = this.options.everyday ?? { words: EVERYDAY_WORDS, share: EVERYDAY_SHARE };
    if (this.search !== "lm" || words <= 0 || share <= 0) return undefined;
    this.background ??= { frequencies: everydayWords(words, (w) => this.dictionary().has(w)), weight: share };
    return this.background;
  }

  /** Starts the waiting decoder now rather than at the first utterance. */
  async warm(): Promise<void> {
    if (this.available().ok && !this.spare && !this.closed) this.spare = this.start(false);
  }

  async transcribe(audio: AudioChunk, options: TranscribeOptions = {}): Promise<Transcript> {
    throwIfAborted(options.signal);
    const stream = this.stream(options);
    stream.push(toModelRate(audio));
    stream.end();
    return finalTranscript(stream);
  }

  /**
   * Starts decoding before the utterance is complete: the 0.8 decoder reads stdin as it
   * arrives, so when the endpoint comes only the last few hundred ms are left to decode.
   * `flush` closes the decoder's input and reports its result as an interim; audio pushed
   * after that goes to a fresh decoder fed the whole utterance again (decoding it in pieces
   * would lose the language model's context across the pause), and the final is that
   * decoder's result, or the interim itself when nothing came after it.
   */
  stream(options: TranscribeOptions = {}): SttStream {
    const status = this.available();
    if (!status.ok) throw new Error(`sphinx is not available: ${status.missing}`);
    const { signal } = options;
    const events = new Channel<SttEvent>();
    const audio: Int16Array[] = [];
    const live = new Set<Decoder>();
    let samples = 0;
    let decoder: Decoder | undefined;
    let last: { samples: number; result: Promise<Transcript> } | undefined;
    let ended = false;
    const killAll = () => {
      for (const d of live) d.child.kill("SIGKILL");
    };
    // Until the utterance ends, only a stream left open far longer than anyone speaks is cut;
    // the decode timeout starts when it ends (speaking time is not decoding time).
    let timer = setTimeout(killAll, Math.max(MAX_UTTERANCE_MS, this.timeoutMs));
    const onAbort = () => {
      killAll();
      events.fail(abortError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const release = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const open = (): Decoder => {
      const d = this.take();
      live.add(d);
      void d.done.finally(() => live.delete(d)).catch(() => {});
      for (const pcm of audio) this.feed(d, pcm);
      return d;
    };
    // The result of everything pushed so far: the open decoder's, or the last one's if nothing came since.
    const result = (): Promise<Transcript> => {
      if (last?.samples === samples) return last.result;
      const d = decoder ?? open();
      decoder = undefined;
      const covered = samples;
      const out = this.finishDecoder(d, signal);
      out.catch(() => {});
      last = { samples: covered, result: out };
      return out;
    };
    if (signal?.aborted) onAbort();
    return {
      push: (pcm) => {
        if (ended || signal?.aborted) return;
        const copy = pcm.slice();
        audio.push(copy);
        samples += copy.length;
        if (decoder) this.feed(decoder, copy);
        else decoder = open(); // fed everything, this chunk included
      },
      flush: () => {
        if (ended || signal?.aborted || samples === 0) return;
        result().then(
          (t) => !ended && events.push({ type: "interim", ...t }),
          () => {}, // reported by the final
        );
      },
      end: () => {
        if (ended) return;
        ended = true;
        if (signal?.aborted) return;
        clearTimeout(timer);
        timer = setTimeout(killAll, this.timeoutMs);
        const final = samples === 0 ? Promise.resolve<Transcript>({ text: "", language: "en" }) : result();
        final.then(
          (t) => {
            events.push({ type: "final", ...t });
            events.end();
          },
          (err: unknown) => events.fail(signal?.aborted ? abortError(signal) : err),
        );
        void final.finally(release).catch(() => {});
      },
      cancel: () => {
        ended = true;
        release();
        killAll();
        events.end();
      },
      [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
    };
  }

  /** The warm spare if it is alive, else a new decoder; starts the next spare. */
  private take(): Decoder {
    const decoder = this.spare && this.spare.child.exitCode === null ? this.spare : this.start(true);
    this.spare = undefined;
    // Let it hold the event loop while in use (a CLI call must not exit under it).
    decoder.child.ref();
    refStream(decoder.child.stdout, true);
    if (this.keepWarm && !this.closed) this.spare = this.start(false);
    return decoder;
  }

  private feed(decoder: Decoder, pcm: Int16Array): void {
    if (this.flavor === "continuous") decoder.child.stdin.write(pcm16ToBytes(pcm));
    else decoder.buffered.push(pcm);
  }

  /** Closes a decoder's input and parses what it heard. */
  private async finishDecoder(decoder: Decoder, signal?: AbortSignal): Promise<Transcript> {
    throwIfAborted(signal);
    decoder.child.stdin.end(this.flavor === "continuous" ? undefined : writeWav(concatPcm(decoder.buffered), 16_000));
    try {
      const out = await decoder.done;
      throwIfAborted(signal);
      return { ...this.parse(out), language: "en" };
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.spare?.child.kill("SIGKILL");
    this.spare = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Writes the grammar (or its language model) and dictionary once; returns the decoder options naming them. */
  private files(): string[] {
    if (!this.dir) {
      const dir = mkdtempSync(join(tmpdir(), "sphinx-"));
      writeFileSync(join(dir, "grammar.dict"), this.grammarDictionary());
      if (this.search === "lm") writeFileSync(join(dir, "grammar.arpa"), grammarLanguageModel(this.options.grammar, undefined, this.everyday()));
      else writeFileSync(join(dir, "grammar.jsgf"), this.options.grammar);
      this.dir = dir;
    }
    const model = this.search === "lm" ? ["-lm", join(this.dir, "grammar.arpa")] : ["-jsgf", join(this.dir, "grammar.jsgf")];
    return [...model, "-dict", join(this.dir, "grammar.dict")];
  }

  private start(inUse: boolean): Decoder {
    const model = ["-hmm", join(this.modelDir, "en-us"), ...this.files(), ...this.searchArgs];
    // -time yes: each word with its posterior probability, read as the transcript's confidence.
    const args = this.flavor === "continuous" ? ["-infile", "/dev/stdin", "-time", "yes", ...model] : [...model, "single", "-"];
    // Node's child stdin is a socketpair, which the 0.8 decoder cannot fopen("/dev/stdin");
    // `cat |` gives it a real pipe (and `exec` keeps the decoder's pid the one we kill).
    const child =
      this.flavor === "continuous"
        ? spawn("/bin/sh", ["-c", 'cat | exec "$0" "$@"', this.binary!, ...args], { stdio: ["pipe", "pipe", "pipe"] })
        : spawn(this.binary!, args, { stdio: ["pipe", "pipe", "pipe"] });
    if (!inUse) {
      // A waiting spare must not keep the process alive.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) refStream(stream, false);
    }
    let stdout = "";
    let stderrTail = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderrTail = (stderrTail + d).slice(-8192)));
    child.stdin.on("error", () => {}); // EPIPE when the decoder dies first; reported via exit
    const done = new Promise<string>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        if (code === 0) return resolve(stdout);
        const errors = stderrTail.split("\n").filter((l) => /ERROR|FATAL/.test(l));
        reject(new Error(`pocketsphinx failed (${signal ?? `exit ${code}`}): ${errors.slice(-2).join(" / ") || "no message"}`));
      });
    });
    done.catch(() => {}); // a spare that dies unused must not be an unhandled rejection
    return { child, done, buffered: [] };
  }

  private parse(out: string): { text: string; confidence?: number } {
    const lines = out.split("\n").map((l) => l.trim()).filter(Boolean);
    const hyp: string[] = [];
    const posteriors: number[] = [];
    const addWord = (word: string, p: number) => {
      if (!/^(<\/?s>|<sil>|\[.*\]|\+\+.*\+\+)$/.test(word) && Number.isFinite(p)) posteriors.push(p);
    };
    for (const line of lines) {
      if (this.flavor === "continuous") {
        // "word start end posterior" after each hypothesis line (-time yes)
        const timed = /^(\S+) \d+\.\d+ \d+\.\d+ ([\d.eE+-]+)$/.exec(line);
        if (timed) addWord(timed[1].replace(/\(\d+\)$/, ""), Number(timed[2]));
        else hyp.push(line);
        continue;
      }
      try {
        const json = JSON.parse(line) as { t?: unknown; w?: { t?: unknown; p?: unknown }[] };
        hyp.push(String(json.t ?? ""));
        for (const w of json.w ?? []) addWord(String(w.t ?? ""), Number(w.p));
      } catch {
        // not a result line
      }
    }
    const text = hyp.join(" ").replace(/\s+/g, " ").trim();
    // The weakest word decides: one misheard word is enough to change a request.
    const confidence = text && posteriors.length ? Number(Math.min(...posteriors).toFixed(3)) : undefined;
    return confidence === undefined ? { text } : { text, confidence };
  }
}
