// Float64 columns packed for storage: optional deltas (exact for integer times), bytes regrouped by significance so
// the slowly changing high bytes sit together, then deflated. An equity curve that stays flat between trades and a
// regular time axis shrink to a fraction; unpacking gives back the very same bits.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export function packFloats(values: Float64Array, delta = false): Buffer {
  const n = values.length;
  const src = delta ? deltas(values) : values;
  const bytes = new Uint8Array(src.buffer, src.byteOffset, n * 8);
  const planes = new Uint8Array(n * 8);
  for (let b = 0; b < 8; b++) {
    const plane = b * n;
    for (let i = 0; i < n; i++) planes[plane + i] = bytes[i * 8 + b];
  }
  return deflateRawSync(planes, { level: 6 });
}

export function unpackFloats(blob: Uint8Array, delta = false): Float64Array {
  const planes = inflateRawSync(blob);
  const n = planes.length / 8;
  const out = new Float64Array(n);
  const bytes = new Uint8Array(out.buffer);
  for (let b = 0; b < 8; b++) {
    const plane = b * n;
    for (let i = 0; i < n; i++) bytes[i * 8 + b] = planes[plane + i];
  }
  if (delta) for (let i = 1; i < n; i++) out[i] += out[i - 1];
  return out;
}

function deltas(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = i === 0 ? values[0] : values[i] - values[i - 1];
  return out;
}
