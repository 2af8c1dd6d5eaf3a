#!/usr/bin/env node
// Draws the extension icon (icon.png, 128×128 RGBA): a white report table on a red tile, with a header row
// and a check mark. No image tools needed: pixels are computed here (4×4 supersampling for smooth edges)
// and written as a PNG with node:zlib. Deterministic: the same bytes every run.
// Usage: node scripts/make-icon.mjs [--out <file>]   (default: icon.png at the repository root)
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4; // samples per pixel per axis

const RED = [178, 34, 34];
const RED_DARK = [140, 20, 24];
const WHITE = [255, 255, 255];
const GOLD = [245, 196, 66];
const LINE = [196, 60, 56];
const GREEN = [34, 139, 74];

/** Signed distance helpers for shapes in pixel coordinates. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function distToSegment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Colour (RGBA) of one sample point; later shapes paint over earlier ones. */
function sample(x, y) {
  let c = null;
  // Tile with a vertical gradient.
  if (inRoundRect(x, y, 4, 4, 124, 124, 22)) {
    const t = (y - 4) / 120;
    c = RED.map((v, i) => Math.round(v + (RED_DARK[i] - v) * t));
  }
  if (!c) return [0, 0, 0, 0];
  // The sheet.
  const [sx0, sy0, sx1, sy1] = [24, 26, 104, 102];
  if (inRoundRect(x, y, sx0, sy0, sx1, sy1, 6)) {
    c = WHITE;
    // Header row.
    if (y < 44 && inRoundRect(x, y, sx0, sy0, sx1, 50, 6)) c = GOLD;
    // Grid: column rules and row rules inside the sheet.
    const cols = [50, 77];
    const rows = [44, 63, 82];
    if (cols.some((gx) => Math.abs(x - gx) <= 1.2) || rows.some((gy) => Math.abs(y - gy) <= 1.2)) c = y < 44 ? RED_DARK : LINE;
  }
  // Check mark badge, bottom right.
  const [bx, by, br] = [96, 96, 20];
  const d = Math.hypot(x - bx, y - by);
  if (d <= br + 3) c = WHITE;
  if (d <= br) c = GREEN;
  if (d <= br && Math.min(distToSegment(x, y, 86, 96, 93, 103), distToSegment(x, y, 93, 103, 106, 89)) <= 3.2) c = WHITE;
  return [...c, 255];
}

function pixels() {
  const data = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    data[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          // Premultiplied accumulation, so transparent samples do not darken the edge.
          for (let i = 0; i < 3; i++) acc[i] += s[i] * s[3];
          acc[3] += s[3];
        }
      }
      const o = row + 1 + px * 4;
      const a = acc[3] / (SS * SS);
      for (let i = 0; i < 3; i++) data[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      data[o + 3] = Math.round(a);
    }
  }
  return data;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, body) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

export function iconPng() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(root, 'icon.png');
  const png = iconPng();
  writeFileSync(out, png);
  console.log(`wrote ${out} (${png.length} bytes)`);
}
