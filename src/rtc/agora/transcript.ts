/**
 * Live transcripts from Agora's Conversational AI agent, which arrive as RTC `stream-message`
 * payloads. Pure and browser-safe (no Node APIs): the web client and the tests use the same code.
 *
 * A payload is one chunk `msg_id|part_idx|part_sum|base64`, part_idx counting from 1 (as in
 * Agora's toolkit); the joined base64 of all parts is UTF-8 JSON such as
 * `{"object":"user.transcription","text":"…","turn_id":3,"final":true}`. The assistant's messages
 * mark completion with `turn_status` (0 in progress, 1 ended, 2 interrupted) rather than `final`.
 */

/** Who spoke a transcript line. */
export type TranscriptRole = "user" | "assistant";

/** One line of the conversation: the latest text of one role's turn. */
export interface TranscriptItem {
  /** `${role}:${turnId}`, stable while the line is revised. */
  key: string;
  /** Agora's turn counter; the greeting is turn 0. */
  turnId: number;
  role: TranscriptRole;
  text: string;
  /** True once the text will no longer change. */
  final: boolean;
  /** The assistant was cut off (barge-in) before finishing this turn. */
  interrupted: boolean;
}

/** Memory bounds; defaults suit one call. */
export interface TranscriptAssemblerOptions {
  /** Incomplete messages older than this are dropped. Default 10 000 ms. */
  pendingTimeoutMs?: number;
  /** At most this many incomplete messages are kept; the oldest goes first. Default 32. */
  maxPendingMessages?: number;
  /** Messages announcing more parts than this are ignored. Default 256. */
  maxParts?: number;
  /** Only the latest this many lines are kept. Default 200. */
  maxItems?: number;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
}

/** One parsed `msg_id|part_idx|part_sum|base64` chunk. */
export interface StreamChunk {
  messageId: string;
  /** 1-based. */
  partIndex: number;
  /** Total parts, or undefined when Agora sent `???` (unknown). */
  partCount: number | undefined;
  data: string;
}

interface PendingMessage {
  firstSeenMs: number;
  partCount: number;
  parts: Map<number, string>;
}

/** Parses one chunk; undefined when it is not in Agora's format. */
export function parseStreamChunk(text: string): StreamChunk | undefined {
  const fields = text.split("|");
  if (fields.length !== 4) return undefined;
  const [messageId, index, count, data] = fields as [string, string, string, string];
  const partIndex = Number(index);
  const partCount = count === "???" ? undefined : Number(count);
  if (!messageId || !Number.isInteger(partIndex) || partIndex < 1) return undefined;
  if (partCount !== undefined && (!Number.isInteger(partCount) || partCount < partIndex)) return undefined;
  return { messageId, partIndex, partCount, data };
}

/** Decodes base64 of UTF-8 JSON; undefined when it is not that. */
export function decodeStreamMessage(base64: string): unknown {
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Reassembles chunks into messages and keeps the transcript: one item per turn and role, interim
 * text replaced by later text, and never a final line replaced by a late interim one.
 */
export class TranscriptAssembler {
  readonly #pending = new Map<string, PendingMessage>();
  readonly #items = new Map<string, TranscriptItem>();
  readonly #pendingTimeoutMs: number;
  readonly #maxPendingMessages: number;
  readonly #maxParts: number;
  readonly #maxItems: number;
  readonly #now: () => number;

  constructor(options: TranscriptAssemblerOptions = {}) {
    this.#pendingTimeoutMs = options.pendingTimeoutMs ?? 10_000;
    this.#maxPendingMessages = options.maxPendingMessages ?? 32;
    this.#maxParts = options.maxParts ?? 256;
    this.#maxItems = options.maxItems ?? 200;
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * Takes one `stream-message` payload (bytes or text). Returns the items it changed (usually
   * zero or one); read `items()` for the whole transcript.
   */
  push(payload: Uint8Array | string): TranscriptItem[] {
    const text = typeof payload === "string" ? payload : new TextDecoder().decode(payload);
    this.#dropStale();
    const chunk = parseStreamChunk(text);
    // Agora's toolkit also skips parts whose total is unknown: they cannot be assembled.
    if (!chunk || chunk.partCount === undefined || chunk.partCount > this.#maxParts) return [];

    let base64: string;
    if (chunk.partCount === 1) {
      base64 = chunk.data;
    } else {
      const whole = this.#addPart(chunk.messageId, chunk.partIndex, chunk.partCount, chunk.data);
      if (whole === undefined) return [];
      base64 = whole;
    }
    return this.#apply(decodeStreamMessage(base64));
  }

  /** The transcript in conversation order: by turn, the user's words before the reply. */
  items(): TranscriptItem[] {
    return [...this.#items.values()].sort(
      (a, b) => a.turnId - b.turnId || (a.role === b.role ? 0 : a.role === "user" ? -1 : 1),
    );
  }

  /** Number of messages still waiting for parts (for tests and diagnostics). */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Forgets everything, e.g. when the call ends. */
  reset(): void {
    this.#pending.clear();
    this.#items.clear();
  }

  #addPart(messageId: string, index: number, count: number, data: string): string | undefined {
    let message = this.#pending.get(messageId);
    if (message && message.partCount !== count) {
      // Contradicting totals: the message cannot be trusted, start over with this part.
      this.#pending.delete(messageId);
      message = undefined;
    }
    if (!message) {
      while (this.#pending.size >= this.#maxPendingMessages) {
        const oldest = this.#pending.keys().next().value as string;
        this.#pending.delete(oldest);
      }
      message = { firstSeenMs: this.#now(), partCount: count, parts: new Map() };
      this.#pending.set(messageId, message);
    }
    message.parts.set(index, data);
    if (message.parts.size < count) return undefined;
    this.#pending.delete(messageId);
    let whole = "";
    for (let i = 1; i <= count; i++) whole += message.parts.get(i) ?? "";
    return whole;
  }

  #dropStale(): void {
    const cutoff = this.#now() - this.#pendingTimeoutMs;
    for (const [id, message] of this.#pending) {
      if (message.firstSeenMs < cutoff) this.#pending.delete(id);
    }
  }

  #apply(message: unknown): TranscriptItem[] {
    if (message === null || typeof message !== "object") return [];
    const m = message as Record<string, unknown>;
    if (typeof m.turn_id !== "number") return [];

    if (m.object === "message.interrupt") {
      const item = this.#items.get(`assistant:${m.turn_id}`);
      if (!item || item.final) return [];
      return [this.#store({ ...item, final: true, interrupted: true })];
    }

    const role: TranscriptRole | undefined =
      m.object === "user.transcription" ? "user" : m.object === "assistant.transcription" ? "assistant" : undefined;
    if (!role || typeof m.text !== "string") return [];
    const final = m.final === true || (typeof m.turn_status === "number" && m.turn_status !== 0);
    const key = `${role}:${m.turn_id}`;
    const previous = this.#items.get(key);
    // Stream messages may arrive out of order: a late interim must not undo a final line.
    if (previous?.final && !final) return [];
    if (previous && previous.text === m.text && previous.final === final) return [];
    return [
      this.#store({ key, turnId: m.turn_id, role, text: m.text, final, interrupted: m.turn_status === 2 }),
    ];
  }

  #store(item: TranscriptItem): TranscriptItem {
    this.#items.delete(item.key);
    this.#items.set(item.key, item);
    if (this.#items.size > this.#maxItems) {
      const oldest = this.items()[0];
      if (oldest) this.#items.delete(oldest.key);
    }
    return item;
  }
}
