/**
 * The contract between whatever carries a user's words (HTTP, the voice pipeline, Agora's
 * engine via /v1/chat/completions) and the agent that answers them.
 */

import type { Language } from "../attendance/types.ts";

/** One event of a streamed reply, in order. */
export type TurnEvent =
  | { type: "text-delta"; text: string }
  | { type: "tool-call"; name: string; args: Record<string, unknown> }
  | { type: "tool-result"; name: string; result: unknown }
  | { type: "finish"; text: string; language: Language };

/** Options of one turn. */
export interface TurnOptions {
  /** Aborting stops generation; a state-changing tool already started still completes. */
  signal?: AbortSignal;
  /**
   * How sure speech-to-text was of `text`, 0..1 (the engine's own measure: sphinx's lowest word
   * posterior, OpenAI's mean token probability). Undefined for typed text and for engines that
   * give none. A doubtful transcript of a state-changing request should be read back, not acted on.
   */
  confidence?: number;
}

/** Runs one user turn for one signed-in user; a conversation keeps its recent turns. */
export interface TurnRunner {
  /** Streams the reply to `text`. */
  run(text: string, options?: TurnOptions): AsyncIterable<TurnEvent>;
}
