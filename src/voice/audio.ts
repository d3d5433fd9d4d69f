/**
 * PCM16 audio helpers shared by the voice pipeline and its transports: WAV in and out, a
 * band-limited resampler, 20 ms framing and level measurement.
 *
 * All PCM here is mono, signed 16-bit, little-endian when serialised, held as `Int16Array`.
 */

/** A block of mono PCM16 audio with its rate. */
export interface AudioChunk {
  /** Samples, mono, signed 16-bit. */
  pcm: Int16Array;
  /** Samples per second (Hz). */
  sampleRate: number;
}

/** The rate the pipeline works at internally: VAD and speech-to-text (Hz). */
export const PIPELINE_SAMPLE_RATE = 16_000;
/** The frame duration of the pipeline and the Opus transport (ms). */
export const FRAME_MS = 20;

/** Samples in one frame of `frameMs` at `sampleRate` (e.g. 320 for 20 ms at 16 kHz). */
export function frameSamples(sampleRate: number, frameMs: number = FRAME_MS): number {
  return Math.round((sampleRate * frameMs) / 1000);
}

/** Duration of `samples` at `sampleRate`, in ms. */
export function durationMs(samples: number, sampleRate: number): number {
  return (samples * 1000) / sampleRate;
}

/** Views little-endian PCM16 bytes as samples (copies when the bytes are not 2-byte aligned). */
export function bytesToPcm16(bytes: Uint8Array): Int16Array {
  const even = bytes.byteLength & ~1;
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, even / 2);
  return new Int16Array(bytes.slice(0, even).buffer);
}

/** PCM16 samples as little-endian bytes (a view, no copy). */
export function pcm16ToBytes(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

/** Joins chunks of samples into one array. */
export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Int16Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Root-mean-square level in dBFS (0 = full-scale square wave; silence gives -100). */
export function rmsDbfs(pcm: Int16Array): number {
  if (pcm.length === 0) return -100;
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i] * pcm[i];
  const rms = Math.sqrt(sum / pcm.length) / 32768;
  return rms > 1e-5 ? 20 * Math.log10(rms) : -100;
}

/** Parses a RIFF/WAVE file with 16-bit integer PCM; several channels are averaged to mono. */
export function readWav(bytes: Uint8Array): AudioChunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a RIFF/WAVE file");
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    let size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      const format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // 0xfffe (extensible) carries plain PCM in our files; anything else (float, a-law) is refused.
      if ((format !== 1 && format !== 0xfffe) || bits !== 16) throw new Error(`unsupported WAV format ${format}/${bits}-bit`);
    } else if (id === "data") {
      if (!channels) throw new Error("WAV data before fmt chunk");
      // Streaming writers (espeak-ng --stdout) leave the size at 0 or 0xffffffff: take the rest.
      if (size === 0 || size === 0xffffffff || body + size > bytes.length) size = bytes.length - body;
      const frames = Math.floor(size / (2 * channels));
      const pcm = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        let acc = 0;
        for (let c = 0; c < channels; c++) acc += view.getInt16(body + 2 * (i * channels + c), true);
        pcm[i] = Math.round(acc / channels);
      }
      return { pcm, sampleRate };
    }
    at = body + size + (size & 1);
  }
  throw new Error("WAV file has no data chunk");
}

/** Serialises mono PCM16 as a canonical 44-byte-header WAV file. */
export function writeWav(pcm: Int16Array, sampleRate: number): Buffer {
  const out = Buffer.alloc(44 + pcm.byteLength);
  out.write("RIFF", 0, "latin1");
  out.writeUInt32LE(36 + pcm.byteLength, 4);
  out.write("WAVEfmt ", 8, "latin1");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "latin1");
  out.writeUInt32LE(pcm.byteLength, 40);
  pcm16ToBytes(pcm).copy(out, 44);
  return out;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function, for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 40; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/** Tuning of {@link Resampler}. */
