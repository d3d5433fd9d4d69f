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
import type { Stt, Transcript } from "./stt/stt.ts";
import type { Tts } from "./tts/tts.ts";
import { Turn } from "./turn.ts";
import { DEFAULT_DELAYS, Utterance, wordCount, type CompletenessFn, type EndpointingDelays } from "./utterance.ts";
import type { EndOfSpeech, Vad } from "./vad/vad.ts";

export type { AgentState, ToolCallRecord, TurnMetrics, VoiceEvent, VoiceSink } from "./events.ts";

/** What a session is built from. */
export interface VoiceSessionOptions {
  /** This session's own VAD (stateful); its rate is the input rate. Its silence is the pause at which the words are judged. */
  vad: Vad;
  stt: Stt;
  tts: Tts;
  /** This session's own agent conversation. */
  runner: TurnRunner;
  /** Judges whether the words so far are a whole request (see utterance.ts). Default: nothing is known. */
  completeness?: CompletenessFn;
  /** Silence that ends a turn, by judgement (ms); the VAD's own silence comes first. */
  endpointing?: Partial<EndpointingDelays>;
  /** What makes speech over the agent an interruption rather than a cough. */
  interruption?: {
    /** Sustained speech needed (ms). Default 250. */
    minSpeechMs?: number;
    /** Recognised words needed. Default 1. */
    minWords?: number;
  };
  /** Rate of the frames given to `onAudio` (Hz). Default 16000; the WebRTC transport uses 48000. */
  outputSampleRate?: number;
  /** Clock and timers. Default real time; tests pass a virtual clock. */
  clock?: Clock;
  /** Longest wait for an interrupted runner to wind down before reporting the turn (ms). Default 5000. */
  drainTimeoutMs?: number;
  /** Where a listener's failure is logged. Default `console.error`. */
  log?: (message: string) => void;
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
  private readonly delays: EndpointingDelays;
  private readonly minInterruptMs: number;
  private readonly minInterruptWords: number;
  private current: Turn | undefined;
  private nextTurnId = 1;
  private stateNow: AgentState = "listening";
  private closed = false;
  /** The user's words from a turn cut short before the agent said anything, to join to the next. */
  private carriedText = "";
  private lastActivity: number;
  private sttChain: Promise<unknown> = Promise.resolve();
  private utterance: Utterance | undefined;
  /** The turn the current utterance may be interrupting, until that is decided. */
  private contested: Turn | undefined;
  /** Ends the paused utterance by the clock when no audio arrives to measure the silence. */
  private endTimer: unknown;
  /** Input samples pushed so far. */
  private samplesIn = 0;
  private readonly closing = new AbortController();

