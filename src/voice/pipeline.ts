/**
 * The turn-taking voice session: microphone frames in; VAD -> endpoint -> speech-to-text ->
 * agent turn -> sentences -> text-to-speech -> paced 20 ms frames out, with events alongside.
 *
 * Engines are passed in, never built here. One session serves one connected user; the VAD and
 * the TurnRunner are per session (they hold state), STT and TTS engines may be shared.
 *
 * Barge-in: a start-of-speech while the agent is thinking or speaking aborts the turn's
 * AbortSignal (the runner stops generating; a state-changing tool already started completes)
 * and drops all queued audio in the same call that delivered the microphone frame, so outgoing
 * audio stops within the pacer's 40 ms lead.
 */
import type { TurnRunner } from "../agent/turn.ts";
import { FRAME_MS, FrameSlicer, Resampler } from "./audio.ts";
import { detectLanguage, isAbortError, type Language } from "./engine.ts";
import { AudioPacer } from "./pacer.ts";
import type { Stt, SttStream } from "./stt/stt.ts";
import { synthesizeBySentence, type Tts } from "./tts/tts.ts";
import type { EndOfSpeech, Vad } from "./vad/vad.ts";
import type { AgentState, ToolCallRecord, TurnMetrics, VoiceEvent, VoiceSink } from "./events.ts";

export type { AgentState, ToolCallRecord, TurnMetrics, VoiceEvent, VoiceSink };

/** What a session is built from. */
export interface VoiceSessionOptions {
  /** This session's own VAD (stateful); its rate is the input rate. */
  vad: Vad;
  stt: Stt;
  tts: Tts;
  /** This session's own agent conversation. */
  runner: TurnRunner;
  /** Rate of the frames given to `onAudio` (Hz). Default 16000; the WebRTC transport uses 48000. */
  outputSampleRate?: number;
  /** Monotonic clock (ms). Default `performance.now`. */
  now?: () => number;
  /** Longest wait for an interrupted runner to wind down before reporting the turn (ms). Default 5000. */
  drainTimeoutMs?: number;
}

interface Turn {
  id: number;
  ctl: AbortController;
  /** Clock time of the end of the user's speech. */
  speechEndAt: number;
  userText: string;
  replyText: string;
  language: Language;
  toolCalls: ToolCallRecord[];
  metrics: TurnMetrics;
  done: boolean;
  /** Each sentence and the count of reply frames queued before it. */
  sentences: { text: string; startFrame: number }[];
  framesQueued: number;
}

/** A push-based async iterable of strings, for feeding streamed text to synthesis. */
class TextChannel implements AsyncIterable<string> {
  private items: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  push(s: string): void {
    this.items.push(s);
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.items.length) yield this.items.shift()!;
      else if (this.ended) return;
      else await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/** One user's voice conversation; see the file comment. */
export class VoiceSession {
  /** Rate `pushAudio` expects (Hz), the VAD's. */
  readonly inputSampleRate: number;
  /** Rate of the frames sent to `onAudio` (Hz). */
  readonly outputSampleRate: number;
  private readonly now: () => number;
  private readonly pacer: AudioPacer;
  private readonly sinks = new Set<VoiceSink>();
  private current: Turn | undefined;
  private nextTurnId = 1;
  private stateNow: AgentState = "listening";
  private closed = false;
  /** The user's words from a turn cut short before the agent said anything, to join to the next. */
  private carriedText = "";
  private lastActivity: number;
  private sttChain: Promise<unknown> = Promise.resolve();
  /** The transcription of the utterance being spoken, when the engine streams. */
  private sttStream: SttStream | undefined;
  /** Input samples pushed so far, and how far the stream has been fed (VAD stream samples). */
  private samplesIn = 0;
  private streamedTo = 0;
  private readonly closing = new AbortController();

