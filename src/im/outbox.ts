/**
 * The outbox: every outgoing chat message is first a row (recipient, channel, payload, dedupe
 * key, attempts, next attempt, status, last error), then a send. The row is written before
 * anything is sent, so a message accepted here survives a crash and goes out after restart; a
 * worker sends due rows at each platform's rate, retries what may heal (5xx, 429, network) with
 * backoff, and marks what the platform refused (4xx) as failed with its error.
 *
 * Exactly once: a row is marked sent in the same step that learns the platform accepted it. A
 * crash in the milliseconds between the platform's answer and that mark sends the row again after
 * restart; Feishu's `uuid` and WeCom's card `task_id` (both from the dedupe key) make that resend
 * a no-op on those platforms.
 */
import type { Channel } from "./channel.ts";
import { PlatformError } from "./http.ts";
import type { Address, MessageRef, OutgoingMessage, Platform } from "./message.ts";
import { RateLimiter } from "./rate-limit.ts";

/** What a row asks for: a new message, or a change to a sent card. */
export type OutboxPayload =
  | { op: "send"; message: OutgoingMessage }
  | { op: "update"; card: MessageRef; message: OutgoingMessage; onlyFor?: Address };

export type OutboxStatus = "pending" | "sent" | "failed";

/** Where a row goes out: a chat platform, or email (src/notify/email.ts). */
export type OutboxChannel = Platform | "email";

/** What the worker needs of a way out: a chat platform's `Channel`, or the email sender. */
export type OutboxSender = Pick<Channel, "send" | "update" | "rateBucket" | "robots">;

/** One outbox row. Times are ms since the epoch. */
export interface OutboxEntry {
  id: number;
  channel: OutboxChannel;
  recipient: Address;
  /** The employee it is for, when there is one (replies to unknown senders have none). */
  employeeId?: number;
  payload: OutboxPayload;
  /** Unique: enqueueing the same key again is a no-op. */
  dedupeKey: string;
  attempts: number;
  nextAttemptAt: number;
  status: OutboxStatus;
  lastError?: string;
  createdAt: number;
}

export type NewOutboxEntry = Pick<OutboxEntry, "channel" | "recipient" | "employeeId" | "payload" | "dedupeKey"> & {
  /** Not sent before this instant (ms; a notice held through the quiet hours); default now. */
  notBefore?: number;
};

/** The rows, as the store keeps them. */
export interface OutboxStore {
  /** Inserts a pending row due now (or at its `notBefore`); false when the dedupe key is already there. */
  insertOutbox(entry: NewOutboxEntry, now: number): Promise<boolean>;
  /** Pending rows due at `now`, oldest first. */
  dueOutbox(now: number, limit: number): Promise<OutboxEntry[]>;
  /** The earliest next attempt of a pending row after `after` (rows due sooner are waiting on a rate). */
  nextOutboxAttempt(after: number): Promise<number | undefined>;
  markOutboxSent(id: number, now: number): Promise<void>;
  markOutboxRetry(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  markOutboxFailed(id: number, attempts: number, error: string): Promise<void>;
}

/** Gives up on a retryable failure after this many attempts (about a day with the backoff below). */
export const MAX_ATTEMPTS = 12;

/** 2 s, 4 s, 8 s, ... capped at 30 minutes; never sooner than the platform asked. */
export function backoffMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(30 * 60_000, 1000 * 2 ** attempts));
}

/** Timers, injectable so tests drive time instead of waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  channels: ReadonlyMap<OutboxChannel, OutboxSender>;
  now?: () => number;
  timers?: Timers;
  /** Rows written by another process are found by polling this often. */
  pollMs?: number;
  /** Told of every row that ends as failed. */
  onFailed?: (entry: OutboxEntry, error: string) => void;
}

