/**
 * A stream for engines that only transcribe whole utterances (OpenAI-compatible servers):
 * audio is buffered; `flush` transcribes what there is so far (an `interim`), `end` the whole
 * utterance (the `final`), reusing the interim when no audio came after it.
 */
import { concatPcm, type AudioChunk } from "../audio.ts";
import { Channel } from "../channel.ts";
import type { SttEvent, SttStream, TranscribeOptions, Transcript } from "./stt.ts";

/** The one call the adapter needs from an engine. */
export type Transcribe = (audio: AudioChunk, options: TranscribeOptions) => Promise<Transcript>;

/** A buffered {@link SttStream} over a batch `transcribe`. */
export function batchStream(transcribe: Transcribe, options: TranscribeOptions = {}): SttStream {
  const events = new Channel<SttEvent>();
  const parts: Int16Array[] = [];
  let samples = 0;
  let ended = false;
  // The newest hypothesis and how many samples it covers; calls are chained to keep order.
  let last: { samples: number; transcript: Promise<Transcript> } | undefined;
  const hypothesis = () => {
    if (last?.samples === samples) return last.transcript;
    const covered = samples;
    const transcript = transcribe({ pcm: concatPcm(parts), sampleRate: 16_000 }, options);
    transcript.catch(() => {});
    last = { samples: covered, transcript };
    return transcript;
  };
  return {
    push(pcm) {
      if (ended) return;
      parts.push(pcm.slice());
      samples += pcm.length;
    },
    flush() {
      if (ended || samples === 0) return;
      hypothesis().then(
        (t) => !ended && events.push({ type: "interim", ...t }),
        () => {}, // the final reports failures
      );
    },
    end() {
      if (ended) return;
      ended = true;
      hypothesis().then(
        (t) => {
          events.push({ type: "final", ...t });
          events.end();
        },
        (err: unknown) => events.fail(err),
      );
    },
    cancel() {
      ended = true;
      events.end();
    },
    [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](),
  };
}