  constructor(private readonly options: VoiceSessionOptions) {
    this.inputSampleRate = options.vad.sampleRate;
    this.outputSampleRate = options.outputSampleRate ?? 16_000;
    this.now = options.now ?? (() => performance.now());
    this.lastActivity = this.now();
    this.pacer = new AudioPacer((frame) => this.sendFrame(frame), { frameMs: FRAME_MS, now: this.now });
  }

  /** What the agent is doing now. */
  get state(): AgentState {
    return this.stateNow;
  }

  /** Clock time of the last user speech or agent activity (ms), for idle timeouts. */
  get lastActivityAt(): number {
    return this.current || this.pacer.busy || this.options.vad.speaking ? this.now() : this.lastActivity;
  }

  /** Adds a receiver of events and audio; returns a function that removes it. */
  listen(sink: VoiceSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Feeds microphone audio (mono PCM16 at `inputSampleRate`, any chunk length). */
  pushAudio(pcm: Int16Array): void {
    if (this.closed) return;
    const chunkStart = this.samplesIn;
    this.samplesIn += pcm.length;
    // Streams get the audio of the utterance as it arrives; indices are VAD stream samples.
    const feed = (to: number) => {
      const from = Math.max(this.streamedTo, chunkStart);
      if (this.sttStream && to > from) this.sttStream.push(pcm.subarray(from - chunkStart, to - chunkStart));
      this.streamedTo = Math.max(this.streamedTo, to);
    };
    const sampleAt = (ms: number) => Math.round((ms * this.inputSampleRate) / 1000);
    for (const ev of this.options.vad.push(pcm)) {
      this.lastActivity = this.now();
      if (ev.type === "start-of-speech") {
        this.emit({ type: "user-speech", speaking: true });
        if (this.current) this.interrupt(this.current);
        this.sttStream = this.openStream();
        this.sttStream?.push(ev.audio);
        this.streamedTo = sampleAt(ev.atMs);
      } else {
        feed(sampleAt(ev.atMs));
        const stream = this.sttStream;
        this.sttStream = undefined;
        this.emit({ type: "user-speech", speaking: false });
        void this.runTurn(ev, undefined, stream);
      }
    }
    if (this.sttStream) feed(this.samplesIn);
  }

  /** A streaming transcription for the utterance just started, if the engine has one. */
  private openStream(): SttStream | undefined {
    try {
      return this.options.stt.stream?.({ signal: this.closing.signal });
    } catch {
      return undefined; // the batch call at the endpoint reports the problem
    }
  }

  /** Runs a typed turn, as if `text` had been spoken and transcribed. */
  pushText(text: string): void {
    if (this.closed || !text.trim()) return;
    if (this.current) this.interrupt(this.current);
    void this.runTurn(undefined, text.trim());
  }

  /** Stops everything; no event or audio is sent afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.current) this.current.ctl.abort();
    this.sttStream?.cancel();
    this.closing.abort();
    this.closed = true;
    this.pacer.stop();
    this.sinks.clear();
  }

  private emit(event: VoiceEvent): void {
    if (this.closed) return;
    for (const s of this.sinks) s.onEvent?.(event);
  }

  private setState(state: AgentState): void {
    if (state === this.stateNow) return;
    this.stateNow = state;
    this.emit({ type: "state", state });
  }

  private sendFrame(frame: Int16Array): void {
    const turn = this.current;
    if (turn && turn.metrics.firstAudioMs === undefined) {
      turn.metrics.firstAudioMs = turn.metrics.e2eLatencyMs = this.since(turn);
      this.setState("speaking");
    }
    if (turn) turn.metrics.replyAudioMs += FRAME_MS;
    for (const s of this.sinks) s.onAudio?.(frame);
  }

  private since(turn: Turn): number {
    return Math.round(this.now() - turn.speechEndAt);
  }

  /** Barge-in: stop the audio now, cancel generation, report the turn as interrupted. */
  private interrupt(turn: Turn): void {
    this.pacer.clear();
    turn.ctl.abort();
    turn.metrics.interrupted = true;
    if (this.current === turn) this.current = undefined;
    // Cut short before the agent said or did anything: the user was still talking.
    if (turn.metrics.firstAudioMs === undefined && turn.toolCalls.length === 0 && turn.userText) {
      this.carriedText = `${this.carriedText} ${turn.userText}`.trim();
    }
    this.setState("listening");
  }

  private async runTurn(utterance: EndOfSpeech | undefined, typed?: string, stream?: SttStream): Promise<void> {
    const now = this.now();
    const speechEndAt = utterance ? now - (utterance.atMs - utterance.speechEndMs) : now;
    const id = this.nextTurnId++;
    const turn: Turn = {
      id,
      ctl: new AbortController(),
      speechEndAt,
      userText: typed ?? "",
      replyText: "",
      language: "en",
      toolCalls: [],
      done: false,
      sentences: [],
      framesQueued: 0,
      metrics: {
        type: "metrics",
        turnId: id,
        speechEndMs: Math.round(now - speechEndAt),
        sttDoneMs: 0,
        utteranceMs: utterance ? utterance.speechEndMs - utterance.speechStartMs : 0,
        replyAudioMs: 0,
        interrupted: false,
      },
    };
    this.current = turn;
    const { signal } = turn.ctl;
    this.setState("thinking");

    if (utterance) {
      // Not aborted by barge-in: if the user goes on after a pause, these words are kept and
      // joined to the next utterance. Transcripts are taken in order, so the carry is in place.
      const previous = this.sttChain;
      const stt = stream
        ? stream.finish()
        : this.options.stt.transcribe({ pcm: utterance.audio, sampleRate: this.inputSampleRate }, { signal: this.closing.signal });
      this.sttChain = stt.then(() => previous).catch(() => {});
      try {
        turn.userText = (await stt).text.trim();
        await previous;
      } catch (err) {
        if (this.closed || isAbortError(err)) return;
        this.emit({ type: "error", turnId: id, code: "STT_FAILED", message: (err as Error).message });
        return this.finishQuietly(turn);
      }
      if (signal.aborted) {
        if (turn.userText) this.carriedText = `${this.carriedText} ${turn.userText}`.trim();
        return;
      }
      turn.metrics.sttDoneMs = this.since(turn);
      // Noise, a cough, a word outside the grammar: no turn at all.
      if (!turn.userText) return this.finishQuietly(turn);
    }
    if (this.carriedText) {
      turn.userText = `${this.carriedText} ${turn.userText}`;
      this.carriedText = "";
    }
    turn.language = detectLanguage(turn.userText);
    this.emit({ type: "transcript", role: "user", turnId: id, text: turn.userText, final: true, language: turn.language });

    const text = new TextChannel();
    const agent = this.runAgent(turn, text);
    const speech = this.speak(turn, text);
    // Once interrupted, the runner gets a bounded time to wind down (so a tool that was running
    // is reported); a runner that ignores its signal cannot hold the turn open.
    const windDown = new Promise<void>((resolve) => {
      const start = () => setTimeout(resolve, this.options.drainTimeoutMs ?? 5000).unref();
      if (signal.aborted) start();
      else signal.addEventListener("abort", start, { once: true });
    });
    await Promise.race([Promise.all([agent, speech]), windDown]);
    if (!signal.aborted) await this.pacer.idle();
    if (signal.aborted) await Promise.race([agent, windDown]);
    this.report(turn);
  }

  /** Reads the agent's events into the text channel and the event stream. */
  private async runAgent(turn: Turn, text: TextChannel): Promise<void> {
    const { signal } = turn.ctl;
    try {
      for await (const ev of this.options.runner.run(turn.userText, { signal })) {
        if (ev.type === "tool-result") {
          const call = turn.toolCalls.findLast((c) => c.name === ev.name && !("result" in c));
          if (call) call.result = ev.result;
          // Reported even after an interruption: the tool ran and the user should know.
          this.emit({ type: "tool-result", turnId: turn.id, name: ev.name, result: ev.result });
        }
        if (signal.aborted) continue; // keep draining for tool results, say nothing more
        if (ev.type === "text-delta") {
          turn.metrics.firstTextMs ??= this.since(turn);
          turn.replyText += ev.text;
          text.push(ev.text);
          this.emit({ type: "agent-text", turnId: turn.id, delta: ev.text });
        } else if (ev.type === "tool-call") {
          turn.toolCalls.push({ name: ev.name, args: ev.args });
          this.emit({ type: "tool-call", turnId: turn.id, name: ev.name, args: ev.args });
        } else if (ev.type === "finish") {
          turn.language = ev.language;
          if (!turn.replyText && ev.text) {
            turn.metrics.firstTextMs ??= this.since(turn);
            turn.replyText = ev.text;
            text.push(ev.text);
            this.emit({ type: "agent-text", turnId: turn.id, delta: ev.text });
          }
        }
      }
    } catch (err) {
      if (!signal.aborted && !isAbortError(err)) {
        this.emit({ type: "error", turnId: turn.id, code: "AGENT_FAILED", message: (err as Error).message });
      }
    } finally {
      text.end();
    }
  }

  /** Synthesises the reply sentence by sentence into paced frames. */
  private async speak(turn: Turn, text: TextChannel): Promise<void> {
    const { signal } = turn.ctl;
    const slicer = new FrameSlicer(this.outputSampleRate);
    let resampler: Resampler | undefined;
    const enqueue = (pcm: Int16Array) => {
      if (signal.aborted || !pcm.length) return;
      const frames = slicer.push(pcm);
      turn.framesQueued += frames.length;
      this.pacer.enqueue(frames);
    };
    try {
      for await (const { chunk, sentence, index } of synthesizeBySentence(this.options.tts, text, { signal })) {
        if (signal.aborted) break;
        if (index === turn.sentences.length) turn.sentences.push({ text: sentence, startFrame: turn.framesQueued });
        if (chunk.sampleRate === this.outputSampleRate) {
          enqueue(chunk.pcm);
          continue;
        }
        if (resampler?.fromHz !== chunk.sampleRate) {
          if (resampler) enqueue(resampler.flush());
          resampler = new Resampler(chunk.sampleRate, this.outputSampleRate);
        }
        enqueue(resampler.process(chunk.pcm));
      }
      if (resampler) enqueue(resampler.flush());
      const last = slicer.flush();
      if (last && !signal.aborted) this.pacer.enqueue([last]);
    } catch (err) {
      if (!signal.aborted && !isAbortError(err)) {
        this.emit({ type: "error", turnId: turn.id, code: "TTS_FAILED", message: (err as Error).message });
      }
      // Drain the text so the agent is not blocked on a reader that left.
      for await (const _ of text) void _;
    }
  }

  /** Emits the agent's transcript and the metrics, once per turn. */
  private report(turn: Turn): void {
    if (turn.done) return;
    turn.done = true;
    this.emit({
      type: "transcript",
      role: "agent",
      turnId: turn.id,
      text: turn.replyText,
      final: true,
      language: turn.language,
      interrupted: turn.metrics.interrupted,
      spokenText: turn.metrics.interrupted
        ? turn.sentences
            .filter((x) => x.startFrame < turn.metrics.replyAudioMs / FRAME_MS)
            .map((x) => x.text)
            .join(" ")
        : turn.replyText,
      toolCalls: turn.toolCalls,
    });
    this.emit({ ...turn.metrics });
    this.finishQuietly(turn);
  }

  private finishQuietly(turn: Turn): void {
    turn.done = true;
    this.lastActivity = this.now();
    if (this.current !== turn) return;
    this.current = undefined;
    this.setState("listening");
  }
}

/** Starts a voice session (see {@link VoiceSession}). */
export function createVoiceSession(options: VoiceSessionOptions): VoiceSession {
  return new VoiceSession(options);
}
