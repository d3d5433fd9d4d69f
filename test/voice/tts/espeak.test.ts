import { describe, expect, it } from "vitest";
import { EspeakTts } from "../../../src/voice/tts/espeak.ts";
import { ttsSuite } from "./suite.ts";

const wasm = new EspeakTts({ backend: "wasm" });
const binary = new EspeakTts({ backend: "binary" });

ttsSuite("espeak (npm WASM)", async () => ({ tts: new EspeakTts({ backend: "wasm" }) }), wasm.available().ok ? undefined : wasm.available().missing);
ttsSuite("espeak (Debian binary)", async () => ({ tts: new EspeakTts({ backend: "binary" }) }), binary.available().ok ? undefined : binary.available().missing);

describe.skipIf(!wasm.available().ok)("espeak kept warm", () => {
  it("synthesises a sentence in well under 100 ms once warm", async () => {
    const tts = new EspeakTts();
    await tts.warm();
    const started = performance.now();
    for await (const c of tts.synthesize("Checked in at 8:57.", { language: "en" })) expect(c.pcm.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(100);
    await tts.close();
  });
});
