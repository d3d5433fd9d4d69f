/** The voice pipeline and its engines; what the server and transports import. */
export { FRAME_MS, PIPELINE_SAMPLE_RATE, FrameSlicer, Resampler, readWav, resample, writeWav, type AudioChunk } from "./audio.ts";
export { detectLanguage, type EngineStatus, type Language } from "./engine.ts";
export type { AgentState, ToolCallRecord, TurnMetrics, VoiceEvent, VoiceSink } from "./events.ts";
export { VoiceSession, createVoiceSession, type VoiceSessionOptions } from "./session.ts";
export { finalTranscript, type Stt, type SttEvent, type SttStream, type TranscribeOptions, type Transcript } from "./stt/stt.ts";
export { batchStream } from "./stt/batch-stream.ts";
export { realClock, type Clock } from "./clock.ts";
export { SphinxStt, type SphinxSttOptions } from "./stt/sphinx.ts";
export { OpenAiStt, type OpenAiSttOptions } from "./stt/openai.ts";
export { SentenceSplitter, splitSentences, synthesizeBySentence, type SynthesizeOptions, type Tts } from "./tts/tts.ts";
export { EspeakTts, type EspeakTtsOptions } from "./tts/espeak.ts";
export { OpenAiTts, type OpenAiTtsOptions } from "./tts/openai.ts";
export type { EndpointingOptions, Vad, VadEvent } from "./vad/vad.ts";
export { EnergyVad, type EnergyVadOptions } from "./vad/energy.ts";
export { sttFor, ttsFor, voiceEngines, type SttVocabulary, type VoiceSettings } from "./engines.ts";
export { transcribeFile } from "./transcribe-file.ts";
export type { TurnEvent, TurnOptions, TurnRunner } from "./runner.ts";