export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side; more gives a sharper transition band. Default 16. */
  zeroCrossings?: number;
  /** Cut-off as a fraction of the lower Nyquist frequency. Default 0.9 (7.2 kHz for 16 kHz output). */
  rolloff?: number;
  /** Kaiser window beta; 8 gives about 80 dB of stop-band attenuation. Default 8. */
  kaiserBeta?: number;
}

/**
 * Streaming rational resampler: a polyphase windowed-sinc (Kaiser) low-pass FIR, so that
 * downsampling 48 kHz to 16 kHz removes everything above the new Nyquist frequency instead of
 * folding it back as aliasing (which sample dropping would do). Works for any integer rates,
 * e.g. 22050 -> 48000 for espeak-ng output. Keeps its history between calls, so feeding 20 ms
 * frames one by one gives the same result as one call on the whole signal.
 */
export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly half: number;
  /** Per phase, the 2*half weights for input samples base-half+1 .. base+half. */
  private readonly table: Float32Array[];
  /** Input history; buf[0] is absolute input sample `bufStart`. */
  private buf = new Float32Array(0);
  private bufStart = 0;
  private inputTotal = 0;
  /** Index of the next output sample. */
  private outIndex = 0;

  constructor(
    readonly fromHz: number,
    readonly toHz: number,
    options: ResamplerOptions = {},
  ) {
    if (!(fromHz > 0 && toHz > 0 && Number.isInteger(fromHz) && Number.isInteger(toHz))) {
      throw new RangeError(`bad resampling rates ${fromHz} -> ${toHz}`);
    }
    const g = gcd(fromHz, toHz);
    this.up = toHz / g;
    this.down = fromHz / g;
    const zeros = options.zeroCrossings ?? 16;
    const beta = options.kaiserBeta ?? 8;
    // Cut-off in cycles per input sample: below both Nyquist frequencies.
    const cutoff = 0.5 * Math.min(1, toHz / fromHz) * (options.rolloff ?? 0.9);
    const halfWidth = zeros / (2 * cutoff);
    this.half = Math.ceil(halfWidth);
    const i0beta = besselI0(beta);
    this.table = [];
    for (let p = 0; p < this.up; p++) {
      const frac = p / this.up;
      const w = new Float32Array(2 * this.half);
      let sum = 0;
      for (let j = -this.half + 1; j <= this.half; j++) {
        const x = frac - j; // distance from the output instant to input sample base+j
        let h = 0;
        if (Math.abs(x) < halfWidth) {
          const s = x === 0 ? 1 : Math.sin(Math.PI * 2 * cutoff * x) / (Math.PI * 2 * cutoff * x);
          const r = x / halfWidth;
          h = 2 * cutoff * s * (besselI0(beta * Math.sqrt(1 - r * r)) / i0beta);
        }
        w[j + this.half - 1] = h;
        sum += h;
      }
      // Unity gain at DC for every phase, so a constant stays constant.
      for (let k = 0; k < w.length; k++) w[k] /= sum;
      this.table.push(w);
    }
  }

  /** Input samples of look-ahead the filter needs (its delay is zero: the kernel is centred). */
  get lookaheadSamples(): number {
    return this.half;
  }

  /** Feeds input samples; returns the output samples that can be computed so far. */
  process(input: Int16Array): Int16Array {
    if (this.up === this.down) return input.slice();
    this.append(input);
    return this.drain(this.inputTotal);
  }

  /** Emits the remaining output, treating the input as followed by silence. */
  flush(): Int16Array {
    if (this.up === this.down) return new Int16Array(0);
    const end = this.inputTotal;
    this.append(new Int16Array(this.half + 1));
    this.inputTotal = end;
    const out = this.drain(end + this.half + 1, Math.ceil((end * this.up) / this.down));
    return out;
  }

  private append(input: Int16Array): void {
    const keepFrom = Math.max(0, Math.floor((this.outIndex * this.down) / this.up) - this.half);
    const drop = Math.min(keepFrom - this.bufStart, this.buf.length);
    const next = new Float32Array(this.buf.length - Math.max(0, drop) + input.length);
    next.set(this.buf.subarray(Math.max(0, drop)));
    for (let i = 0; i < input.length; i++) next[next.length - input.length + i] = input[i];
    this.buf = next;
    this.bufStart += Math.max(0, drop);
    this.inputTotal += input.length;
  }

  /** Computes outputs whose kernel lies before `available` input samples, up to `limit` outputs. */
  private drain(available: number, limit = Infinity): Int16Array {
    const out: number[] = [];
    for (;;) {
      if (this.outIndex >= limit) break;
      const pos = this.outIndex * this.down;
      const base = Math.floor(pos / this.up);
      if (base + this.half >= available) break;
      const w = this.table[pos % this.up];
      let acc = 0;
      const first = base - this.half + 1;
      for (let k = 0; k < w.length; k++) {
        const idx = first + k - this.bufStart;
        // Samples before the stream start are silence.
        if (idx >= 0) acc += w[k] * this.buf[idx];
      }
      out.push(acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc));
      this.outIndex++;
    }
    return Int16Array.from(out);
  }
}

