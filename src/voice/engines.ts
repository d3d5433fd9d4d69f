/**
 * Picks the speech engines from configuration, so the server and `cli ask --audio` use the
 * same ones. Embedded defaults need no key and no network (DESIGN.md, "Engines and defaults").
 *
 * - `VOICE_STT`: `sphinx` (default) or `openai`. `VOICE_TTS`: `espeak` (default) or `openai`.
 *   OpenAI engines are opt-in, not implied by OPENAI_API_KEY: that key may belong to an LLM
 *   provider (DeepSeek, Ollama) with no audio endpoints.
 * - `VOICE_OPENAI_BASE_URL` (else OPENAI_BASE_URL), `VOICE_STT_MODEL`, `VOICE_TTS_MODEL`,
 *   `VOICE_TTS_VOICE` tune the OpenAI engines.
 *
 * What the assistant can understand comes from the agent, passed in by the composition root:
 * this folder never imports the agent.
 */
import { OpenAiStt } from "./stt/openai.ts";
import { SphinxStt } from "./stt/sphinx.ts";
import type { Stt } from "./stt/stt.ts";
import { EspeakTts } from "./tts/espeak.ts";
import { OpenAiTts } from "./tts/openai.ts";
import type { Tts } from "./tts/tts.ts";
import { EnergyVad } from "./vad/energy.ts";
import type { EndpointingOptions, Vad } from "./vad/vad.ts";

/** The speech engines as configured (src/config.ts reads the `VOICE_*` variables). */
export interface VoiceSettings {
  stt: "sphinx" | "openai";
  tts: "espeak" | "openai";
  /** The OpenAI-compatible server of the `openai` engines. */
  openai: { apiKey?: string; baseURL?: string; sttModel?: string; ttsModel?: string; ttsVoice?: string };
}

/** What the recognisers are told about the sentences people will say. */
export interface SttVocabulary {
  /** JSGF grammar of the sentences the assistant understands (the agent's `jsgfGrammar()`); sphinx decodes with a model built from it. */
  grammar: string;
}

/** The speech-to-text engine the settings ask for. */
export function sttFor(settings: VoiceSettings, options: SttVocabulary & { keepWarm?: boolean }): Stt {
  if (settings.stt === "openai") {
    return new OpenAiStt({ apiKey: settings.openai.apiKey, baseURL: settings.openai.baseURL, model: settings.openai.sttModel });
  }
  return new SphinxStt({ grammar: options.grammar, keepWarm: options.keepWarm });
}

/** The text-to-speech engine the settings ask for. */
export function ttsFor(settings: VoiceSettings): Tts {
  if (settings.tts === "openai") {
    const { apiKey, baseURL, ttsModel, ttsVoice } = settings.openai;
    return new OpenAiTts({ apiKey, baseURL, model: ttsModel, voice: ttsVoice });
  }
  return new EspeakTts();
}

/** Both engines, started warm; each reports its own status with `available()`. */
export function voiceEngines(settings: VoiceSettings, vocabulary: SttVocabulary): { stt: Stt; tts: Tts } {
  const stt = sttFor(settings, vocabulary);
  const tts = ttsFor(settings);
  if (stt.available().ok) void stt.warm().catch(() => {});
  if (tts.available().ok) void tts.warm?.().catch(() => {});
  return { stt, tts };
}

/** Per-session VADs: Silero when its model loads, else the energy detector; with the start-up / health line saying which. */
export async function vadFactory(endpointing: EndpointingOptions = { minSilenceMs: 100 }): Promise<{ create(): Vad; status: string }> {
  try {
    const { loadSileroModel, SileroVad } = await import("./vad/silero.ts");
    const model = await loadSileroModel();
    return { create: () => new SileroVad(model, endpointing), status: "vad silero: ready" };
  } catch (err) {
    const reason = (err as Error).message.split("\n")[0];
    return { create: () => new EnergyVad(endpointing), status: `vad energy: ready (fallback: the Silero model did not load: ${reason})` };
  }
}
