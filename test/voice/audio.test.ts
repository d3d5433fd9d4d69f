import { describe, expect, it } from "vitest";
import {
  FrameSlicer,
  Resampler,
  concatPcm,
  foldToDoubleRate,
  readWav,
  resample,
  rmsDbfs,
  sliceFrames,
  writeWav,
} from "../../src/voice/audio.ts";

function tone(freqHz: number, rate: number, seconds: number, amplitude = 10_000): Int16Array {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * freqHz * i) / rate));
  return out;
}

/** Level of the middle of a signal, away from the filter's start and end transients. */
function middleDb(pcm: Int16Array): number {
  const cut = Math.floor(pcm.length / 10);
  return rmsDbfs(pcm.subarray(cut, pcm.length - cut));
}

/** Energy at one frequency (Goertzel), relative to the signal's total energy. */
function toneShare(pcm: Int16Array, freqHz: number, rate: number): number {
  const k = (2 * Math.PI * freqHz) / rate;
  let s1 = 0;
  let s2 = 0;
  let total = 0;
  for (let i = 0; i < pcm.length; i++) {
    const s = pcm[i] + 2 * Math.cos(k) * s1 - s2;
    s2 = s1;
    s1 = s;
    total += pcm[i] * pcm[i];
  }
  const power = s1 * s1 + s2 * s2 - 2 * Math.cos(k) * s1 * s2;
  return (2 * power) / pcm.length / total;
}

describe("resampler", () => {
  it("keeps a 1 kHz tone when going from 48 kHz to 16 kHz", () => {
    const input = tone(1000, 48_000, 1);
    const out = resample(input, 48_000, 16_000);
    expect(Math.abs(out.length - 16_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(middleDb(out) - middleDb(input))).toBeLessThan(0.5);
    expect(toneShare(out, 1000, 16_000)).toBeGreaterThan(0.95);
  });

  it("attenuates a 10 kHz tone (above the 8 kHz Nyquist frequency) by more than 40 dB", () => {
    const input = tone(10_000, 48_000, 1);
    const out = resample(input, 48_000, 16_000);
    // Sample dropping would alias it to 6 kHz at full level.
    expect(middleDb(input) - middleDb(out)).toBeGreaterThan(40);
  });

  it("gives the same samples whether fed in 20 ms frames or all at once", () => {
    const input = concatPcm([tone(440, 48_000, 0.3), tone(3000, 48_000, 0.3)]);
    const whole = resample(input, 48_000, 16_000);
    const r = new Resampler(48_000, 16_000);
    const parts = sliceFrames(input, 48_000).map((f) => r.process(f));
    parts.push(r.flush());
    const streamed = concatPcm(parts);
    expect(streamed.length).toBe(whole.length);
    expect(Array.from(streamed)).toEqual(Array.from(whole));
  });

  it("upsamples 16 kHz to 48 kHz and 22.05 kHz to 48 kHz without changing pitch or level", () => {
    for (const from of [16_000, 22_050]) {
      const input = tone(1000, from, 1);
      const out = resample(input, from, 48_000);
      expect(Math.abs(out.length - 48_000)).toBeLessThanOrEqual(1);
      expect(Math.abs(middleDb(out) - middleDb(input))).toBeLessThan(0.5);
      expect(toneShare(out, 1000, 48_000)).toBeGreaterThan(0.95);
    }
  });
});

describe("spectral folding (narrowband speech for a wideband recogniser)", () => {
  it("doubles 8 kHz to 16 kHz keeping a 1 kHz tone and adding its 7 kHz mirror at the same level", () => {
    const input = tone(1000, 8_000, 1);
    const out = foldToDoubleRate(input);
    expect(out.length).toBe(16_000);
    const [base, mirror] = [toneShare(out, 1000, 16_000), toneShare(out, 7000, 16_000)];
    expect(base).toBeGreaterThan(0.45);
    expect(mirror).toBeGreaterThan(0.45);
    // A resampler leaves the upper band empty instead.
    expect(toneShare(resample(input, 8_000, 16_000), 7000, 16_000)).toBeLessThan(0.001);
  });
});

describe("WAV and frames", () => {
  it("reads back what it writes", () => {
    const pcm = tone(500, 16_000, 0.1);
    const back = readWav(writeWav(pcm, 16_000));
    expect(back.sampleRate).toBe(16_000);
    expect(Array.from(back.pcm)).toEqual(Array.from(pcm));
  });

  it("rejects a file that is not WAV", () => {
    expect(() => readWav(Buffer.from("hello world, not audio"))).toThrow(/RIFF/);
  });

  it("cuts arbitrary chunks into 20 ms frames and keeps the remainder", () => {
    const s = new FrameSlicer(16_000);
    expect(s.push(new Int16Array(500))).toHaveLength(1);
    expect(s.push(new Int16Array(500))).toHaveLength(2); // 180 + 500 = 680 -> 2 frames, 40 left
    const last = s.flush();
    expect(last?.length).toBe(320);
    expect(s.flush()).toBeUndefined();
  });
});
