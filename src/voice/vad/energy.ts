/**
 * A dependency-free VAD: frame energy against an adaptive noise floor, gated by voicing
 * (periodicity), with hangover for endpointing.
 *
 * The fallback when the Silero model (silero.ts) cannot load. Energy alone fires on any
 * loud noise (fans, traffic, keyboard), so each frame must also be *voiced*: the normalised
 * autocorrelation of the pre-emphasised signal has a peak at a pitch lag (2.5-12.5 ms, i.e.
 * 80-400 Hz). Broadband noise (white, pink, brown) has no such peak once pre-emphasis whitens
 * it, so it raises the noise floor instead of opening a turn. Unvoiced consonants ("s", "ch")
 * are not voiced: at the start the pre-roll carries them; inside an utterance, energy alone keeps
 * it going (and the floor keeps adapting, so steady noise after speech still ends it).
 * Known limits: steady tones and background talk look like speech; whispering does not.
 */
import { concatPcm as joinFrames, frameSamples, rmsDbfs } from "../audio.ts";
import { Endpointer } from "./endpointer.ts";
import { FrameBuffer } from "./frames.ts";
import type { EndpointingOptions, Vad, VadEvent } from "./vad.ts";

/** Tuning of {@link EnergyVad}; the defaults suit a close microphone at 16 kHz. */
export interface EnergyVadOptions extends EndpointingOptions {
  /** Input rate (Hz). Default 16000. */
  sampleRate?: number;
  /** Analysis frame (ms). Default 20. */
  frameMs?: number;
  /** Level above the noise floor a speech frame needs (dB). Default 9. */
  snrDb?: number;
  /** Absolute level a speech frame needs (dBFS). Default -50. */
  minLevelDbfs?: number;
  /** Normalised autocorrelation peak a speech frame needs (0..1). Default 0.4 (noise measures under 0.3). */
  minVoicing?: number;
  /** Noise floor assumed before any audio (dBFS). Default -60. */
  initialFloorDbfs?: number;
}

/** Per-frame measurements, exposed for tests and tuning. */
export interface FrameFeatures {
  /** Frame level (dBFS). */
  levelDbfs: number;
  /** Noise floor before this frame (dBFS). */
  floorDbfs: number;
  /** Periodicity, 0 (noise) .. 1 (a pure tone). */
  voicing: number;
  /** The frame's verdict. */
  speech: boolean;
}

/**
 * Periodicity of a frame: the highest normalised autocorrelation at lags of 2.5-12.5 ms, on
 * a 2x-decimated, pre-emphasised copy (decimation keeps the cost near 60k multiply-adds per 40 ms window).
 */
export function voicing(frame: Int16Array, sampleRate: number): number {
  const factor = sampleRate >= 16_000 ? 2 : 1;
  const n = Math.floor(frame.length / factor);
  const y = new Float64Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < factor; k++) s += frame[i * factor + k];
    y[i] = s - 0.9 * prev; // pre-emphasis: whitens low-frequency (brown, pink) noise
    prev = s;
  }
  const rate = sampleRate / factor;
  const minLag = Math.round(rate * 0.0025);
  const maxLag = Math.min(Math.round(rate * 0.0125), n - 20);
  let best = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = 0; i + lag < n; i++) {
      xy += y[i] * y[i + lag];
      xx += y[i] * y[i];
      yy += y[i + lag] * y[i + lag];
    }
    if (xx > 0 && yy > 0) best = Math.max(best, xy / Math.sqrt(xx * yy));
  }
  return best;
}

function concat2(a: Int16Array, b: Int16Array): Int16Array {
  return joinFrames([a, b]);
}

/** Energy and voicing VAD with an adaptive noise floor; see the file comment for why. */
export class EnergyVad implements Vad {
  readonly sampleRate: number;
  private readonly opt: Required<Omit<EnergyVadOptions, "sampleRate" | "frameMs" | keyof EndpointingOptions>>;
  private readonly endpointer: Endpointer;
  private readonly frames: FrameBuffer;
  private floorDbfs: number;
  private prevFrame: Int16Array | undefined;
  /** The last frame's measurements (for tests and tuning). */
  last: FrameFeatures | undefined;

  constructor(options: EnergyVadOptions = {}) {
    this.sampleRate = options.sampleRate ?? 16_000;
    const frameMs = options.frameMs ?? 20;
    this.frames = new FrameBuffer(frameSamples(this.sampleRate, frameMs));
    this.endpointer = new Endpointer(options, frameMs);
    this.opt = {
      snrDb: options.snrDb ?? 9,
      minLevelDbfs: options.minLevelDbfs ?? -50,
      minVoicing: options.minVoicing ?? 0.4,
      initialFloorDbfs: options.initialFloorDbfs ?? -60,
    };
    this.floorDbfs = this.opt.initialFloorDbfs;
  }

  get speaking(): boolean {
    return this.endpointer.speaking;
  }

  reset(): void {
    this.frames.reset();
    this.floorDbfs = this.opt.initialFloorDbfs;
    this.endpointer.reset();
    this.prevFrame = undefined;
  }

  push(pcm: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    for (const frame of this.frames.take(pcm)) {
      const ev = this.endpointer.frame(frame, this.classify(frame));
      if (ev) events.push(ev);
    }
    return events;
  }

  /** Whether one frame is speech; adapts the noise floor. */
  private classify(frame: Int16Array): boolean {
    const levelDbfs = rmsDbfs(frame);
    const floorDbfs = this.floorDbfs;
    const loudEnough = levelDbfs > this.opt.minLevelDbfs && levelDbfs - floorDbfs > this.opt.snrDb;
    // Voicing is the expensive part; skip it on quiet frames.
    // Two frames (40 ms) of context: a 20 ms window makes noise look periodic too often.
    const v = loudEnough ? voicing(this.prevFrame ? concat2(this.prevFrame, frame) : frame, this.sampleRate) : 0;
    this.prevFrame = frame;
    const voiced = loudEnough && v >= this.opt.minVoicing;
    // Voicing is needed to *start* an utterance; once in one, energy alone continues it, so
    // unvoiced endings ("requests", "sheet") are not cut off by the endpoint.
    const speech = this.endpointer.speaking ? loudEnough : voiced;
    this.last = { levelDbfs, floorDbfs, voicing: v, speech };
    if (!voiced) {
      // Falls fast (a quieter room is believed at once), rises slowly (~1 s time constant at
      // 20 ms frames), so steady noise is absorbed but a pause between words is not.
      const alpha = levelDbfs < floorDbfs ? 0.3 : 0.02;
      this.floorDbfs = Math.max(-100, floorDbfs + alpha * (levelDbfs - floorDbfs));
    }
    return speech;
  }
}
