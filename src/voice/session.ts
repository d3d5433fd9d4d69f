/**
 * The turn-taking voice session: microphone frames in; VAD -> endpoint -> speech-to-text ->
 * agent turn (turn.ts) -> sentences -> text-to-speech -> paced 20 ms frames out, with events
 * alongside.
 *
 * Engines are passed in, never built here. One session serves one connected user; the VAD and
 * the TurnRunner are per session (they hold state), STT and TTS engines may be shared.
 *
 * Barge-in: a start-of-speech while the agent is thinking or speaking aborts the turn's
 * AbortSignal (the runner stops generating; a state-changing tool already started completes)
 * and drops all queued audio in the same call that delivered the microphone frame, so outgoing
 * audio stops within the pacer's 40 ms lead.
 */
import type { TurnRunner } from "./runner.ts";
import { FRAME_MS } from "./audio.ts";
import { realClock, type Clock } from "./clock.ts";
import { detectLanguage, isAbortError } from "./engine.ts";
import type { AgentState, VoiceEvent, VoiceSink } from "./events.ts";
import { AudioPacer } from "./pacer.ts";
import type { Stt, SttStream, Transcript } from "./stt/stt.ts";
import type { Tts } from "./tts/tts.ts";
import { Turn } from "./turn.ts";
import type { EndOfSpeech, Vad } from "./vad/vad.ts";

export type { AgentState, ToolCallRecord, TurnMetrics, VoiceEvent, VoiceSink } from "./events.ts";

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
  /** Clock and timers. Default real time; tests pass a virtual clock. */
  clock?: Clock;
  /** Longest wait for an interrupted runner to wind down before reporting the turn (ms). Default 5000. */
  drainTimeoutMs?: number;
  /** Where a listener's failure is logged. Default `console.error`. */
  log?: (message: string) => void;
}

/** The transcription of the utterance being spoken, and its final transcript once read. */
interface OpenUtterance {
  stream: SttStream;
  final: Promise<Transcript>;
}

/** One user's voice conversation; see the file comment. */
export class VoiceSession {
  /** Rate `pushAudio` expects (Hz), the VAD's. */
  readonly inputSampleRate: number;
  /** Rate of the frames sent to `onAudio` (Hz). */
  readonly outputSampleRate: number;
  private readonly clock: Clock;
  private readonly pacer: AudioPacer;
  private readonly sinks = new Set<VoiceSink>();
  private readonly log: (message: string) => void;
  private current: Turn | undefined;
  private nextTurnId = 1;
  private stateNow: AgentState = "listening";
  private closed = false;
  /** The user's words from a turn cut short before the agent said anything, to join to the next. */
  private carriedText = "";
  private lastActivity: number;
  private sttChain: Promise<unknown> = Promise.resolve();
  private utterance: OpenUtterance | undefined;
  /** Input samples pushed so far, and how far the stream has been fed (VAD stream samples). */
  private samplesIn = 0;
  private streamedTo = 0;
  private readonly closing = new AbortController();

  constructor(private readonly options: VoiceSessionOptions) {
    this.inputSampleRate = options.vad.sampleRate;
    this.outputSampleRate = options.outputSampleRate ?? 16_000;
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? ((m) => console.error(m));
    this.lastActivity = this.clock.now();
    this.pacer = new AudioPacer((frame) => this.sendFrame(frame), { frameMs: FRAME_MS, clock: this.clock });
  }

  /** What the agent is doing now. */
  get state(): AgentState {
    return this.stateNow;
  }

