/**
 * AMR-NB (the "#!AMR\n" storage format of RFC 4867 §5, 8 kHz mono), as WeCom keeps voice messages,
 * decoded by opencore-amr compiled to asm.js (`benz-amr-recorder`'s `src/amrnb.js`, nothing
 * fetched at run time). That file is a web worker's body: it answers `self.onmessage` with
 * `self.postMessage`. So its source runs once, at the first AMR message, in a `node:vm` context
 * with its own `self` and `module`; a global `self` in the server would make other libraries
 * believe they run in a browser.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { floatToPcm16, type AudioChunk } from "../voice/audio.ts";

/** AMR-NB's only sample rate. */
export const AMR_SAMPLE_RATE = 8_000;

const MAGIC = "#!AMR\n";
/** Speech bytes after each frame's one-byte header, by frame type (0-7 speech modes, 8 SID, 15 no data; 9-14 do not occur in AMR-NB files). */
const FRAME_BYTES: Record<number, number> = { 0: 12, 1: 13, 2: 15, 3: 17, 4: 19, 5: 20, 6: 26, 7: 31, 8: 5, 15: 0 };

/**
 * The longest voice message decoded: WeCom's last a minute at most; this leaves room and bounds
 * the decoder's memory (it sizes its output from the file's length).
 */
export const AMR_MAX_SECONDS = 120;

/** An AMR file that cannot be read as one (wrong magic, a broken frame header, no frames, too long). */
export class AmrFormatError extends Error {
  readonly code = "AMR_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "AmrFormatError";
  }
}

type WorkerReply = { command: "decode"; amr: Float32Array | null };
let decodeInSandbox: ((bytes: Uint8Array) => Float32Array | null) | undefined;

/** The library's decoder, loaded once into its own context (about 0.4 s to compile). */
function amrDecoder(): (bytes: Uint8Array) => Float32Array | null {
  if (decodeInSandbox) return decodeInSandbox;
  const file = createRequire(import.meta.url).resolve("benz-amr-recorder/src/amrnb.js");
  const last: { reply?: WorkerReply } = {};
  const sandbox = {
    module: { exports: undefined as unknown },
    self: { postMessage: (message: WorkerReply) => void (last.reply = message) } as { postMessage: (m: WorkerReply) => void; onmessage?: (e: { data: unknown }) => void },
    console,
    TextEncoder,
  };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  (sandbox.module.exports as () => void)();
  const onmessage = sandbox.self.onmessage;
  if (!onmessage) throw new Error(`${file} did not install its message handler`);
  decodeInSandbox = (bytes) => {
    last.reply = undefined;
    // The worker answers synchronously: postMessage has run when onmessage returns.
    onmessage({ data: { command: "decode", buffer: bytes } });
    const reply = last.reply as WorkerReply | undefined;
    return reply?.amr ?? null;
  };
  return decodeInSandbox;
}

/**
 * Checks the file's structure before decoding: the decoder itself turns any bytes after the magic
 * into noise, which a recogniser might hear as words. Returns the number of frames.
 */
function checkAmr(bytes: Uint8Array): number {
  if (Buffer.from(bytes.subarray(0, MAGIC.length)).toString("latin1") !== MAGIC) throw new AmrFormatError("not an AMR-NB file (no #!AMR header)");
  let frames = 0;
  for (let at = MAGIC.length; at < bytes.length; frames++) {
    const header = bytes[at]!;
    const size = FRAME_BYTES[(header >> 3) & 0x0f];
    // The header's padding bits (P, and the two low bits) are zero in every valid frame.
    if ((header & 0x83) !== 0 || size === undefined) throw new AmrFormatError(`broken frame header at byte ${at}`);
    if (at + 1 + size > bytes.length) break; // a cut-off last frame: the decoder skips it too
    at += 1 + size;
  }
  if (frames === 0) throw new AmrFormatError("AMR file without frames");
  // 50 frames a second (20 ms each).
  if (frames > AMR_MAX_SECONDS * 50) throw new AmrFormatError(`longer than ${AMR_MAX_SECONDS} s`);
  return frames;
}

/**
 * Decodes an AMR-NB file to mono PCM16 at its own 8 kHz: speech-to-text engines bring narrowband
 * audio to their model's rate their own way (sphinx folds it, see SphinxStt.transcribe).
 * Throws `AmrFormatError` for a broken file.
 */
export async function decodeAmr(bytes: Uint8Array): Promise<AudioChunk> {
  checkAmr(bytes);
  const samples = amrDecoder()(bytes);
  if (!samples || samples.length === 0) throw new AmrFormatError("the AMR decoder read no audio");
  return { pcm: floatToPcm16(samples), sampleRate: AMR_SAMPLE_RATE };
}
