// Writes the app's PNG icons (192 and 512) into public/: a red rounded square with a white roof and door,
// drawn pixel by pixel and encoded with zlib. Run once: `node scripts/make-icons.mjs`. No dependencies.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RED = [0xa3, 0x0b, 0x24];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function pixel(x, y, size) {
  const u = x / size;
  const v = y / size;
  // roof: a triangle; house body: a square; door: a gap in the body
  const inRoof = v >= 0.22 && v <= 0.5 && Math.abs(u - 0.5) <= (v - 0.22) * 1.25;
  const inBody = u >= 0.3 && u <= 0.7 && v >= 0.48 && v <= 0.78;
  const inDoor = u >= 0.45 && u <= 0.55 && v >= 0.6 && v <= 0.78;
  return (inRoof || inBody) && !inDoor ? WHITE : RED;
}

function png(size) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x, y, size);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = fileURLToPath(new URL('../public/', import.meta.url));
for (const size of [192, 512]) writeFileSync(`${dir}icon-${size}.png`, png(size));
console.log('icons written to', dir);
