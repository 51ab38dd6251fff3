// Frames for the WebSocket bridge: plain JSON text, or a binary frame when a message carries typed arrays.
//
// JSON.stringify would turn a Float64Array into {"0":1,"1":2}, so columns (candles, equity, decisions) travel as raw
// bytes instead. Runs in Node and the browser: only ArrayBuffer, Uint8Array, DataView, TextEncoder and TextDecoder.
//
// Binary frame layout (all integers little-endian; offsets from the start of the frame):
//
//   0   3 bytes  magic "QWF" (0x51 0x57 0x46)
//   3   1 byte   version (1)
//   4   u32      J: byte length of the JSON text
//   8   u32      N: number of typed arrays
//   12  J bytes  UTF-8 JSON of the message, each typed array replaced by a placeholder
//                {"$ta": kind, "i": index, "n": element count} (index 0..N-1, each exactly once)
//   then for i = 0..N-1: zero padding up to the next multiple of 8, then array i's bytes (n * element size)
//   the frame ends right after the last array's bytes (after the JSON when N = 0); nothing may follow.
//
// Offsets are not stored: they follow from J and the element counts, so a frame cannot point anywhere else, and
// every array starts 8-byte aligned relative to the frame. Element bytes are in the platform's native order, which
// must be little-endian (every platform Quorum ships on); binary frames are refused elsewhere rather than garbled.
//
// Placeholders are recognised only by exact shape (exactly the keys $ta, i, n) and only in binary frames; text
// frames are parsed as plain JSON. A message whose own data holds an object of that exact shape cannot be sent
// beside typed arrays (encodeFrame throws) rather than be misread.

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

interface TypedArrayClass {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): TypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
}

const KINDS = {
  i8: Int8Array,
  u8: Uint8Array,
  u8c: Uint8ClampedArray,
  i16: Int16Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f32: Float32Array,
  f64: Float64Array,
  i64: BigInt64Array,
  u64: BigUint64Array,
} as const satisfies Record<string, TypedArrayClass>;
type Kind = keyof typeof KINDS;

const MAGIC = [0x51, 0x57, 0x46] as const; // "QWF"
const VERSION = 1;
const HEADER_BYTES = 12;
const ALIGN = 8;
const TAG = '$ta';
const U32_MAX = 0xffff_ffff;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('Binary wire frames need a little-endian platform');
}

function fail(what: string): never {
  throw new Error(`Malformed binary frame: ${what}`);
}

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

const KIND_BY_TAG = new Map<string, Kind>((Object.entries(KINDS) as [Kind, TypedArrayClass][]).map(([kind, ctor]) => [ctor.name, kind]));

/** The kind name of a typed array, by its toStringTag: works across realms, and a Buffer counts as u8. */
function kindOf(array: TypedArray): Kind {
  const tag = (array as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
  const kind = KIND_BY_TAG.get(tag);
  if (!kind) throw new Error(`Cannot send a ${tag} in a wire frame`);
  return kind;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Exactly the keys $ta, i and n: anything else is an ordinary object. */
function isPlaceholderShape(value: unknown): value is { $ta: unknown; i: unknown; n: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !hasOwn(value, TAG)) return false;
  const keys = Object.keys(value);
  return keys.length === 3 && hasOwn(value, 'i') && hasOwn(value, 'n');
}

/**
 * A text frame (the JSON string) when the message holds no typed arrays, otherwise a binary frame (layout above).
 * Only each view's own bytes are copied, never the rest of the buffer behind it.
 */
export function encodeFrame(message: unknown): string | Uint8Array {
  const arrays: TypedArray[] = [];
  let lookalike: string | undefined;
  const json = JSON.stringify(message, function (this: unknown, key: string, value: unknown) {
    if (typeof value !== 'object' || value === null) return value; // the common case, kept cheap
    // The replacer sees values after toJSON; look at the holder's own value so a Buffer goes as bytes too.
    const raw = (this as Record<string, unknown>)[key];
    if (isTypedArray(raw)) {
      arrays.push(raw);
      return { [TAG]: kindOf(raw), i: arrays.length - 1, n: raw.length };
    }
    // Harmless in a text frame; fatal only if this turns out to be a binary frame (checked below).
    if (lookalike === undefined && isPlaceholderShape(value)) lookalike = key;
    return value;
  }) as string | undefined;
  if (json === undefined) throw new Error('Cannot encode a message that has no JSON form');
  if (arrays.length === 0) return json;
  if (lookalike !== undefined) {
    throw new Error(`Cannot encode typed arrays beside an object shaped like their placeholder (at key ${JSON.stringify(lookalike)})`);
  }

  requireLittleEndian();
  const text = new TextEncoder().encode(json);
  if (text.length > U32_MAX || arrays.length > U32_MAX) throw new Error('Message too large for a wire frame');
  const starts: number[] = [];
  let end = HEADER_BYTES + text.length;
  for (const array of arrays) {
    const start = align(end);
    starts.push(start);
    end = start + array.byteLength;
  }
  const frame = new Uint8Array(end); // zero-filled: the padding needs no writes
  frame.set(MAGIC, 0);
  frame[3] = VERSION;
  const header = new DataView(frame.buffer);
  header.setUint32(4, text.length, true);
  header.setUint32(8, arrays.length, true);
  frame.set(text, HEADER_BYTES);
  arrays.forEach((array, i) => frame.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), starts[i]));
  return frame;
}

