/**
 * Releases outgoing audio frames at the pace they play. Holding the reply here, rather than
 * handing all of it to the transport at once, is what makes barge-in possible: `clear()` drops
 * everything not yet sent, so audio stops within one frame plus the small lead.
 */

import { realClock, type Clock } from "./clock.ts";

/** Tuning of {@link AudioPacer}. */
export interface AudioPacerOptions {
  /** Duration of one frame (ms). Default 20. */
  frameMs?: number;
  /** Audio sent ahead of real time to fill the receiver's jitter buffer (ms). Default 40. */
  leadMs?: number;
  /** Clock and timers. Default real time; tests pass a virtual clock. */
  clock?: Clock;
}

/** A real-time frame pacer with a queue that can be dropped at once. */
export class AudioPacer {
  private readonly frameMs: number;
  private readonly leadMs: number;
  private readonly clock: Clock;
  private queue: Int16Array[] = [];
  private startedAt = 0;
  private sent = 0;
  private timer: unknown;
  private waiters: (() => void)[] = [];
  private stopped = false;
  private paused = false;

  constructor(
    private readonly onFrame: (frame: Int16Array) => void,
    options: AudioPacerOptions = {},
  ) {
    this.frameMs = options.frameMs ?? 20;
    this.leadMs = options.leadMs ?? 40;
    this.clock = options.clock ?? realClock;
  }

  /** Audio waiting to be sent (ms). */
  get queuedMs(): number {
    return this.queue.length * this.frameMs;
  }

  /** Whether frames are waiting or being sent. */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  /** Whether sending is held by {@link pause}. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Queues frames; sending starts at once if the pacer was idle (and not paused). */
  enqueue(frames: readonly Int16Array[]): void {
    if (this.stopped || frames.length === 0) return;
    const wasIdle = this.queue.length === 0 && this.timer === undefined;
    this.queue.push(...frames);
    if (wasIdle && !this.paused) {
      // A gap (the next sentence was late) restarts the clock instead of bursting to catch up.
      this.startedAt = this.clock.now();
      this.sent = 0;
      this.tick();
    }
  }

  /**
   * Holds the frames not yet sent (the user may be interrupting); {@link resume} plays them from
   * where they stopped, {@link clear} drops them.
   */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Goes on sending after {@link pause}, from the first frame not yet sent. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.stopped || this.queue.length === 0) return this.settle();
    this.startedAt = this.clock.now();
    this.sent = 0;
    this.tick();
  }

  /** Drops every frame not yet sent; returns how many were dropped. */
  clear(): number {
    const dropped = this.queue.length;
    this.queue = [];
    this.paused = false;
    this.settle();
    return dropped;
  }

  /** Resolves when the queue is empty (immediately if it is). */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops the queue and sends nothing more. */
  stop(): void {
    this.stopped = true;
    this.paused = false;
    this.clear();
  }

  private tick = (): void => {
    this.timer = undefined;
    const elapsed = this.clock.now() - this.startedAt;
    // Send every frame that is due (catching up after a late timer), plus the lead.
    while (this.queue.length && this.sent * this.frameMs <= elapsed + this.leadMs) {
      const frame = this.queue.shift()!;
      this.sent++;
      this.onFrame(frame);
    }
    if (this.queue.length === 0) return this.settle();
    const due = this.startedAt + this.sent * this.frameMs - this.leadMs;
    this.timer = this.clock.setTimeout(this.tick, Math.max(1, due - this.clock.now()));
  };

  private settle(): void {
    if (this.queue.length) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
