// Zod schemas for typed-array columns in contract messages. They cross Electron IPC by structured clone and the
// WebSocket bridge as binary frames (shared/wire-frames.ts), never as JSON arrays of numbers.
import { z } from 'zod';

// z.custom, not z.instanceof: the inferred type stays Float64Array<ArrayBufferLike> (views on any buffer, as decoded).
const column = <T>(kind: { new (n: number): unknown; name: string }) =>
  z.custom<T>((v) => v instanceof kind, { message: `expected a ${kind.name}` });

export const Float64Column = column<Float64Array>(Float64Array);
export const Float32Column = column<Float32Array>(Float32Array);
export const Uint8Column = column<Uint8Array>(Uint8Array);

/** Columns of one message must line up: the same length as the time column. */
export function sameLength(columns: Record<string, { length: number }>, lengthOf: string): boolean {
  const n = columns[lengthOf].length;
  return Object.values(columns).every((c) => c.length === n);
}
