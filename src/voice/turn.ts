/**
 * One turn of a voice session: the user's words go to the agent, its streamed text is spoken
 * sentence by sentence into the pacer, and the turn keeps its own metrics and reports them once.
 */
import type { TurnRunner } from "./runner.ts";
import { FRAME_MS, FrameSlicer, Resampler } from "./audio.ts";
import { Channel } from "./channel.ts";
import type { Clock } from "./clock.ts";
import { isAbortError, type Language } from "./engine.ts";
import type { ToolCallRecord, TurnMetrics, VoiceEvent } from "./events.ts";
import type { AudioPacer } from "./pacer.ts";
import { synthesizeBySentence, type Tts } from "./tts/tts.ts";

/** What a turn needs from its session. */
export interface TurnDeps {
  clock: Clock;
  runner: TurnRunner;
  tts: Tts;
  pacer: AudioPacer;
  outputSampleRate: number;
  emit(event: VoiceEvent): void;
  /** Longest wait for an interrupted runner to wind down before reporting (ms). */
  drainTimeoutMs: number;
}

/** A turn's state: who said what, what was replied and played, and its timings. */
export class Turn {
  readonly ctl = new AbortController();
  userText = "";
  /** The transcript's confidence (0..1) when the engine gave one; undefined for typed text. */
  confidence: number | undefined;
  replyText = "";
  language: Language = "en";
  readonly toolCalls: ToolCallRecord[] = [];
  readonly metrics: TurnMetrics;
  done = false;
  /** Each sentence and the count of reply frames queued before it. */
  private readonly sentences: { text: string; startFrame: number }[] = [];
  private framesQueued = 0;

  constructor(
    readonly id: number,
    /** Clock time of the end of the user's speech (ms). */
    readonly speechEndAt: number,
    utteranceMs: number,
    private readonly deps: TurnDeps,
  ) {
    this.metrics = {
      type: "metrics",
      turnId: id,
      speechEndMs: Math.round(deps.clock.now() - speechEndAt),
      sttDoneMs: 0,
      utteranceMs,
      replyAudioMs: 0,
      interrupted: false,
    };
  }

  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  /** Milliseconds since the end of the user's speech. */
  since(): number {
    return Math.round(this.deps.clock.now() - this.speechEndAt);
  }

  /** A reply frame went out: the first one sets the e2e latency. Returns true for the first. */
  framePlayed(): boolean {
    this.metrics.replyAudioMs += FRAME_MS;
    if (this.metrics.firstAudioMs !== undefined) return false;
    this.metrics.firstAudioMs = this.metrics.e2eLatencyMs = this.since();
    return true;
  }

  /** Whether the agent has said or done anything the user could notice. */
  get started(): boolean {
    return this.metrics.firstAudioMs !== undefined || this.toolCalls.length > 0;
  }

  /** Runs the agent and speaks its reply; resolves when the reply has played or the turn wound down. */
  async respond(): Promise<void> {
    const { signal } = this.ctl;
    const text = new Channel<string>();
    const agent = this.runAgent(text);
    const speech = this.speak(text);
    // Once interrupted, the runner gets a bounded time to wind down (so a tool that was running
    // is reported); a runner that ignores its signal cannot hold the turn open.
    let timer: unknown;
    const windDown = new Promise<void>((resolve) => {
      const start = () => (timer = this.deps.clock.setTimeout(resolve, this.deps.drainTimeoutMs));
      if (signal.aborted) start();
      else signal.addEventListener("abort", start, { once: true });
    });
    await Promise.race([Promise.all([agent, speech]), windDown]);
    if (!signal.aborted) await this.deps.pacer.idle();
    if (signal.aborted) await Promise.race([agent, windDown]);
    this.deps.clock.clearTimeout(timer);
  }

