/** What a voice session reports: events (sent as JSON on the "events" data channel) and audio. */
/** Languages the assistant speaks: the domain's one word for it (Node-free, so the page can import this file). */
import type { Language } from "../attendance/types.ts";
export type { Language };

/** What the agent is doing, for the UI. */
export type AgentState = "listening" | "thinking" | "speaking";

/**
 * Timings of one turn. Each `...Ms` point is measured from the end of the user's speech (the
 * end of the last voiced frame, as the VAD saw it), in ms.
 */
export interface TurnMetrics {
  type: "metrics";
  turnId: number;
  /** The endpoint was decided (about the endpointing silence). */
  speechEndMs: number;
  /** The transcript was ready. */
  sttDoneMs: number;
  /** The agent's first text arrived. */
  firstTextMs?: number;
  /** The first reply audio frame was sent. */
  firstAudioMs?: number;
  /** End of user speech to first reply audio frame sent: the latency a person hears. */
  e2eLatencyMs?: number;
  /** How long the user spoke (ms). */
  utteranceMs: number;
  /** Reply audio sent (ms of audio). */
  replyAudioMs: number;
  /** The user spoke over the reply. */
  interrupted: boolean;
}

/** A tool the agent called during a turn, and its result if it arrived. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  result?: unknown;
}

/** Everything a session reports, in order; JSON-serialisable (sent on the "events" data channel). */
export type VoiceEvent =
  | { type: "state"; state: AgentState }
  | { type: "user-speech"; speaking: boolean }
  | { type: "transcript"; role: "user"; turnId: number; text: string; final: boolean; language: Language }
  | {
      type: "transcript";
      role: "agent";
      turnId: number;
      text: string;
      final: true;
      language: Language;
      /** The user spoke over the reply; `text` is what had been written by then. */
      interrupted: boolean;
      /** The sentences whose audio had started playing (all of `text` unless interrupted). */
      spokenText: string;
      toolCalls: ToolCallRecord[];
    }
  | { type: "agent-text"; turnId: number; delta: string }
  | { type: "tool-call"; turnId: number; name: string; args: Record<string, unknown> }
  | { type: "tool-result"; turnId: number; name: string; result: unknown }
  | TurnMetrics
  | { type: "error"; turnId?: number; code: "STT_FAILED" | "AGENT_FAILED" | "TTS_FAILED"; message: string };

/** Receives a session's output. Called synchronously; must not throw. */
export interface VoiceSink {
  onEvent?(event: VoiceEvent): void;
  /** One 20 ms mono PCM16 frame at the session's `outputSampleRate`, when it is due to play. */
  onAudio?(frame: Int16Array): void;
}
