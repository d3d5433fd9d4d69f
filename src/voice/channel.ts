/**
 * A push-based async iterable: producers `push`, one consumer iterates. Carries the agent's
 * streamed text to synthesis and a speech-to-text stream's events to the session.
 */
export class Channel<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  /** Adds an item; ignored once the channel has ended. */
  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items: iteration finishes once the queued ones are read. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  /** Ends the channel with an error, thrown to the reader after the queued items. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.end();
  }

  /** Whether `end` or `fail` was called. */
  get closed(): boolean {
    return this.ended;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length) yield this.items.shift()!;
      else if (this.failure) throw this.failure.error;
      else if (this.ended) return;
      else await new Promise<void>((r) => (this.wake = r));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
