/**
 * The time source of the voice session and its pacer: a monotonic clock and one-shot timers.
 * Injected so tests run a session in virtual time (no real-time waits, no wall-clock asserts).
 */

/** A monotonic clock with timers. */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Calls `fn` once after `ms`; the handle cancels it. Must not keep the process alive. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a timer made by `setTimeout` (a no-op for one that has fired). */
  clearTimeout(handle: unknown): void;
}

/** Real time: `performance.now` and unref'd Node timers. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