/** Sends due outbox rows: one at a time per rate bucket, buckets side by side. */
export class OutboxWorker {
  private readonly limiter = new RateLimiter();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly timers: Timers;
  private timer: unknown;
  private running = false;
  private ticking?: Promise<void>;
  /** When a rate-limited bucket frees up; the store knows the other wake-ups. */
  private rateWake?: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  start(): void {
    this.running = true;
    this.kick();
  }

  /** Stops scheduling and waits for sends in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.inFlight);
  }

  /** Looks for due rows now (after an enqueue). */
  kick(): void {
    if (!this.running) return;
    void this.tick().then(() => this.schedule());
  }

  /**
   * Starts every send that is due and allowed by its bucket's rate, and waits for them. Returns
   * when nothing more can go before the next wake-up (see `nextWake`).
   */
  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.sendDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /**
   * When the next row may go, after a tick: the earliest of a retry falling due and a rate window
   * opening for rows that are due but waiting on their bucket.
   */
  async nextWake(): Promise<number | undefined> {
    const stored = await this.options.store.nextOutboxAttempt(this.now());
    const candidates = [stored, this.rateWake].filter((t): t is number => t !== undefined);
    return candidates.length ? Math.min(...candidates) : undefined;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.rateWake = undefined;
      const due = await this.options.store.dueOutbox(now, 200);
      const started: Promise<void>[] = [];
      const blocked = new Set<string>();
      for (const entry of due) {
        const channel = this.options.channels.get(entry.channel);
        if (!channel) {
          started.push(this.fail(entry, entry.attempts, `CHANNEL_OFF: ${entry.channel} is not configured`));
          continue;
        }
        const bucket = channel.rateBucket(entry.recipient);
        // Rows of one bucket go in order: a later row never overtakes a waiting one.
        if (this.busy.has(bucket.key) || blocked.has(bucket.key)) continue;
        const wait = this.limiter.delay(bucket.key, bucket.rules, now);
        if (wait > 0) {
          blocked.add(bucket.key);
          this.rateWake = Math.min(this.rateWake ?? Infinity, now + wait);
          continue;
        }
        this.limiter.take(bucket.key, bucket.rules, now);
        this.busy.add(bucket.key);
        started.push(this.track(this.deliver(channel, entry).finally(() => this.busy.delete(bucket.key))));
      }
      if (started.length === 0) return;
      await Promise.all(started);
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(channel: OutboxSender, entry: OutboxEntry): Promise<void> {
    const attempts = entry.attempts + 1;
    try {
      const p = entry.payload;
      if (p.op === "send") await channel.send(entry.recipient, p.message, { idempotencyKey: entry.dedupeKey });
      else await channel.update(p.card, p.message, { onlyFor: p.onlyFor });
      await this.options.store.markOutboxSent(entry.id, this.now());
    } catch (err) {
      const platformError = err instanceof PlatformError ? err : undefined;
      const error = platformError ? `${platformError.code}: ${platformError.message}` : `ERROR: ${err instanceof Error ? err.message : String(err)}`;
      // Anything that is not the platform's own refusal (a bug, an odd answer) is tried again too.
      const retryable = platformError ? platformError.retryable : true;
      if (!retryable || attempts >= MAX_ATTEMPTS) return this.fail(entry, attempts, error);
      await this.options.store.markOutboxRetry(entry.id, attempts, this.now() + backoffMs(attempts, platformError?.retryAfterMs), error);
    }
  }

  private async fail(entry: OutboxEntry, attempts: number, error: string): Promise<void> {
    await this.options.store.markOutboxFailed(entry.id, attempts, error);
    this.options.onFailed?.(entry, error);
  }

  private async schedule(): Promise<void> {
    if (!this.running) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    const wake = await this.nextWake();
    const poll = this.options.pollMs ?? 5000;
    const delay = wake === undefined ? poll : Math.min(poll, Math.max(0, wake - this.now()));
    this.timer = this.timers.setTimeout(() => this.kick(), delay);
  }
}
