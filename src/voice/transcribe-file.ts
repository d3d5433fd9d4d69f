/** `cli ask --audio FILE.wav`: the server's speech-to-text, on a file. */
import { readFile } from "node:fs/promises";
import { readWav } from "./audio.ts";
import { sttFor, type SttVocabulary, type VoiceSettings } from "./engines.ts";
import type { Transcript } from "./stt/stt.ts";

/** Transcribes a 16-bit PCM WAV file (any rate, mono or stereo); text "" when nothing was heard. */
export async function transcribeFile(path: string, settings: VoiceSettings, vocabulary: SttVocabulary): Promise<Transcript> {
  const stt = sttFor(settings, { ...vocabulary, keepWarm: false });
  const status = stt.available();
  if (!status.ok) throw new Error(`no speech-to-text engine (${stt.name}): ${status.missing}`);
  try {
    return await stt.transcribe(readWav(await readFile(path)));
  } finally {
    await stt.close?.();
  }
}
