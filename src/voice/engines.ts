/**
 * Picks the speech engines from configuration, so the server and `cli ask --audio` use the
 * same ones. Embedded defaults need no key and no network (DESIGN.md, "Engines and defaults").
 *
 * - `VOICE_STT`: `sphinx` (default) or `openai`. `VOICE_TTS`: `espeak` (default) or `openai`.
 *   OpenAI engines are opt-in, not implied by OPENAI_API_KEY: that key may belong to an LLM
 *   provider (DeepSeek, Ollama) with no audio endpoints.
 * - `VOICE_OPENAI_BASE_URL` (else OPENAI_BASE_URL), `VOICE_STT_MODEL`, `VOICE_TTS_MODEL`,
 *   `VOICE_TTS_VOICE` tune the OpenAI engines.
 */
import { jsgfGrammar } from "../agent/intent/grammar.ts";
import { engineStatusLine } from "./engine.ts";
import { OpenAiStt } from "./stt/openai.ts";
import { SphinxStt } from "./stt/sphinx.ts";
import type { Stt } from "./stt/stt.ts";
import { EspeakTts } from "./tts/espeak.ts";
import { OpenAiTts } from "./tts/openai.ts";
import type { Tts } from "./tts/tts.ts";

/** The speech-to-text engine the configuration asks for. */
export function sttFromEnv(env: NodeJS.ProcessEnv = process.env, options: { keepWarm?: boolean } = {}): Stt {
  if (env.VOICE_STT === "openai") {
    return new OpenAiStt({ apiKey: env.OPENAI_API_KEY, baseURL: env.VOICE_OPENAI_BASE_URL ?? env.OPENAI_BASE_URL, model: env.VOICE_STT_MODEL });
  }
  return new SphinxStt({ grammar: jsgfGrammar(), keepWarm: options.keepWarm });
}

/** The text-to-speech engine the configuration asks for. */
export function ttsFromEnv(env: NodeJS.ProcessEnv = process.env): Tts {
  if (env.VOICE_TTS === "openai") {
    return new OpenAiTts({
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.VOICE_OPENAI_BASE_URL ?? env.OPENAI_BASE_URL,
      model: env.VOICE_TTS_MODEL,
      voice: env.VOICE_TTS_VOICE,
    });
  }
  return new EspeakTts();
}

/** Both engines, started warm, with their start-up / health lines. */
export function voiceEnginesFromEnv(env: NodeJS.ProcessEnv = process.env): { stt: Stt; tts: Tts; status: { stt: string; tts: string } } {
  const stt = sttFromEnv(env);
  const tts = ttsFromEnv(env);
  if (stt.available().ok) (stt as { warm?: () => void }).warm?.();
  if (tts.available().ok) void tts.warm?.().catch(() => {});
  return { stt, tts, status: { stt: engineStatusLine("stt", stt), tts: engineStatusLine("tts", tts) } };
}
