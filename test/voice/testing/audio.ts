/** Test audio: the committed espeak-ng fixture, silence, and deterministic noise. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { concatPcm, readWav } from "../../../src/voice/audio.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/audio/", import.meta.url));

/**
 * espeak-ng saying "check me in", 16 kHz mono, trimmed of silence. Made with the Debian binary
 * (`espeak-ng -v en-us+klatt -w`, resampled and trimmed): pocketsphinx hears the Klatt voice far
 * better than the default one, which the npm WASM build (compiled without Klatt) is limited to.
 */
export function checkMeIn(): Int16Array {
  return readWav(readFileSync(FIXTURES + "check-me-in.wav")).pcm;
}

/** Digital silence of `ms` at `rate` Hz. */
export function silence(ms: number, rate = 16_000): Int16Array {
  return new Int16Array(Math.round((rate * ms) / 1000));
}

/** Seeded noise: white, or brown (integrated, mostly low frequencies). */
export function noise(ms: number, kind: "white" | "brown", amplitude = 6000, rate = 16_000, seed = 7): Int16Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const out = new Int16Array(Math.round((rate * ms) / 1000));
  let b = 0;
  for (let i = 0; i < out.length; i++) {
    b = kind === "white" ? rnd() : 0.98 * b + 0.2 * rnd();
    out[i] = Math.max(-32768, Math.min(32767, Math.round(amplitude * b)));
  }
  return out;
}

/** Sums two signals sample by sample (the shorter one padded with silence). */
export function mix(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = Math.max(-32768, Math.min(32767, (a[i] ?? 0) + (b[i] ?? 0)));
  return out;
}

export { concatPcm };

/**
 * Background talk: three overlapping copies of the speech fixture played backwards (speech-like
 * sound, no words), about 20 dB under the fixture itself, as people talking across a room.
 */
export function babble(ms: number, rate = 16_000): Int16Array {
  const voice = checkMeIn().slice().reverse();
  const out = new Int16Array(Math.round((rate * ms) / 1000));
  for (const [offset, gain] of [[0, 0.06], [2230, 0.05], [4970, 0.055]] as const) {
    for (let i = 0; i < out.length; i++) {
      const j = (i + offset) % voice.length;
      out[i] = Math.max(-32768, Math.min(32767, out[i] + Math.round(voice[j] * gain)));
    }
  }
  return out;
}
