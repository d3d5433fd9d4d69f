/**
 * Cuts a stream of PCM chunks of any size into whole frames of one size, keeping the remainder
 * for the next chunk: every VAD classifies fixed frames while the transport delivers what it has.
 */
export class FrameBuffer {
  private pending: Int16Array = new Int16Array(0);

  constructor(private readonly size: number) {}

  /** The whole frames the chunk completes, in order. */
  take(pcm: Int16Array): Int16Array[] {
    let data = pcm;
    if (this.pending.length) {
      data = new Int16Array(this.pending.length + pcm.length);
      data.set(this.pending);
      data.set(pcm, this.pending.length);
    }
    const frames: Int16Array[] = [];
    let at = 0;
    for (; at + this.size <= data.length; at += this.size) frames.push(data.slice(at, at + this.size));
    this.pending = data.slice(at);
    return frames;
  }

  reset(): void {
    this.pending = new Int16Array(0);
  }
}