interface Slot {
  kind: Kind;
  length: number;
  holder: object;
  key: string;
  placeholder: object;
}

/**
 * The message in a frame. Typed arrays come back as the same kind with the same bits (NaN, -0, ±Infinity kept),
 * as views on the frame's memory when suitably aligned (zero copy; the caller must not reuse that memory),
 * copied otherwise. A malformed frame throws one Error naming the problem.
 */
export function decodeFrame(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data);
    } catch (err) {
      throw new Error(`Malformed text frame: ${(err as Error).message}`);
    }
  }
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else throw new Error(`Cannot decode a frame of type ${Object.prototype.toString.call(data).slice(8, -1)}`);
  return decodeBinary(bytes);
}

function decodeBinary(bytes: Uint8Array): unknown {
  requireLittleEndian();
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  if (bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || bytes[2] !== MAGIC[2]) fail('bad magic (not a Quorum wire frame)');
  if (bytes[3] !== VERSION) fail(`unsupported version ${bytes[3]} (expected ${VERSION})`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const jsonLength = header.getUint32(4, true);
  const count = header.getUint32(8, true);
  if (jsonLength > bytes.length - HEADER_BYTES) fail(`JSON length ${jsonLength} runs past the end of the ${bytes.length}-byte frame`);
  // Every placeholder takes well over one byte of JSON: this bounds the work before any allocation.
  if (count > jsonLength) fail(`array count ${count} exceeds what ${jsonLength} bytes of JSON can describe`);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength));
  } catch {
    fail('JSON text is not valid UTF-8');
  }

  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(count);
  let root: unknown;
  try {
    root = JSON.parse(text, function (this: object, key: string, value: unknown) {
      if (isPlaceholderShape(value)) slots[checkedIndex(value.i, count, slots)] = { kind: checkedKind(value.$ta), length: checkedLength(value.n), holder: this, key, placeholder: value };
      return value;
    });
  } catch (err) {
    if (err instanceof SyntaxError) fail(`bad JSON: ${err.message}`);
    throw err;
  }

  for (let i = 0; i < count; i++) if (!slots[i]) fail(`no placeholder for array ${i} of ${count}`);
  const arrays: TypedArray[] = [];
  let end = HEADER_BYTES + jsonLength;
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!;
    const ctor: TypedArrayClass = KINDS[slot.kind];
    const start = align(end);
    if (start > bytes.length) fail(`array ${i} starts past the end of the frame`);
    for (let p = end; p < start; p++) if (bytes[p] !== 0) fail(`non-zero padding before array ${i}`);
    if (slot.length > (bytes.length - start) / ctor.BYTES_PER_ELEMENT) fail(`array ${i} (${slot.kind} × ${slot.length}) runs past the end of the frame`);
    const byteLength = slot.length * ctor.BYTES_PER_ELEMENT;
    const at = bytes.byteOffset + start;
    if (at % ctor.BYTES_PER_ELEMENT === 0) {
      arrays.push(new ctor(bytes.buffer, at, slot.length));
    } else {
      // The frame itself sits misaligned in its buffer (e.g. a slice of a Node socket buffer): copy this one.
      const copy = new ctor(slot.length);
      new Uint8Array(copy.buffer).set(bytes.subarray(start, start + byteLength));
      arrays.push(copy);
    }
    end = start + byteLength;
  }
  if (end !== bytes.length) fail(`${bytes.length - end} unexpected bytes after the last array`);

  for (let i = 0; i < count; i++) {
    const { holder, key } = slots[i]!;
    // defineProperty, not assignment: a "__proto__" key from JSON is an own data property and must stay one.
    Object.defineProperty(holder, key, { value: arrays[i], writable: true, enumerable: true, configurable: true });
  }
  const rootIndex = slots.findIndex((slot) => slot?.placeholder === root);
  return rootIndex >= 0 ? arrays[rootIndex] : root;
}

function checkedKind(kind: unknown): Kind {
  if (typeof kind !== 'string' || !hasOwn(KINDS, kind)) fail(`unknown array kind ${clipped(kind)}`);
  return kind as Kind;
}

function checkedIndex(index: unknown, count: number, slots: readonly (Slot | undefined)[]): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) fail(`bad array index ${clipped(index)} (frame holds ${count})`);
  if (slots[index]) fail(`array index ${index} appears twice`);
  return index;
}

function checkedLength(length: unknown): number {
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) fail(`bad array length ${clipped(length)}`);
  return length;
}

function clipped(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}
