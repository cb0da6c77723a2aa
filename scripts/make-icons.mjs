// Draws chaff's toolbar and store icons (extension/icons/chaff-{16,32,48,128}.png) with Node's
// zlib alone: no image library and no download (the build may only reach package registries).
// Design: a rounded amber square with three pale diagonal husks, anti-aliased by 4x4
// supersampling so the 16 px icon stays legible. Run again only to change the drawing; the PNGs
// are committed so the build does not depend on this script.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'icons');
const BACKGROUND = [176, 112, 20];
const HUSK = [255, 244, 214];

// Coverage of one point in unit coordinates (0..1): 0 outside, 1 = background, 2 = husk.
function paintAt(x, y) {
  const radius = 0.2;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return 0;
  // Three husks: thin ellipses along the anti-diagonal, offset across it.
  for (const offset of [-0.22, 0, 0.22]) {
    const u = (x - 0.5 + (y - 0.5)) / Math.SQRT2 - offset; // across the husk
    const v = (x - 0.5 - (y - 0.5)) / Math.SQRT2; // along the husk
    if ((u / 0.07) ** 2 + (v / 0.3) ** 2 <= 1) return 2;
  }
  return 1;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let covered = 0;
      const rgb = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const paint = paintAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (paint === 0) continue;
          covered++;
          const color = paint === 2 ? HUSK : BACKGROUND;
          for (let c = 0; c < 3; c++) rgb[c] += color[c];
        }
      }
      const at = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[at + c] = covered ? Math.round(rgb[c] / covered) : 0;
      row[at + 3] = Math.round((255 * covered) / samples ** 2);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const path = join(outDir, `chaff-${size}.png`);
  writeFileSync(path, png(size));
  console.log(path);
}
