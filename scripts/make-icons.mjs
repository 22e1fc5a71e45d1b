// Draws the toolbar icons (two offset blocks of text lines: one story, two tellings) into public/icon/.
// Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
function png(size) {
  const S = 4; // supersampling for smooth edges
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      let a = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size,
            v = (y + (sy + 0.5) / S) / size;
          const rad = 0.2,
            cx = Math.min(Math.max(u, rad), 1 - rad),
            cy = Math.min(Math.max(v, rad), 1 - rad);
          if ((u - cx) ** 2 + (v - cy) ** 2 > rad * rad) continue;
          let col = [29, 78, 216];
          const line = (u0, u1, v0) => u > u0 && u < u1 && v > v0 && v < v0 + 0.1;
          const back = line(0.3, 0.82, 0.3) || line(0.3, 0.72, 0.5) || line(0.3, 0.8, 0.7);
          const front = line(0.18, 0.7, 0.22) || line(0.18, 0.6, 0.42) || line(0.18, 0.68, 0.62);
          if (back) col = [253, 186, 116];
          if (front) col = [255, 255, 255];
          a++;
          r += col[0];
          g += col[1];
          b += col[2];
        }
      const n = a || 1;
      row.push(Math.round(r / n), Math.round(g / n), Math.round(b / n), Math.round((255 * a) / (S * S)));
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
for (const s of [16, 32, 48, 128]) writeFileSync(new URL(`../public/icon/${s}.png`, import.meta.url), png(s));
