/**
 * Voice messages in chat become text: the platform's own transcript when it sent one (DingTalk's
 * `recognition`, WeCom's `Recognition` where the account has it on), else the audio, downloaded
 * from the platform, decoded and transcribed by the configured speech-to-text, when there is a
 * decoder for the platform's format and the engine understands the sender's language. Feishu
 * sends Ogg Opus (decoded by `ogg-opus-decoder`, WebAssembly), WeCom AMR-NB (decoded by
 * opencore-amr in asm.js, see amr.ts); nothing is fetched at run time. DingTalk's audio files
 * are not downloaded: without DingTalk's transcript, as with a file that does not decode, the
 * person is asked to type (see inbox.ts).
 */
import type { Language } from "../attendance/language.ts";
import { floatToPcm16, PIPELINE_SAMPLE_RATE, resample, type AudioChunk } from "../voice/audio.ts";
import type { Stt } from "../voice/stt/stt.ts";
import type { Channel } from "./channel.ts";
import { decodeAmr } from "./amr.ts";
import type { Platform, VoiceContent } from "./message.ts";

/** A voice message's audio as the platform serves it. */
export interface VoiceAudio {
  bytes: Uint8Array;
  /** Its container: Feishu's Ogg Opus or WeCom's AMR-NB. */
  format: "ogg-opus" | "amr";
}

/** One decoder per container, each giving mono PCM16 (Ogg Opus at the pipeline's 16 kHz, AMR at its own 8 kHz, which each engine adapts). */
export const decoders: Record<VoiceAudio["format"], (bytes: Uint8Array) => Promise<AudioChunk>> = {
  "ogg-opus": decodeOggOpus,
  amr: decodeAmr,
};

/** Turns a voice message into text, or undefined when it cannot (no transcript, no decoder, a language the engine lacks). */
export type Transcribe = (platform: Platform, content: VoiceContent, language: Language) => Promise<string | undefined>;

/** Decodes an Ogg Opus file to mono PCM16 at the pipeline's rate. */
export async function decodeOggOpus(bytes: Uint8Array): Promise<AudioChunk> {
  // Loaded at the first voice message, so the server's start does not pay for the WebAssembly.
  const { OggOpusDecoder } = await import("ogg-opus-decoder");
  const decoder = new OggOpusDecoder();
  try {
    await decoder.ready;
    const { channelData, samplesDecoded, sampleRate } = await decoder.decodeFile(bytes);
    const mono = channelData[0]?.subarray(0, samplesDecoded) ?? new Float32Array(0);
    const pcm = floatToPcm16(mono);
    return { pcm: resample(pcm, sampleRate, PIPELINE_SAMPLE_RATE), sampleRate: PIPELINE_SAMPLE_RATE };
  } finally {
    decoder.free();
  }
}

/** The chat's transcriber over the server's speech-to-text engine and the channels that can fetch audio. */
export function voiceTranscriber(stt: Stt, channels: ReadonlyMap<Platform, Pick<Channel, "voiceAudio">>): Transcribe {
  return async (platform, content, language) => {
    if (content.recognition?.trim()) return content.recognition.trim();
    if (!stt.languages.includes(language) || !stt.available().ok) return undefined;
    const audio = await channels.get(platform)?.voiceAudio?.(content);
    if (!audio) return undefined;
    const transcript = await stt.transcribe(await decoders[audio.format](audio.bytes), { language });
    return transcript.text || undefined;
  };
}
