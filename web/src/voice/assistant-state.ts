/**
 * The conversation with the assistant, kept outside the screen so a call survives navigation
 * and language switches. Typed turns go to /v1/chat/completions; spoken turns go over local
 * WebRTC, or over Agora when the server says Agora is ready (its SDK is loaded only then).
 */
import { pageHeaders, type Health } from "../api.ts";
import { errorText, isNetworkError } from "../i18n/errors.ts";
import type { Key } from "../i18n/index.ts";
import type { AgoraCall } from "../../agora/index.ts";
import { streamChat, type ChatMessage } from "./chat.ts";
import { applyVoiceEvent, type AgentState, type Line } from "./events.ts";
import { callLocation } from "./call-location.ts";
import { turnLocation } from "./turn-location.ts";
import { connectLocal, isMissingEndpoint, microphoneProblem, MIC_CONSTRAINTS, type LocalCall } from "./local-rtc.ts";

export type UiState = "idle" | "connecting" | AgentState | "error";
export type TalkMode = "ptt" | "handsFree";
export interface Notice {
  key: Key;
  params?: Record<string, string>;
  kind: "error" | "info";
}

interface Call {
  transport: "local" | "agora";
  setMic(enabled: boolean): void;
  close(): void;
}

/** What to do about speech-to-text when /api/health says it is not ready (its hint), if so. */
export function sttProblem(health: Health): string | undefined {
  const stt = health.engines?.find((e) => e.name === "stt");
  return stt && !stt.ready ? stt.hint : undefined;
}

/** Agora carries the call when /api/health says it is ready. */
export function agoraReady(health: Health): boolean {
  return health.engines?.some((e) => e.name === "agora" && e.ready) ?? false;
}

class AssistantState {
  lines: Line[] = [];
  state: UiState = "idle";
  mode: TalkMode = "ptt";
  holding = false;
  notice: Notice | undefined;
  private call: Call | undefined;
  private connecting: Promise<Call | undefined> | undefined;
  private listeners = new Set<() => void>();
  private speaker = new Audio();
  private chatAbort: AbortController | undefined;
  /** A typed request that failed to reach an answer: kept to send again (the box gets it back). */
  unsent: string | undefined;
  private seq = 0;
  /** Bumped by every hang-up, so a connection that completes after it is closed at once. */
  private generation = 0;

  constructor() {
    this.speaker.autoplay = true;
  }