  /** Reads the agent's events into the text channel and the event stream. */
  private async runAgent(text: Channel<string>): Promise<void> {
    const { signal } = this.ctl;
    const { emit } = this.deps;
    const id = this.id;
    try {
      for await (const ev of this.deps.runner.run(this.userText, { signal, confidence: this.confidence })) {
        if (ev.type === "tool-result") {
          const call = this.toolCalls.findLast((c) => c.name === ev.name && !("result" in c));
          if (call) call.result = ev.result;
          // Reported even after an interruption: the tool ran and the user should know.
          emit({ type: "tool-result", turnId: id, name: ev.name, result: ev.result });
        }
        if (signal.aborted) continue; // keep draining for tool results, say nothing more
        if (ev.type === "text-delta") this.addText(ev.text, text);
        else if (ev.type === "tool-call") {
          this.toolCalls.push({ name: ev.name, args: ev.args });
          emit({ type: "tool-call", turnId: id, name: ev.name, args: ev.args });
        } else if (ev.type === "finish") {
          this.language = ev.language;
          if (!this.replyText && ev.text) this.addText(ev.text, text);
        }
      }
    } catch (err) {
      if (!signal.aborted && !isAbortError(err)) emit({ type: "error", turnId: id, code: "AGENT_FAILED", message: (err as Error).message });
    } finally {
      text.end();
    }
  }

  private addText(delta: string, text: Channel<string>): void {
    this.metrics.firstTextMs ??= this.since();
    this.replyText += delta;
    text.push(delta);
    this.deps.emit({ type: "agent-text", turnId: this.id, delta });
  }

  /** Synthesises the reply sentence by sentence into paced frames. */
  private async speak(text: Channel<string>): Promise<void> {
    const { signal } = this.ctl;
    const { pacer, outputSampleRate } = this.deps;
    const slicer = new FrameSlicer(outputSampleRate);
    let resampler: Resampler | undefined;
    const enqueue = (pcm: Int16Array) => {
      if (signal.aborted || !pcm.length) return;
      const frames = slicer.push(pcm);
      this.framesQueued += frames.length;
      pacer.enqueue(frames);
    };
    try {
      for await (const { chunk, sentence, index } of synthesizeBySentence(this.deps.tts, text, { signal })) {
        if (signal.aborted) break;
        if (index === this.sentences.length) this.sentences.push({ text: sentence, startFrame: this.framesQueued });
        if (chunk.sampleRate === outputSampleRate) {
          enqueue(chunk.pcm);
          continue;
        }
        if (resampler?.fromHz !== chunk.sampleRate) {
          if (resampler) enqueue(resampler.flush());
          resampler = new Resampler(chunk.sampleRate, outputSampleRate);
        }
        enqueue(resampler.process(chunk.pcm));
      }
      if (resampler) enqueue(resampler.flush());
      const last = slicer.flush();
      if (last && !signal.aborted) pacer.enqueue([last]);
    } catch (err) {
      if (!signal.aborted && !isAbortError(err)) {
        this.deps.emit({ type: "error", turnId: this.id, code: "TTS_FAILED", message: (err as Error).message });
      }
      // Drain the text so the agent is not blocked on a reader that left.
      for await (const _ of text) void _;
    }
  }

  /** The sentences whose audio had started playing. */
  spokenText(): string {
    if (!this.metrics.interrupted) return this.replyText;
    const played = this.metrics.replyAudioMs / FRAME_MS;
    return this.sentences
      .filter((x) => x.startFrame < played)
      .map((x) => x.text)
      .join(" ");
  }

  /** The agent's transcript and the metrics, once per turn. */
  report(): void {
    if (this.done) return;
    this.done = true;
    this.deps.emit({
      type: "transcript",
      role: "agent",
      turnId: this.id,
      text: this.replyText,
      final: true,
      language: this.language,
      interrupted: this.metrics.interrupted,
      spokenText: this.spokenText(),
      toolCalls: this.toolCalls,
    });
    this.deps.emit({ ...this.metrics });
  }
}