/** Resamples a whole signal at once (see {@link Resampler}). */
export function resample(pcm: Int16Array, fromHz: number, toHz: number, options?: ResamplerOptions): Int16Array {
  if (fromHz === toHz) return pcm;
  const r = new Resampler(fromHz, toHz, options);
  return concatPcm([r.process(pcm), r.flush()]);
}

/** Float samples in [-1, 1] (what audio decoders give) as PCM16, clipped. */
export function floatToPcm16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767));
}

/**
 * Doubles the sample rate of narrowband speech (8 -> 16 kHz) by spectral folding: a zero after
 * each sample and no anti-imaging filter, so the 0-4 kHz band stays and its mirror image fills
 * 4-8 kHz. A recogniser trained on wideband speech hears a mirrored upper band as much closer to
 * speech than the empty one a proper resampler leaves (see SphinxStt.transcribe).
 */
export function foldToDoubleRate(pcm: Int16Array): Int16Array {
  const out = new Int16Array(pcm.length * 2);
  // Each band carries half the original amplitude; the recogniser normalises level, and doubling
  // (which clips loud speech) measured slightly worse.
  pcm.forEach((s, i) => (out[2 * i] = s));
  return out;
}

/**
 * Cuts a stream of arbitrary-length chunks into fixed frames (20 ms by default), keeping the
 * remainder for the next push; frames never straddle a push boundary in a way the caller sees.
 */
export class FrameSlicer {
  private pending = new Int16Array(0);
  /** Samples per frame. */
  readonly size: number;

  constructor(sampleRate: number, frameMs: number = FRAME_MS) {
    this.size = frameSamples(sampleRate, frameMs);
  }

  /** Adds samples; returns every complete frame. */
  push(pcm: Int16Array): Int16Array[] {
    const all = this.pending.length ? concatPcm([this.pending, pcm]) : pcm;
    const frames: Int16Array[] = [];
    let at = 0;
    for (; at + this.size <= all.length; at += this.size) frames.push(all.slice(at, at + this.size));
    this.pending = all.slice(at);
    return frames;
  }

  /** Returns the remainder padded with silence to a whole frame, or nothing. */
  flush(): Int16Array | undefined {
    if (this.pending.length === 0) return undefined;
    const frame = new Int16Array(this.size);
    frame.set(this.pending);
    this.pending = new Int16Array(0);
    return frame;
  }

  /** Drops the remainder (after barge-in). */
  clear(): void {
    this.pending = new Int16Array(0);
  }
}

/** Cuts a whole signal into frames; the last one is padded with silence. */
export function sliceFrames(pcm: Int16Array, sampleRate: number, frameMs: number = FRAME_MS): Int16Array[] {
  const s = new FrameSlicer(sampleRate, frameMs);
  const frames = s.push(pcm);
  const last = s.flush();
  if (last) frames.push(last);
  return frames;
}
