import { EspeakTts } from "../../../src/voice/tts/espeak.ts";
import { ttsSuite } from "./suite.ts";

const wasm = new EspeakTts({ backend: "wasm" });
const binary = new EspeakTts({ backend: "binary" });

ttsSuite("espeak (npm WASM)", async () => ({ tts: new EspeakTts({ backend: "wasm" }) }), wasm.available().ok ? undefined : wasm.available().missing);
ttsSuite("espeak (Debian binary)", async () => ({ tts: new EspeakTts({ backend: "binary" }) }), binary.available().ok ? undefined : binary.available().missing);
