/**
 * Events of a voice session as they arrive on the "events" data channel. The shared parts come
 * from src/voice/events.ts; `ServerVoiceEvent` is deliberately looser than the server's
 * `VoiceEvent`: parsed JSON is taken as it comes, so `language`, an agent transcript's extras and
 * the error `code` are optional or plain strings (test/web/events.test.ts checks the two stay
 * compatible).
 */
import type { AgentState, TurnMetrics } from "../../../src/voice/events.ts";

export type { AgentState };

/** The name of the data channel the server sends events on. */
export const EVENTS_CHANNEL = "events";

export type TurnMetricsEvent = TurnMetrics;

export type ServerVoiceEvent =
  | { type: "state"; state: AgentState }
  | { type: "user-speech"; speaking: boolean }
  | { type: "transcript"; role: "user"; turnId: number; text: string; final: boolean; language?: string }
  | {
      type: "transcript";
      role: "agent";
      turnId: number;
      text: string;
      final: boolean;
      language?: string;
      interrupted?: boolean;
      spokenText?: string;
      toolCalls?: { name: string; args: Record<string, unknown>; result?: unknown }[];
    }
  | { type: "agent-text"; turnId: number; delta: string }
  | { type: "tool-call"; turnId: number; name: string; args: Record<string, unknown> }
  | { type: "tool-result"; turnId: number; name: string; result: unknown }
  | TurnMetricsEvent
  | { type: "error"; turnId?: number; code: string; message: string };

/** Parses one data-channel message; undefined for anything that is not a known event. */
export function parseVoiceEvent(data: unknown): ServerVoiceEvent | undefined {
  if (typeof data !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object" || typeof (value as { type?: unknown }).type !== "string") return undefined;
  return value as ServerVoiceEvent;
}

/** One line of the conversation shown on the page. */
export interface Line {
  id: string;
  role: "user" | "assistant";
  text: string;
  /** Still being transcribed or written. */
  pending: boolean;
  interrupted?: boolean;
  /** Tools the turn ran, by name. */
  tools?: string[];
  /** Latency figures of the turn, already measured. */
  latency?: { e2eMs?: number; firstTextMs?: number; totalMs?: number };
}

/**
 * Applies a voice event to the conversation. Lines are keyed by turn, so interim transcripts
 * and streamed text replace or extend the same line. Returns the new state, if it changed.
 */
export function applyVoiceEvent(lines: Line[], event: ServerVoiceEvent): AgentState | undefined {
  const find = (id: string) => lines.find((l) => l.id === id);
  const ensure = (id: string, role: Line["role"]): Line => {
    let line = find(id);
    if (!line) {
      line = { id, role, text: "", pending: true };
      lines.push(line);
    }
    return line;
  };
  switch (event.type) {
    case "state":
      return event.state;
    case "transcript": {
      const line = ensure(`voice-${event.turnId}-${event.role === "user" ? "user" : "assistant"}`, event.role === "user" ? "user" : "assistant");
      line.text = event.text;
      line.pending = !event.final;
      if (event.role === "agent") {
        line.interrupted = event.interrupted;
        if (event.toolCalls?.length) line.tools = event.toolCalls.map((c) => c.name);
      }
      return undefined;
    }
    case "agent-text": {
      const line = ensure(`voice-${event.turnId}-assistant`, "assistant");
      line.text += event.delta;
      return undefined;
    }
    case "tool-result": {
      const line = ensure(`voice-${event.turnId}-assistant`, "assistant");
      line.tools = [...new Set([...(line.tools ?? []), event.name])];
      return undefined;
    }
    case "metrics": {
      const line = find(`voice-${event.turnId}-assistant`);
      if (line) line.latency = { e2eMs: event.e2eLatencyMs, firstTextMs: event.firstTextMs };
      return undefined;
    }
    default:
      return undefined;
  }
}
