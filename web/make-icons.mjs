/**
 * Draws the app's PNG icons (web/public/icon-192.png, icon-512.png): the theme's navy, full bleed
 * so they work as maskable icons, with a white ring and an amber check mark inside the safe zone
 * (the central 80 %). Plain Node (zlib), no image library: `node web/make-icons.mjs`.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const NAVY = [0x14, 0x21, 0x3d];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf5, 0x9e, 0x0b];

/** Distance from p to the segment a-b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The colour at (x, y) in a unit square. */
function colour(x, y) {
  const r = Math.hypot(x - 0.5, y - 0.5);
  // The check mark, amber, over the clock.
  if (Math.min(segment(x, y, 0.36, 0.52, 0.46, 0.62), segment(x, y, 0.46, 0.62, 0.66, 0.4)) < 0.035) return AMBER;
  // The clock's ring.
  if (Math.abs(r - 0.27) < 0.028) return WHITE;
  return NAVY;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(bytes) {
  let c = -1;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGB PNG of `size` pixels, each the average of 4x4 samples (smooth edges). */
function png(size) {
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    rows[y * (1 + size * 3)] = 0;
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const c = colour((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
          for (let i = 0; i < 3; i++) sum[i] += c[i];
        }
      for (let i = 0; i < 3; i++) rows[y * (1 + size * 3) + 1 + x * 3 + i] = Math.round(sum[i] / 16);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const dir = process.argv[2] ?? new URL("./public/", import.meta.url).pathname;
for (const size of [192, 512]) writeFileSync(`${dir}/icon-${size}.png`, png(size));
