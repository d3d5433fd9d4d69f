/**
 * The state machine every VAD shares: per-frame speech decisions in, start- and end-of-speech
 * events out, with pre-roll, a minimum speech run to start and a silence to end.
 */
import { concatPcm } from "../audio.ts";
import type { EndpointingOptions, VadEvent } from "./vad.ts";

export class Endpointer {
  private readonly opt: Required<EndpointingOptions>;
  /** Stream time at the end of the last frame (ms). */
  clockMs = 0;
  private history: Int16Array[] = [];
  private run = 0;
  private inSpeech = false;
  private utterance: Int16Array[] = [];
  private speechStartMs = 0;
  private lastSpeechEndMs = 0;
  private silenceMs = 0;

  constructor(
    options: EndpointingOptions,
    private readonly frameMs: number,
  ) {
    this.opt = {
      minSilenceMs: options.minSilenceMs ?? 300,
      minSpeechMs: options.minSpeechMs ?? 60,
      prerollMs: options.prerollMs ?? 300,
      maxUtteranceMs: options.maxUtteranceMs ?? 15_000,
    };
  }

  /** Whether an utterance is in progress. */
  get speaking(): boolean {
    return this.inSpeech;
  }

  reset(): void {
    this.clockMs = 0;
    this.history = [];
    this.run = 0;
    this.inSpeech = false;
    this.utterance = [];
    this.silenceMs = 0;
  }

  /** Advances one frame with its verdict; returns the event it caused. */
  frame(frame: Int16Array, speech: boolean): VadEvent | undefined {
    const startMs = this.clockMs;
    this.clockMs += this.frameMs;
    if (!this.inSpeech) {
      this.history.push(frame);
      const keep = Math.ceil(this.opt.prerollMs / this.frameMs) + Math.ceil(this.opt.minSpeechMs / this.frameMs) + 1;
      if (this.history.length > keep) this.history.shift();
      this.run = speech ? this.run + 1 : 0;
      if (this.run * this.frameMs < this.opt.minSpeechMs) return undefined;
      this.inSpeech = true;
      this.speechStartMs = this.clockMs - this.run * this.frameMs;
      this.lastSpeechEndMs = this.clockMs;
      this.silenceMs = 0;
      const preroll = Math.ceil(this.opt.prerollMs / this.frameMs) + this.run;
      this.utterance = this.history.slice(-preroll);
      this.history = [];
      return { type: "start-of-speech", atMs: this.clockMs, speechStartMs: this.speechStartMs, audio: concatPcm(this.utterance) };
    }
    this.utterance.push(frame);
    if (speech) {
      this.lastSpeechEndMs = startMs + this.frameMs;
      this.silenceMs = 0;
    } else {
      this.silenceMs += this.frameMs;
    }
    const tooLong = this.clockMs - this.speechStartMs >= this.opt.maxUtteranceMs;
    if (this.silenceMs < this.opt.minSilenceMs && !tooLong) return undefined;
    const audio = concatPcm(this.utterance);
    this.inSpeech = false;
    this.run = 0;
    this.utterance = [];
    this.history = [];
    return { type: "end-of-speech", atMs: this.clockMs, speechStartMs: this.speechStartMs, speechEndMs: this.lastSpeechEndMs, audio };
  }
}
