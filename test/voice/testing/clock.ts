/**
 * Virtual time for voice session tests: timers fire only when the test advances the clock, so
 * a session runs as fast as the machine allows and timings are exact and repeatable.
 */
import type { Clock } from "../../../src/voice/clock.ts";

export class ManualClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Resolves after `ms` of virtual time (for fakes that take time). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Lets promise callbacks and pending I/O run without moving the clock. */
  async settle(): Promise<void> {
    for (let i = 0; i < 4; i++) await new Promise((r) => setImmediate(r));
  }

  /** Moves time forward by `ms`, firing due timers in order and letting each one's work run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await this.settle();
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
    await this.settle();
  }
}
