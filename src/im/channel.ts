/**
 * What the rest of the product sees of a chat platform: verify and decode a raw callback into
 * neutral events, send and update neutral messages, and say whether it is configured. Each
 * platform's quirks stay in its own folder behind this interface.
 */
import type { Robots } from "./robots.ts";
import type { RateRule } from "./rate-limit.ts";
import type { Address, InboundEvent, MessageRef, OutgoingMessage, Platform, VoiceContent } from "./message.ts";
import type { VoiceAudio } from "./voice.ts";

/** A channel's configuration status, as start-up and `/api/health` report it. */
export interface ChannelStatus {
  name: string;
  ready: boolean;
  /** Required environment variables that are set (names only, never values). */
  set: string[];
  /** Environment variables still needed. */
  missing: string[];
  hint: string;
}

/** One callback exactly as it arrived: the body is raw, because signatures cover the bytes. */
export interface RawRequest {
  method: string;
  /** Which of the channel's callback endpoints was called (see `Channel.endpoints`). */
  endpoint: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
}

/** The immediate HTTP answer to a callback. */
export interface RawReply {
  status: number;
  contentType: string;
  body: string;
}

/** Why a callback was refused; stable codes for logs and the 401 body. */
export type RejectCode =
  | "IM_SIGNATURE_INVALID"
  | "IM_TIMESTAMP_STALE"
  | "IM_RECEIVER_MISMATCH"
  | "IM_TOKEN_INVALID"
  | "IM_BODY_INVALID"
  | "IM_ENDPOINT_UNKNOWN";

/** A callback that failed verification or decoding; nothing may be done with it. */
export class InboundRejected extends Error {
  constructor(
    readonly code: RejectCode,
    message: string,
  ) {
    super(message);
    this.name = "InboundRejected";
  }
}

/** The outcome of `Channel.receive`: an answer for the platform now, events to handle after. */
export type Inbound = { ok: true; reply: RawReply; events: InboundEvent[] } | { ok: false; reply: RawReply; code: RejectCode; reason: string };

/** Options for one send. */
export interface SendOptions {
  /**
   * Stable for every attempt at the same outbox entry: passed to the platform where it takes an
   * idempotency key (Feishu `uuid`, WeCom card `task_id`), so a retry after a lost answer is not
   * delivered twice.
   */
  idempotencyKey: string;
}

/** Which rate-limit bucket a send to an address draws on, with the platform's published limits. */
export interface RateBucket {
  key: string;
  rules: RateRule[];
}

export interface Channel {
  readonly platform: Platform;
  /** Callback endpoints this channel answers, e.g. `["events", "card"]`. */
  readonly endpoints: readonly string[];
  status(): ChannelStatus;
  /** Verifies (on the raw body, before parsing) and decodes one callback. Never throws. */
  receive(request: RawRequest): Inbound;
  /** Sends a message; resolves to a reference to update it later where the platform allows. */
  send(to: Address, message: OutgoingMessage, options: SendOptions): Promise<MessageRef | undefined>;
  /**
   * Replaces a sent card (a decided approval). `onlyFor` limits the change to one person's view
   * where the platform allows it (WeCom), else tells that person in a message of its own.
   */
  update(card: MessageRef, message: OutgoingMessage, options?: { onlyFor?: Address }): Promise<void>;
  /** The rate-limit bucket a send to `to` counts against. */
  rateBucket(to: Address): RateBucket;
  /** Learns what the channel needs from its platform before handling messages (Feishu: the bot's own id); the server calls it at start. */
  start?(): Promise<void>;
  /**
   * The group robots configured on this platform (`to: "robot"` addresses one, its id a department
   * code or "" for the default): team digests go there.
   */
  readonly robots?: Robots;
  /** A voice message's audio, where the platform serves it in a format we decode (Feishu's Ogg Opus, WeCom's AMR). */
  voiceAudio?(content: VoiceContent): Promise<VoiceAudio | undefined>;
  /** Whether the bot is among the ids a group message @mentions (see `InboundMessage.mentions`). */
  mentionsMe?(ids: readonly string[]): Promise<boolean>;
  /**
   * For a channel that holds a connection to its platform instead of taking callbacks (DingTalk's
   * stream mode): opens it, handing every message's events to `deliver`, until `stop`.
   */
  listen?(deliver: (events: InboundEvent[]) => void, log: (line: string) => void): { stop(): Promise<void> };
}

/** Builds the refusal every platform gets for an unverifiable callback: 401 and a readable code. */
export function rejected(err: unknown): Inbound {
  const e = err instanceof InboundRejected ? err : new InboundRejected("IM_BODY_INVALID", err instanceof Error ? err.message : String(err));
  return {
    ok: false,
    code: e.code,
    reason: e.message,
    reply: { status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: e.code, message: e.message } }) },
  };
}

/** A 200 answer with a body, the usual acknowledgement. */
export function answer(body: string, contentType = "text/plain; charset=utf-8"): RawReply {
  return { status: 200, contentType, body };
}

/** Runs a decoder and turns its refusal into a 401 answer, so `receive` never throws. */
export function receiveSafely(decode: () => { reply: RawReply; events: InboundEvent[] }): Inbound {
  try {
    return { ok: true, ...decode() };
  } catch (err) {
    return rejected(err);
  }
}

/** Reports which of a channel's variables are set. */
export function channelStatus(name: string, vars: Record<string, string | undefined>, hint: string): ChannelStatus {
  const names = Object.keys(vars);
  const missing = names.filter((k) => !vars[k]);
  return { name, ready: missing.length === 0, set: names.filter((k) => vars[k]), missing, hint };
}