  get connected(): boolean {
    return !!this.call;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private setNotice(notice: Notice | undefined): void {
    this.notice = notice;
    this.changed();
  }

  setMode(mode: TalkMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.call?.setMic(mode === "handsFree");
    this.changed();
  }

  /** Push-to-talk: the button went down. Connects on first use. */
  async press(health: Health): Promise<void> {
    this.holding = true;
    this.changed();
    const call = await this.ensureCall(health);
    if (call && this.holding) call.setMic(true);
  }

  /** Push-to-talk: the button came up. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    if (this.mode === "ptt") this.call?.setMic(false);
    this.changed();
  }

  /** Hands-free: one press starts the call, the next ends it. */
  async toggle(health: Health): Promise<void> {
    if (this.call || this.connecting) {
      this.hangUp();
      return;
    }
    const call = await this.ensureCall(health);
    call?.setMic(true);
  }

  hangUp(): void {
    this.generation++;
    this.call?.close();
    this.call = undefined;
    this.connecting = undefined;
    this.holding = false;
    this.state = "idle";
    this.changed();
  }

  /** Forgets everything (sign-out). */
  reset(): void {
    this.hangUp();
    this.chatAbort?.abort();
    this.lines = [];
    this.notice = undefined;
  }

  private ensureCall(health: Health): Promise<Call | undefined> {
    if (this.call) return Promise.resolve(this.call);
    this.connecting ??= this.connect(health).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(health: Health): Promise<Call | undefined> {
    this.notice = undefined;
    const viaAgora = agoraReady(health);
    const missingStt = viaAgora ? undefined : sttProblem(health);
    if (missingStt) {
      this.setNotice({ key: "voice.noStt", params: { hint: missingStt }, kind: "error" });
      return undefined;
    }
    this.state = "connecting";
    this.changed();
    const generation = this.generation;
    try {
      const call = viaAgora ? await this.connectAgora() : await this.connectLocal();
      if (generation !== this.generation) {
        call.close();
        return undefined;
      }
      this.call = call;
      this.state = "listening";
      this.setNotice({ key: viaAgora ? "voice.via.agora" : "voice.via.local", kind: "info" });
      return call;
    } catch (error) {
      if (generation !== this.generation) return undefined;
      this.state = "idle";
      const mic = microphoneProblem(error);
      const message = (error as Error).message || String(error);
      if (mic) this.setNotice({ key: mic, kind: "error" });
      else if (isMissingEndpoint(error)) this.setNotice({ key: "voice.unavailable", params: { message }, kind: "error" });
      else this.setNotice({ key: "voice.failed", params: { message }, kind: "error" });
      return undefined;
    }
  }

  private async connectLocal(): Promise<Call> {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error("no mediaDevices"), { name: "TypeError" });
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: MIC_CONSTRAINTS });
    // A spoken punch is judged by where the device is, when the person's rule needs a location.
    const located = await callLocation();
    let local: LocalCall;
    try {
      local = await connectLocal(microphone, this.speaker, {
        onEvent: (event) => {
          if (event.type === "error") this.setNotice({ key: "voice.failed", params: { message: event.message }, kind: "error" });
          const state = applyVoiceEvent(this.lines, event);
          if (state) this.state = state;
          this.changed();
        },
        onClosed: (reason) => {
          located?.stop();
          microphone.getTracks().forEach((t) => t.stop());
          if (this.call?.transport !== "local") return;
          this.call = undefined;
          this.state = "idle";
          this.setNotice({ key: "voice.failed", params: { message: reason }, kind: "error" });
        },
      }, located?.location);
    } catch (error) {
      located?.stop();
      microphone.getTracks().forEach((t) => t.stop());
      throw error;
    }
    located?.follow((where) => local.sendLocation(where));
    local.setMicEnabled(false);
    return {
      transport: "local",
      setMic: (enabled) => local.setMicEnabled(enabled),
      close: () => {
        located?.stop();
        local.close();
        microphone.getTracks().forEach((t) => t.stop());
      },
    };
  }

  private async connectAgora(): Promise<Call> {
    const agora = await import("../../agora/index.ts");
    const options = { headers: pageHeaders() };
    const session = await agora.startAgoraSession(options);
    let joined: AgoraCall;
    try {
      joined = await agora.joinAgora(session, {
        onTranscript: (items) => {
          for (const item of items) {
            const id = `agora-${item.key}`;
            let line = this.lines.find((l) => l.id === id);
            if (!line) this.lines.push((line = { id, role: item.role, text: "", pending: true }));
            line.text = item.text;
            line.pending = !item.final;
            line.interrupted = item.interrupted;
          }
          this.changed();
        },
        onState: (state, detail) => {
          if (state === "agent-ready") this.state = "listening";
          else if (state === "reconnecting" || state === "connecting") this.state = "connecting";
          else if (state === "agent-left") this.setNotice({ key: "voice.agentLeft", kind: "info" });
          else if (state === "failed") this.setNotice({ key: "voice.failed", params: { message: detail ?? state }, kind: "error" });
          if (state === "disconnected" || state === "failed" || state === "agent-left") {
            if (this.call?.transport === "agora") this.call = undefined;
            this.state = "idle";
          }
          this.changed();
        },
      });
    } catch (error) {
      await agora.stopAgoraSession(session.agentId, options).catch(() => undefined);
      throw error;
    }
    await joined.setMuted(true);
    return {
      transport: "agora",
      setMic: (enabled) => void joined.setMuted(!enabled),
      close: () => {
        void joined.leave().finally(() => agora.stopAgoraSession(session.agentId, options).catch(() => undefined));
      },
    };
  }

  /**
   * A typed turn: streamed into a new assistant line, with its latency. False when it failed: the
   * request is kept as `unsent` (its lines leave the log) to be sent again.
   */
  async sendText(text: string): Promise<boolean> {
    text = text.trim();
    if (!text) return true;
    this.unsent = undefined;
    if (this.notice?.key === "chat.failed" || this.notice?.key === "chat.offline") this.notice = undefined;
    this.chatAbort?.abort();
    const abort = (this.chatAbort = new AbortController());
    const history: ChatMessage[] = this.lines.filter((l) => !l.pending && l.text).map((l) => ({ role: l.role, content: l.text }));
    const n = ++this.seq;
    this.lines.push({ id: `text-${n}-user`, role: "user", text, pending: false });
    const reply: Line = { id: `text-${n}-assistant`, role: "assistant", text: "", pending: true };
    this.lines.push(reply);
    const previous = this.state;
    this.state = "thinking";
    this.changed();
    const started = performance.now();
    try {
      const location = await turnLocation();
      if (abort.signal.aborted) return true;
      for await (const piece of streamChat([...history.slice(-20), { role: "user", content: text }], abort.signal, location)) {
        reply.latency ??= { firstTextMs: Math.round(performance.now() - started) };
        reply.text += piece;
        this.changed();
      }
      reply.latency = { ...reply.latency, totalMs: Math.round(performance.now() - started) };
      return true;
    } catch (error) {
      if (abort.signal.aborted) return true;
      // Nothing was answered: the request leaves the log and waits to be sent again, worded from its code.
      if (!reply.text) this.lines = this.lines.filter((l) => l.id !== reply.id && l.id !== `text-${n}-user`);
      this.unsent = text;
      this.notice = isNetworkError(error) ? { key: "chat.offline", kind: "error" } : { key: "chat.failed", params: { message: errorText(error) }, kind: "error" };
      return false;
    } finally {
      reply.pending = false;
      if (this.state === "thinking") this.state = this.call ? (previous === "thinking" ? "listening" : previous) : "idle";
      this.changed();
    }
  }
}

/** The one conversation of this page. */
export const assistant = new AssistantState();
