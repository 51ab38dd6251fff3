// Wire frames for the WebSocket bridge: text for plain JSON, binary with aligned typed-array buffers otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../shared/wire-frames';

const HEADER = 12;

function binary(message: unknown): Uint8Array {
  const frame = encodeFrame(message);
  if (typeof frame === 'string') throw new Error('expected a binary frame');
  return frame;
}

function header(frame: Uint8Array): { jsonLength: number; count: number } {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { jsonLength: view.getUint32(4, true), count: view.getUint32(8, true) };
}

/** A binary frame built by hand, for the malformed cases the encoder never produces. */
function handmade(json: string, tail: number[] = [], patch: Partial<{ jsonLength: number; count: number; version: number }> = {}): Uint8Array {
  const text = new TextEncoder().encode(json);
  const frame = new Uint8Array(HEADER + text.length + tail.length);
  frame.set([0x51, 0x57, 0x46, patch.version ?? 1]);
  const view = new DataView(frame.buffer);
  view.setUint32(4, patch.jsonLength ?? text.length, true);
  view.setUint32(8, patch.count ?? 0, true);
  frame.set(text, HEADER);
  frame.set(tail, HEADER + text.length);
  return frame;
}

/** Bit-for-bit equality of two typed arrays (so NaN and -0 count). */
function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('wire frames', () => {
  it('keeps messages without typed arrays as the same JSON text', () => {
    const messages = [
      { type: 'reply', id: 3, reply: { ok: true, value: { rows: [{ t: 1, c: 2.5 }], note: 'x' } } },
      { type: 'event', event: 'alert.raised', payload: { level: 'critical', at: new Date(0) } },
      // Shaped like a placeholder, but in a text frame it is just data.
      { type: 'reply', id: 4, reply: { ok: true, value: { $ta: 'f64', i: 0, n: 1 } } },
      [1, 'two', null, true],
    ];
    for (const message of messages) {
      expect(encodeFrame(message)).toBe(JSON.stringify(message));
      expect(decodeFrame(JSON.stringify(message))).toEqual(JSON.parse(JSON.stringify(message)));
    }
  });

  it('round-trips typed arrays nested in replies and events, as the same kinds', () => {
    const close = new Float64Array([1.5, 2.25, 3]);
    const reply = {
      type: 'reply',
      id: 9,
      reply: { ok: true, value: { symbol: 'BTC/USDT', candles: { time: new Float64Array([1, 2, 3]), close, volume: new Float32Array([0.5, 1, 2]) }, votes: [new Int8Array([-1, 0, 1])], empty: new Float64Array(0) } },
    };
    const frame = binary(reply);
    const back = decodeFrame(frame) as typeof reply;
    expect(back).toStrictEqual(reply);
    expect(back.reply.value.candles.close).toBeInstanceOf(Float64Array);
    expect(back.reply.value.votes[0]).toBeInstanceOf(Int8Array);
    expect(back.reply.value.empty).toBeInstanceOf(Float64Array);
    expect(back.reply.value.empty.length).toBe(0);

    const event = { type: 'event', event: 'backtest.progress', payload: { equity: new Float64Array([100, 101.5]), flags: new Uint8Array([1, 0]) } };
    expect(decodeFrame(binary(event))).toStrictEqual(event);
  });

  it('round-trips every supported kind, and typed arrays at the root or inside arrays', () => {
    const arrays = [
      new Int8Array([-128, 0, 127]),
      new Uint8Array([0, 255]),
      new Uint8ClampedArray([0, 128, 255]),
      new Int16Array([-32768, 32767]),
      new Uint16Array([0, 65535]),
      new Int32Array([-(2 ** 31), 2 ** 31 - 1]),
      new Uint32Array([0, 2 ** 32 - 1]),
      new Float32Array([Math.fround(0.1), -1e30]),
      new Float64Array([Math.PI, Number.MIN_VALUE, Number.MAX_VALUE]),
      new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
      new BigUint64Array([0n, 2n ** 64n - 1n]),
    ];
    const back = decodeFrame(binary(arrays)) as ArrayBufferView[];
    expect(back).toStrictEqual(arrays);
    back.forEach((array, i) => {
      expect(array.constructor).toBe(arrays[i].constructor);
      expect(array.byteOffset % 8).toBe(0);
    });
    const root = new Float64Array([7, 8]);
    expect(decodeFrame(binary(root))).toStrictEqual(root);
  });

  it('preserves NaN, -0 and ±Infinity bit for bit', () => {
    const f64 = new Float64Array([NaN, -0, 0, Infinity, -Infinity]);
    const f32 = new Float32Array([NaN, -0, Infinity, -Infinity]);
    const back = decodeFrame(binary({ f64, f32 })) as { f64: Float64Array; f32: Float32Array };
    expect(sameBits(back.f64, f64)).toBe(true);
    expect(sameBits(back.f32, f32)).toBe(true);
    expect(Number.isNaN(back.f64[0])).toBe(true);
    expect(Object.is(back.f64[1], -0)).toBe(true);
    expect(back.f64[3]).toBe(Infinity);
    expect(back.f64[4]).toBe(-Infinity);
  });

  it('sends only a subarray\'s own bytes, not the buffer behind it', () => {
    const big = new Float64Array(10_000).map((_, i) => i);
    const slice = big.subarray(5_000, 5_003);
    const frame = binary({ slice });
    expect(frame.byteLength).toBeLessThan(200);
    expect(Array.from((decodeFrame(frame) as { slice: Float64Array }).slice)).toEqual([5_000, 5_001, 5_002]);
    const bytes = new Uint8Array(64).map((_, i) => i).subarray(3, 7);
    expect(decodeFrame(binary({ bytes }))).toStrictEqual({ bytes: new Uint8Array([3, 4, 5, 6]) });
  });

  it('sends a Buffer as its bytes', () => {
    const back = decodeFrame(binary({ data: Buffer.from('hi') })) as { data: Uint8Array };
    expect(Array.from(back.data)).toEqual([104, 105]);
  });

  it('returns views on an aligned frame (no copy), and copies out of a misaligned one', () => {
    const frame = binary({ close: new Float64Array([1, 2, 3]) });
    const aligned = decodeFrame(frame.buffer as ArrayBuffer) as { close: Float64Array };
    expect(aligned.close.buffer).toBe(frame.buffer);

    const shifted = new Uint8Array(frame.byteLength + 1);
    shifted.set(frame, 1);
    const view = shifted.subarray(1);
    const copied = decodeFrame(view) as { close: Float64Array };
    expect(Array.from(copied.close)).toEqual([1, 2, 3]);
    expect(copied.close.buffer).not.toBe(shifted.buffer);
  });

  it('leaves ordinary objects alone, even ones close to the placeholder shape', () => {
    const message = { a: new Float64Array([1]), near: { $ta: 'f64', i: 0 }, more: { $ta: 'f64', i: 0, n: 1, x: 2 }, other: { i: 0, n: 1, kind: 'f64' } };
    expect(decodeFrame(binary(message))).toStrictEqual(message);
  });

  it('refuses to encode an object of the exact placeholder shape beside typed arrays', () => {
    expect(() => encodeFrame({ a: new Float64Array([1]), b: { $ta: 'f64', i: 0, n: 1 } })).toThrow(/placeholder/);
  });

  it('keeps DataViews out of binary frames, as JSON does today', () => {
    expect(encodeFrame({ v: new DataView(new ArrayBuffer(4)) })).toBe('{"v":{}}');
  });

  it.each([
    ['a short header', new Uint8Array([0x51, 0x57, 0x46]), /shorter than the 12-byte header/],
    ['bad magic', handmade('{}', [], {}).map((b, i) => (i === 0 ? 0x7b : b)), /bad magic/],
    ['another version', handmade('{}', [], { version: 2 }), /unsupported version 2/],
    ['a JSON length past the end', handmade('{}', [], { jsonLength: 99 }), /JSON length 99 runs past/],
    ['an impossible array count', handmade('{}', [], { count: 1_000 }), /array count 1000/],
    ['invalid UTF-8', handmade('{}', [], {}).map((b, i) => (i === HEADER ? 0xff : b)), /not valid UTF-8/],
    ['bad JSON', handmade('{"a":', []), /bad JSON/],
    ['an unknown kind', handmade('{"$ta":"f16","i":0,"n":0}', [], { count: 1 }), /unknown array kind "f16"/],
    ['an index out of range', handmade('{"$ta":"f64","i":1,"n":0}', [], { count: 1 }), /bad array index 1/],
    ['a fractional index', handmade('{"$ta":"f64","i":0.5,"n":0}', [], { count: 1 }), /bad array index 0.5/],
    ['a duplicate index', handmade('[{"$ta":"f64","i":0,"n":0},{"$ta":"f64","i":0,"n":0}]', [], { count: 2 }), /appears twice/],
    ['a missing placeholder', handmade('[{"$ta":"f64","i":0,"n":0}]', [], { count: 2 }), /no placeholder for array 1/],
    ['a negative length', handmade('{"$ta":"f64","i":0,"n":-1}', [], { count: 1 }), /bad array length -1/],
    ['an array past the end', handmade('{"$ta":"f64","i":0,"n":4}', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], { count: 1 }), /array 0 \(f64 × 4\) runs past the end/],
    ['a huge length', handmade('{"$ta":"f64","i":0,"n":9007199254740991}', [0, 0, 0, 0], { count: 1 }), /runs past the end/],
    ['an array starting past the end', handmade('{"$ta":"u8","i":0,"n":0}', [0], { count: 1 }), /array 0 starts past the end/],
    ['trailing bytes', handmade('{}', [0]), /1 unexpected bytes/],
    ['a placeholder with a non-string kind', handmade('{"$ta":{"$ta":"u8","i":0,"n":0},"i":1,"n":0}', [], { count: 2 }), /unknown array kind/],
  ])('throws a clear error for %s', (_label, frame, message) => {
    expect(() => decodeFrame(frame)).toThrow(message);
    expect(() => decodeFrame(frame)).toThrow(/^Malformed binary frame: /);
  });

  it('names a misaligned array start (padding bytes in the way) as malformed', () => {
    // JSON of 26 bytes ends at 38: the array must start at 40, so 2 padding bytes are needed; a non-zero one is refused.
    const json = '{"$ta":"u8","i":0,"n":1}  ';
    const good = handmade(json, [0, 0, 9], { count: 1 });
    expect(Array.from(decodeFrame(good) as Uint8Array)).toEqual([9]);
    expect(() => decodeFrame(handmade(json, [0, 5, 9], { count: 1 }))).toThrow(/non-zero padding before array 0/);
  });

  it('throws for text frames that are not JSON, and for frame types it cannot read', () => {
    expect(() => decodeFrame('{nope')).toThrow(/^Malformed text frame/);
    expect(() => decodeFrame(42 as never)).toThrow(/Cannot decode a frame of type Number/);
  });

  it('round-trips arbitrary JSON-like values with typed arrays sprinkled in', () => {
    const typed = fc.oneof(
      fc.float64Array(),
      fc.float32Array(),
      fc.int8Array(),
      fc.uint8Array(),
      fc.int32Array(),
      fc.uint32Array(),
      fc.int16Array(),
      fc.bigInt64Array(),
      // A subarray of a bigger buffer, at any offset.
      fc.tuple(fc.float64Array({ minLength: 1 }), fc.nat(), fc.nat()).map(([a, x, y]) => a.subarray(Math.min(x, y) % a.length, Math.max(x, y) % a.length)),
    );
    const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)), fc.string());
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, typed, fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(fc.string().filter((k) => k !== '$ta'), tie('value'), { maxKeys: 5, noNullPrototype: true })),
    }));
    fc.assert(
      fc.property(value, (message) => {
        const back = decodeFrame(encodeFrame(message));
        expect(back).toStrictEqual(message);
        expect(sameStructureBits(back, message)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random mutations and truncations of a valid frame: it returns or throws an Error, nothing else', () => {
    const frame = binary({
      type: 'reply',
      id: 1,
      reply: { ok: true, value: { time: new Float64Array([1, 2, 3]), close: new Float32Array([NaN, -0, 5]), side: new Int8Array([1, -1]), n: new Uint32Array([7]), empty: new Uint8Array(0) } },
    });
    const { jsonLength } = header(frame);
    const hot = HEADER + jsonLength + 16; // header, JSON and the first padding: where mutations matter most
    let threw = 0;
    let returned = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: frame.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat({ max: frame.length }), { nil: undefined }),
        (edits, cut) => {
          const mutated = frame.slice();
          for (const [at, byte, nearFront] of edits) mutated[nearFront ? at % hot : at] = byte;
          const data = cut === undefined ? mutated : mutated.slice(0, cut);
          try {
            decodeFrame(data);
            returned++;
          } catch (err) {
            expect(err).toBeInstanceOf(Error);
            expect((err as Error).message).toMatch(/^Malformed binary frame: /);
            threw++;
          }
        },
      ),
      { numRuns: 3_000 },
    );
    expect(threw + returned).toBe(3_000);
    expect(threw).toBeGreaterThan(0);
  });
});

/** Deep bit-level comparison, since toStrictEqual does not look at NaN payloads or at which bytes a view covers. */
function sameStructureBits(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.constructor === b.constructor && sameBits(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameStructureBits(v, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object') return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameStructureBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}
