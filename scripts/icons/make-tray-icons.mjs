// Generates the tray icons in resources/tray/ (run once, commit the output): `node scripts/icons/make-tray-icons.mjs`.
// Dependency-free on purpose: a tiny PNG encoder over node:zlib and an .ico container, so anyone can regenerate them.
// Each state has its own *shape* as well as its own colour: macOS template images keep only the alpha channel,
// and colour alone fails colour-blind traders.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../resources/tray');
const SUPERSAMPLE = 4; // 4×4 samples per pixel: smooth edges without a rasteriser

// ---- PNG / ICO encoding -------------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA, 8 bits per channel, filter 0 on every row: the icons are tiny, so size does not matter but simplicity does. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
/** An .ico holding PNG entries (supported since Windows Vista), so Windows picks 16 or 32 px for the tray's DPI. */
function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

// ---- Shapes: signed distances in a 16-unit design grid centred on (0, 0); negative inside ------------------------
const box = (x, y, cx, cy, hw, hh) => Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);
const TRIANGLE = [[0, -7], [8, 7], [-8, 7]]; // base on a pixel boundary: crisp at 16 px
/** Convex polygon as the intersection of half-planes: exact inside, which is all the edge band needs. */
function polygon(points, x, y) {
  const [gx, gy] = points.reduce(([a, b], [px, py]) => [a + px / points.length, b + py / points.length], [0, 0]);
  let d = -Infinity;
  points.forEach(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length];
    const len = Math.hypot(bx - ax, by - ay);
    let nx = (by - ay) / len;
    let ny = -(bx - ax) / len;
    if ((gx - ax) * nx + (gy - ay) * ny > 0) [nx, ny] = [-nx, -ny]; // normal must point away from the centroid
    d = Math.max(d, (x - ax) * nx + (y - ay) * ny);
  });
  return d;
}

/** shape: the silhouette; hole: a cut-out (transparent in templates, `mark` colour in the coloured icon). */
const STATES = {
  // Calm: a hollow ring, muted slate.
  'tray-paper': { fill: [0x7d, 0x8f, 0xa3], shape: (x, y) => Math.abs(Math.hypot(x, y) - 5.5) - 1 },
  // Real money: a solid diamond in vivid green, nothing like the calm ring.
  'tray-live': { fill: [0x00, 0xc8, 0x53], edge: [0x00, 0x6b, 0x2c], shape: (x, y) => (Math.abs(x) + Math.abs(y) - 7.5) / Math.SQRT2 },
  // Stopped: a red square with a white bar (a no-entry sign).
  'tray-halted': {
    fill: [0xe5, 0x39, 0x35], edge: [0x8e, 0x1b, 0x18], mark: [0xff, 0xff, 0xff],
    shape: (x, y) => box(x, y, 0, 0, 6, 6), hole: (x, y) => box(x, y, 0, 0, 4, 1),
  },
  // A breaker tripped: an amber warning triangle with "!".
  'tray-breaker': {
    fill: [0xff, 0xb3, 0x00], edge: [0x8a, 0x5a, 0x00], mark: [0x1a, 0x1a, 0x1a],
    shape: (x, y) => polygon(TRIANGLE, x, y), hole: (x, y) => Math.min(box(x, y, 0, -0.5, 1, 2.5), box(x, y, 0, 4, 1, 1)),
  },
};
const EDGE = 1; // design units: a darker rim keeps the icon legible on light and dark taskbars alike

/** Rasterises a state at `size` px; template = black + alpha only, as macOS requires. */
function render(state, size, template) {
  const out = Buffer.alloc(size * size * 4);
  const scale = 16 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale - 8;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale - 8;
          const d = state.shape(x, y);
          if (d > 0) continue;
          const inHole = state.hole?.(x, y) <= 0;
          if (template && inHole) continue;
          const colour = template ? [0, 0, 0] : inHole ? state.mark : state.edge && d > -EDGE ? state.edge : state.fill;
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a === 0) continue;
      out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a);
      out[i + 3] = Math.round((255 * a) / SUPERSAMPLE ** 2);
    }
  }
  return out;
}

mkdirSync(OUT, { recursive: true });
for (const [name, state] of Object.entries(STATES)) {
  const png = (size, template) => encodePng(size, render(state, size, template));
  const files = {
    [`${name}.png`]: png(16, false),
    [`${name}@2x.png`]: png(32, false),
    [`${name}Template.png`]: png(16, true),
    [`${name}Template@2x.png`]: png(32, true),
    [`${name}.ico`]: encodeIco([{ size: 16, png: png(16, false) }, { size: 32, png: png(32, false) }]),
  };
  for (const [file, data] of Object.entries(files)) writeFileSync(join(OUT, file), data);
  console.log(`wrote ${Object.keys(files).join(', ')}`);
}
