/**
 * The contract between whatever carries a user's words (HTTP, the voice pipeline, Agora's
 * engine via /v1/chat/completions) and the agent that answers them.
 */

/** One event of a streamed reply, in order. */
export type TurnEvent =
  | { type: "text-delta"; text: string }
  | { type: "tool-call"; name: string; args: Record<string, unknown> }
  | { type: "tool-result"; name: string; result: unknown }
  | { type: "finish"; text: string; language: "zh" | "en" };

/** Runs one user turn for one signed-in user; a conversation keeps its recent turns. */
export interface TurnRunner {
  /** Streams the reply to `text`. Aborting stops generation; a state-changing tool already started still completes. */
  run(text: string, options?: { signal?: AbortSignal }): AsyncIterable<TurnEvent>;
}
