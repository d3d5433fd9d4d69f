/**
 * Ogg Opus files as Feishu stores voice messages (RFC 7845: an OpusHead page, an OpusTags page,
 * then audio pages; RFC 3533 pages with their CRC), encoded from PCM with libopus (opusscript),
 * so the product's decoder reads exactly what a platform would serve.
 */
import OpusScript from "opusscript";
import { resample, type AudioChunk } from "../../../src/voice/audio.ts";

const RATE = 48_000;
const FRAME = 960; // 20 ms at 48 kHz
const PRE_SKIP = 312;
const SERIAL = 0x5eed;

export function encodeOggOpus(audio: AudioChunk): Uint8Array {
  const pcm = resample(audio.pcm, audio.sampleRate, RATE);
  const encoder = new OpusScript(RATE, 1, OpusScript.Application.VOIP);
  const pages: Buffer[] = [];
  let sequence = 0;
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0, "ascii");
  head.writeUInt8(1, 8);
  head.writeUInt8(1, 9);
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(RATE, 12);
  pages.push(page(head, 0n, sequence++, 0x02));
  const vendor = Buffer.from("test", "ascii");
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write("OpusTags", 0, "ascii");
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  pages.push(page(tags, 0n, sequence++, 0));
  const frames = Math.ceil(pcm.length / FRAME);
  for (let i = 0; i < frames; i++) {
    const frame = new Int16Array(FRAME);
    frame.set(pcm.subarray(i * FRAME, (i + 1) * FRAME));
    const packet = encoder.encode(Buffer.from(frame.buffer), FRAME);
    const granule = BigInt(PRE_SKIP + (i + 1) * FRAME);
    pages.push(page(Buffer.from(packet), granule, sequence++, i === frames - 1 ? 0x04 : 0));
  }
  encoder.delete();
  return new Uint8Array(Buffer.concat(pages));
}

/** One Ogg page holding one packet (under 255 * 255 bytes). */
function page(packet: Buffer, granule: bigint, sequence: number, flags: number): Buffer {
  const lacing: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  const header = Buffer.alloc(27 + lacing.length);
  header.write("OggS", 0, "ascii");
  header.writeUInt8(0, 4);
  header.writeUInt8(flags, 5);
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(SERIAL, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt8(lacing.length, 26);
  lacing.forEach((v, i) => header.writeUInt8(v, 27 + i));
  const out = Buffer.concat([header, packet]);
  out.writeUInt32LE(crc32(out), 22);
  return out;
}

/** Ogg's CRC-32: polynomial 0x04C11DB7, initial 0, no reflection, no final xor. */
function crc32(bytes: Buffer): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc >>> 0;
}
