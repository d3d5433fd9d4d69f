import { fileURLToPath } from "node:url";
import { jsgfGrammar } from "../../src/agent/intent/grammar.ts";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { sttFor, ttsFor } from "../../src/voice/engines.ts";
import { SphinxStt } from "../../src/voice/stt/sphinx.ts";
import { transcribeFile } from "../../src/voice/transcribe-file.ts";

describe("engines from configuration", () => {
  it("uses the embedded engines unless OpenAI ones are asked for", () => {
    const vocabulary = { grammar: "#JSGF V1.0; grammar g; public <s> = hi;" };
    const voice = (env: Record<string, string>) => loadConfig(env).voice;
    expect(sttFor(voice({ OPENAI_API_KEY: "k" }), vocabulary).name).toBe("sphinx");
    expect(ttsFor(voice({ OPENAI_API_KEY: "k" })).name).toBe("espeak");
    expect(sttFor(voice({ VOICE_STT: "openai", OPENAI_API_KEY: "k" }), vocabulary).name).toBe("openai");
    expect(ttsFor(voice({ VOICE_TTS: "openai" })).available()).toMatchObject({ ok: false, missing: expect.stringMatching(/OPENAI_API_KEY/) });
  });

  const sphinx = new SphinxStt({ grammar: "#JSGF V1.0; grammar g; public <s> = hi;" }).available();
  if (!sphinx.ok) console.warn(`skipping transcribeFile: ${sphinx.missing}`);
  it.skipIf(!sphinx.ok)("transcribes a WAV file for `cli ask --audio`", async () => {
    const file = fileURLToPath(new URL("../fixtures/audio/check-me-in.wav", import.meta.url));
    const heard = await transcribeFile(file, { stt: "sphinx", tts: "espeak", openai: {} }, { grammar: jsgfGrammar() });
    expect(heard.text).toBe("check me in");
    expect(heard.confidence).toBeGreaterThan(0);
    expect(heard.confidence).toBeLessThanOrEqual(1);
  });
});
