// Decision block blob: a small header, then the columns one after the other, deflated. Times are stored as deltas
// (a regular timeframe becomes one repeated value) and holds repeat the same codes, so a block shrinks several-fold.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { StorageError } from '../errors';
import type { DecisionColumns } from './decision-columns';

export const DECISION_BLOCK_VERSION = 1;
/** Fast deflate: the columns are written at backtest speed; level 1 keeps most of the gain at a fraction of the time. */
const LEVEL = 1;

interface Header {
  v: number;
  rows: number;
  agents: readonly string[];
}

/** Every column's bytes, in a fixed order (floats first, so every view of the raw buffer is aligned). */
function parts(c: DecisionColumns): ArrayBufferView[] {
  return [c.time, c.score, c.confidence, ...c.direction, ...c.agentConfidence, c.action, c.alignment, c.regime, c.veto, ...c.voteFlags];
}

/** Reused between blocks: a year of 1m bars is ~65 blocks, and fresh buffers for each piled up as garbage (~75 MB). */
let scratch = Buffer.alloc(0);
let timeDeltas = new Float64Array(0);

export function encodeDecisionBlock(c: DecisionColumns): Buffer {
  const n = c.length;
  if (timeDeltas.length < n) timeDeltas = new Float64Array(n);
  const time = timeDeltas.subarray(0, n);
  for (let i = 0; i < n; i++) time[i] = i === 0 ? c.time[0] : c.time[i] - c.time[i - 1];
  const header = Buffer.from(JSON.stringify({ v: DECISION_BLOCK_VERSION, rows: n, agents: c.agents } satisfies Header));
  const columns = parts({ ...c, time });
  const size = 4 + header.length + columns.reduce((sum, a) => sum + a.byteLength, 0);
  if (scratch.length < size) scratch = Buffer.alloc(size);
  scratch.writeUInt32LE(header.length, 0);
  header.copy(scratch, 4);
  let at = 4 + header.length;
  for (const a of columns) {
    scratch.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return deflateRawSync(scratch.subarray(0, size), { level: LEVEL });
}

export function decodeDecisionBlock(blob: Uint8Array, where: string): DecisionColumns {
  let raw: Buffer;
  try {
    raw = inflateRawSync(blob);
  } catch (err) {
    throw corrupt(where, `cannot inflate (${(err as Error).message})`);
  }
  if (raw.length < 4) throw corrupt(where, 'shorter than its header');
  const headerBytes = raw.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(raw.subarray(4, 4 + headerBytes).toString('utf8')) as Header;
  } catch {
    throw corrupt(where, 'unreadable header');
  }
  if (header.v !== DECISION_BLOCK_VERSION) throw corrupt(where, `format version ${header.v}, expected ${DECISION_BLOCK_VERSION}`);
  const n = header.rows;
  const agents = header.agents;
  const expected = 4 + headerBytes + n * (8 + 4 + 4 + agents.length * 8 + 4 + agents.length);
  if (raw.length !== expected) throw corrupt(where, `${raw.length} bytes for ${n} rows of ${agents.length} agents`);
  let at = 4 + headerBytes;
  // Copies: the inflated buffer's offsets are not aligned for Float64Array views.
  const take = <T>(make: (b: ArrayBuffer) => T, bytes: number): T => {
    const copy = new Uint8Array(bytes);
    copy.set(raw.subarray(at, at + bytes));
    at += bytes;
    return make(copy.buffer);
  };
  const f64 = () => take((b) => new Float64Array(b), n * 8);
  const f32 = () => take((b) => new Float32Array(b), n * 4);
  const u8 = () => take((b) => new Uint8Array(b), n);
  const time = f64();
  for (let i = 1; i < n; i++) time[i] += time[i - 1];
  const score = f32();
  const confidence = f32();
  const direction = agents.map(f32);
  const agentConfidence = agents.map(f32);
  return {
    length: n, agents, time, score, confidence, direction, agentConfidence,
    action: u8(), alignment: u8(), regime: u8(), veto: u8(), voteFlags: agents.map(u8),
  };
}

function corrupt(where: string, why: string): StorageError {
  return new StorageError(`Decision block ${where} is corrupt: ${why}`, 'STORAGE_BLOCK_CORRUPT', { value: where });
}
