/**
 * What the voice session needs from whoever answers the user: a turn runner streaming text and
 * tool calls. Declared here, on the side that calls it, so src/voice imports nothing from the
 * agent; the agent's conversations satisfy it structurally (the composition root, which passes
 * one in, is where the compiler checks that they fit).
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
   * How sure speech-to-text was of the words, 0..1 (sphinx: the lowest word posterior; OpenAI:
   * the mean token probability). Undefined for typed text and for engines that give none.
   * The agent's safety layer reads a doubtful transcript of a state-changing request back
   * instead of acting on it.
   */
  confidence?: number;
}

/** Runs one user turn for one signed-in user; a conversation keeps its recent turns. */
export interface TurnRunner {
  /** Streams the reply to `text`. */
  run(text: string, options?: TurnOptions): AsyncIterable<TurnEvent>;
}