  /** Clock time of the last user speech or agent activity (ms), for idle timeouts. */
  get lastActivityAt(): number {
    return this.current || this.pacer.busy || this.options.vad.speaking ? this.clock.now() : this.lastActivity;
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
      if (this.utterance && to > from) this.utterance.stream.push(pcm.subarray(from - chunkStart, to - chunkStart));
      this.streamedTo = Math.max(this.streamedTo, to);
    };
    const sampleAt = (ms: number) => Math.round((ms * this.inputSampleRate) / 1000);
    for (const ev of this.options.vad.push(pcm)) {
      this.lastActivity = this.clock.now();
      if (ev.type === "start-of-speech") {
        this.emit({ type: "user-speech", speaking: true });
        if (this.current) this.interrupt(this.current);
        this.utterance = this.openUtterance();
        this.utterance?.stream.push(ev.audio);
        this.streamedTo = sampleAt(ev.atMs);
      } else {
        feed(sampleAt(ev.atMs));
        const utterance = this.utterance;
        this.utterance = undefined;
        utterance?.stream.end();
        this.emit({ type: "user-speech", speaking: false });
        void this.runTurn(ev, utterance);
      }
    }
    if (this.utterance) feed(this.samplesIn);
  }

  /** Runs a typed turn, as if `text` had been spoken and transcribed. */
  pushText(text: string): void {
    if (this.closed || !text.trim()) return;
    if (this.current) this.interrupt(this.current);
    void this.runTurn(undefined, undefined, text.trim());
  }

  /** Stops everything; no event or audio is sent afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.current) this.current.ctl.abort();
    this.utterance?.stream.cancel();
    this.closing.abort();
    this.closed = true;
    this.pacer.stop();
    this.sinks.clear();
  }

  /** A transcription of the utterance just started; its interims go to the page as they come. */
  private openUtterance(): OpenUtterance | undefined {
    let stream: SttStream;
    try {
      stream = this.options.stt.stream({ signal: this.closing.signal });
    } catch (err) {
      this.emit({ type: "error", code: "STT_FAILED", message: (err as Error).message });
      return undefined;
    }
    const turnId = this.nextTurnId;
    const final = (async () => {
      for await (const ev of stream) {
        if (ev.type === "final") return { text: ev.text.trim(), language: ev.language, confidence: ev.confidence };
        if (ev.text.trim()) this.emit({ type: "transcript", role: "user", turnId, text: ev.text.trim(), final: false, language: ev.language });
      }
      return { text: "", language: "en" as const };
    })();
    final.catch(() => {});
    return { stream, final };
  }

  /** Sends `event` to every listener; one that throws is logged and the others still get it. */
  private emit(event: VoiceEvent): void {
    if (this.closed) return;
    for (const s of this.sinks) {
      try {
        s.onEvent?.(event);
      } catch (err) {
        this.log(`voice session: a listener failed on a ${event.type} event: ${(err as Error)?.message ?? err}`);
      }
    }
  }

  private setState(state: AgentState): void {
    if (state === this.stateNow) return;
    this.stateNow = state;
    this.emit({ type: "state", state });
  }

  private sendFrame(frame: Int16Array): void {
    const turn = this.current;
    if (turn?.framePlayed()) this.setState("speaking");
    for (const s of this.sinks) {
      try {
        s.onAudio?.(frame);
      } catch (err) {
        this.log(`voice session: a listener failed on an audio frame: ${(err as Error)?.message ?? err}`);
      }
    }
  }

  /** Barge-in: stop the audio now, cancel generation, report the turn as interrupted. */
  private interrupt(turn: Turn): void {
    this.pacer.clear();
    turn.ctl.abort();
    turn.metrics.interrupted = true;
    if (this.current === turn) this.current = undefined;
    // Cut short before the agent said or did anything: the user was still talking.
    if (!turn.started && turn.userText) this.carriedText = `${this.carriedText} ${turn.userText}`.trim();
    this.setState("listening");
  }

  private newTurn(utterance: EndOfSpeech | undefined): Turn {
    const now = this.clock.now();
    const speechEndAt = utterance ? now - (utterance.atMs - utterance.speechEndMs) : now;
    return new Turn(this.nextTurnId++, speechEndAt, utterance ? utterance.speechEndMs - utterance.speechStartMs : 0, {
      clock: this.clock,
      runner: this.options.runner,
      tts: this.options.tts,
      pacer: this.pacer,
      outputSampleRate: this.outputSampleRate,
      emit: (e) => this.emit(e),
      drainTimeoutMs: this.options.drainTimeoutMs ?? 5000,
    });
  }

  private async runTurn(utterance: EndOfSpeech | undefined, open: OpenUtterance | undefined, typed?: string): Promise<void> {
    const turn = this.newTurn(utterance);
    this.current = turn;
    this.setState("thinking");
    if (typed !== undefined) turn.userText = typed;
    else if (!(await this.transcribe(turn, utterance!, open))) return;

    if (this.carriedText) {
      turn.userText = `${this.carriedText} ${turn.userText}`;
      this.carriedText = "";
    }
    turn.language = detectLanguage(turn.userText);
    this.emit({ type: "transcript", role: "user", turnId: turn.id, text: turn.userText, final: true, language: turn.language });
    await turn.respond();
    turn.report();
    this.finishQuietly(turn);
  }

  /** Waits for the utterance's transcript; false when there is no turn to run. */
  private async transcribe(turn: Turn, utterance: EndOfSpeech, open: OpenUtterance | undefined): Promise<boolean> {
    // Not aborted by barge-in: if the user goes on after a pause, these words are kept and
    // joined to the next utterance. Transcripts are taken in order, so the carry is in place.
    const previous = this.sttChain;
    const stt =
      open?.final ??
      this.options.stt.transcribe({ pcm: utterance.audio, sampleRate: this.inputSampleRate }, { signal: this.closing.signal });
    this.sttChain = stt.then(() => previous).catch(() => {});
    try {
      const heard = await stt;
      turn.userText = heard.text.trim();
      turn.confidence = heard.confidence;
      await previous;
    } catch (err) {
      if (this.closed || isAbortError(err)) return false;
      this.emit({ type: "error", turnId: turn.id, code: "STT_FAILED", message: (err as Error).message });
      this.finishQuietly(turn);
      return false;
    }
    if (turn.signal.aborted) {
      if (turn.userText) this.carriedText = `${this.carriedText} ${turn.userText}`.trim();
      return false;
    }
    turn.metrics.sttDoneMs = turn.since();
    // Noise, a cough, a word outside the grammar: no turn at all.
    if (!turn.userText) {
      this.finishQuietly(turn);
      return false;
    }
    return true;
  }

  private finishQuietly(turn: Turn): void {
    turn.done = true;
    this.lastActivity = this.clock.now();
    if (this.current !== turn) return;
    this.current = undefined;
    this.setState("listening");
  }
}

/** Starts a voice session (see {@link VoiceSession}). */
export function createVoiceSession(options: VoiceSessionOptions): VoiceSession {
  return new VoiceSession(options);
}