  constructor(private readonly options: VoiceSessionOptions) {
    this.inputSampleRate = options.vad.sampleRate;
    this.outputSampleRate = options.outputSampleRate ?? 16_000;
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? ((m) => console.error(m));
    this.delays = { ...DEFAULT_DELAYS, ...options.endpointing };
    this.minInterruptMs = options.interruption?.minSpeechMs ?? 250;
    this.minInterruptWords = options.interruption?.minWords ?? 1;
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

  /** Stream time: input audio pushed so far (ms). */
  private get streamMs(): number {
    return (this.samplesIn * 1000) / this.inputSampleRate;
  }

  /** Feeds microphone audio (mono PCM16 at `inputSampleRate`, any chunk length). */
  pushAudio(pcm: Int16Array): void {
    if (this.closed) return;
    const chunkStart = this.samplesIn;
    this.samplesIn += pcm.length;
    // The audio before each event goes to the utterance the event opens, pauses or resumes.
    let dispatched = chunkStart;
    const dispatch = (to: number) => {
      const end = Math.min(Math.max(to, dispatched), this.samplesIn);
      this.utterance?.audio(pcm.subarray(dispatched - chunkStart, end - chunkStart));
      dispatched = end;
    };
    for (const ev of this.options.vad.push(pcm)) {
      this.lastActivity = this.clock.now();
      dispatch(Math.round((ev.atMs * this.inputSampleRate) / 1000));
      if (ev.type === "start-of-speech") this.speechStarted(ev.audio, ev.speechStartMs);
      else this.speechPaused(ev);
    }
    dispatch(this.samplesIn);
    this.check();
  }

  private speechStarted(audio: Int16Array, speechStartMs: number): void {
    this.emit({ type: "user-speech", speaking: true });
    const u = this.utterance;
    if (u) {
      this.clock.clearTimeout(this.endTimer);
      return u.resumed(); // the same utterance goes on after a pause
    }
    const turn = this.current;
    this.utterance = this.openUtterance(speechStartMs);
    this.utterance?.audio(audio);
    if (turn && this.utterance) {
      // Maybe an interruption, maybe a cough: hold the reply until the speech says which.
      this.contested = turn;
      this.pacer.pause();
    }
  }

  private speechPaused(end: EndOfSpeech): void {
    this.emit({ type: "user-speech", speaking: false });
    const u = this.utterance;
    if (!u) return;
    u.paused(end);
    // Microphone audio may stop (a muted client): the clock then stands in for stream time.
    this.endAfter(u, this.delays.incompleteMs);
    void u.final.catch(() => this.utterance === u && this.commit(u)); // a failed recogniser is reported by the turn
  }

  /** Ends the turn after `ms` of silence by the clock, unless speech resumes first. */
  private endAfter(u: Utterance, ms: number): void {
    const pause = u.pause;
    if (!pause) return;
    const due = ms - (this.streamMs - pause.speechEndMs);
    this.clock.clearTimeout(this.endTimer);
    this.endTimer = this.clock.setTimeout(() => {
      if (this.utterance === u && u.pause === pause && !this.contested) this.commit(u);
    }, Math.max(0, due));
  }

  /** The recogniser's words so far: shown on the page, then judged. */
  private heardSoFar(u: Utterance, t: Transcript): void {
    if (u !== this.utterance || this.closed) return;
    if (t.text) this.emit({ type: "transcript", role: "user", turnId: this.nextTurnId, text: t.text, final: false, language: t.language });
    if (this.contested) {
      if (wordCount(t.text) >= this.minInterruptWords) this.interrupt(this.contested);
      else if (u.pause) return this.falseInterruption(u);
    }
    if (u.pause) {
      const judged = t.text ? (this.options.completeness?.(t.text, t.language) ?? "unknown") : "unknown";
      u.endAfterMs = judged === "complete" ? this.delays.completeMs : judged === "incomplete" ? this.delays.incompleteMs : this.delays.unknownMs;
      this.endAfter(u, u.endAfterMs);
    }
    this.check();
  }

  /** Takes the decisions that wait on stream time: is the speech over the agent sustained, is the turn over. */
  private check(): void {
    const u = this.utterance;
    if (!u) return;
    if (this.contested && !u.pause && this.streamMs - u.speechStartMs >= this.minInterruptMs) u.flush();
    if (!u.pause || this.contested) return;
    const silence = this.streamMs - u.pause.speechEndMs;
    if (silence >= Math.min(u.endAfterMs ?? Infinity, this.delays.incompleteMs)) this.commit(u);
  }

  /** The speaker's turn is over: transcribe it to the end and answer. */
  private commit(u: Utterance): void {
    this.clock.clearTimeout(this.endTimer);
    this.utterance = undefined;
    u.stream.end();
    void this.runTurn(u.pause!, u.final);
  }

  /** Speech over the reply that was not words (a cough, a door): the reply goes on where it stopped. */
  private falseInterruption(u: Utterance): void {
    this.contested = undefined;
    this.utterance = undefined;
    u.stream.cancel();
    this.pacer.resume();
  }

  /** A transcription of the utterance just started; undefined (and an error event) if the engine fails. */
  private openUtterance(speechStartMs: number): Utterance | undefined {
    try {
      const stream = this.options.stt.stream({ signal: this.closing.signal });
      return new Utterance(stream, speechStartMs, (u, t) => this.heardSoFar(u, t));
    } catch (err) {
      this.emit({ type: "error", code: "STT_FAILED", message: (err as Error).message });
      return undefined;
    }
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
    this.utterance = undefined;
    this.clock.clearTimeout(this.endTimer);
    this.closing.abort();
    this.closed = true;
    this.pacer.stop();
    this.sinks.clear();
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
    if (this.contested === turn) this.contested = undefined;
    if (turn.done) return;
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
    const speechEndAt = utterance ? now - (this.streamMs - utterance.speechEndMs) : now;
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

  private async runTurn(utterance: EndOfSpeech | undefined, heard: Promise<Transcript> | undefined, typed?: string): Promise<void> {
    const turn = this.newTurn(utterance);
    this.current = turn;
    this.setState("thinking");
    if (typed !== undefined) turn.userText = typed;
    else if (!(await this.transcribe(turn, heard!))) return;

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
  private async transcribe(turn: Turn, stt: Promise<Transcript>): Promise<boolean> {
    // Not aborted by barge-in: if the user goes on after a pause, these words are kept and
    // joined to the next utterance. Transcripts are taken in order, so the carry is in place.
    const previous = this.sttChain;
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
