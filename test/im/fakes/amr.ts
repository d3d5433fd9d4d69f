/**
 * AMR-NB files as WeCom stores voice messages ("#!AMR\n" and 20 ms frames, RFC 4867 §5), encoded
 * from PCM by opencore-amr's encoder (the same `benz-amr-recorder` build whose decoder the product
 * uses), loaded here into its own `node:vm` context, independently of src/.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { resample, type AudioChunk } from "../../../src/voice/audio.ts";

/** The encoder's mode 7: MR122, 12.2 kbit/s, as phones record voice messages. */
const MR122 = 7;

let encoder: ((samples: Float32Array) => Uint8Array) | undefined;

function amrEncoder(): (samples: Float32Array) => Uint8Array {
  if (encoder) return encoder;
  const file = createRequire(import.meta.url).resolve("benz-amr-recorder/src/amrnb.js");
  const out: { amr?: Uint8Array } = {};
  const sandbox: any = { module: {}, self: { postMessage: (m: { amr: Uint8Array }) => (out.amr = m.amr) }, console, TextEncoder };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  sandbox.module.exports();
  encoder = (samples) => {
    out.amr = undefined;
    // The worker's encode always uses MR122 (its third argument is fixed at 7).
    sandbox.self.onmessage({ data: { command: "encode", samples, sampleRate: 8000 } });
    if (!out.amr) throw new Error("the AMR encoder gave nothing");
    return new Uint8Array(out.amr);
  };
  return encoder;
}

/** Encodes speech as an AMR-NB file: resampled to 8 kHz, then 12.2 kbit/s frames. */
export function encodeAmr(audio: AudioChunk): Uint8Array {
  const pcm = resample(audio.pcm, audio.sampleRate, 8000);
  const bytes = amrEncoder()(Float32Array.from(pcm, (s) => s / 32768));
  if ((bytes[6]! >> 3 & 0x0f) !== MR122) throw new Error("expected 12.2 kbit/s frames");
  return bytes;
}
