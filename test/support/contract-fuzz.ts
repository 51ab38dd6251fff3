// Building blocks of the contract fuzz suite (test/integration/security/fuzz-contract.test.ts): the seed, adversarial
// values, one valid example payload per channel and its mutations, file listings, and the credential store to fuzz with.
import fc from 'fast-check';
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isRequestChannel, REQUEST_CHANNELS, type RequestChannel, type RequestPayload } from '../../shared/contract';
import { TIMEFRAME_MS } from '../../shared/domain';
import type { CredentialStore } from '../../electron/engine/credentials';
import { keychainStore } from '../../electron/shell/keychain';
import { memoryCredentials } from './memory-credentials';

export const DEFAULT_FUZZ_SEED = 20_260_501;

/** The run's seed: QUORUM_FUZZ_SEED when set (to replay or vary a run), else a fixed default, so CI is reproducible. */
export function fuzzSeed(env = process.env.QUORUM_FUZZ_SEED): number {
  if (env === undefined || env.trim() === '') return DEFAULT_FUZZ_SEED;
  const seed = Number(env);
  if (!Number.isSafeInteger(seed)) throw new Error(`QUORUM_FUZZ_SEED must be an integer, got ${JSON.stringify(env)}`);
  return seed | 0; // fast-check seeds are 32-bit
}

// ---------------------------------------------------------------------------------------------------------------------
// Adversarial values

/** Latest time the contract accepts (TimeMs, year 2200). */
export const TIME_MAX = 7_258_118_400_000;

/** Sets a key as an own, enumerable property, even `__proto__` (plain assignment would replace the prototype). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', 'x.csv\u0000.png', '\u0000'.repeat(64), '\r\n\t\u001b[31m\u0007', '\u202eevil', '\ud800',
  '\udfff\ud800', '😀'.repeat(20), 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚ö̜', 'İı', '\ufeff', 'ARM LIVE', 'arm live', 'REARM', 'binance', 'binance:main',
  'BTC/USDT', '1h', 'sma-cross', 'f_AAAAAAAAAAAAAAAAAAAAAAAA', '__proto__', 'constructor', 'prototype', 'toString',
  "'; DROP TABLE settings; --", '${process.exit(1)}', '{{7*7}}', '<script>alert(1)</script>', '%s%n%x%d',
  'NaN', 'Infinity', '-0', '1e309', 'true', 'null', 'undefined', 'all-in', 'fixed:1e308', 'fraction:-1',
  'CommandOrControl+Shift+K', 'Shift+Shift+K', 'a'.repeat(65), 'a'.repeat(257), 'A'.repeat(4_096),
];

/** 100 KB – 1 MB: over every bound in the contract, some in a charset the bound's regex accepts. */
export const hugeString = fc
  .record({ length: fc.integer({ min: 100_000, max: 1_000_000 }), unit: fc.constantFrom('A', 'a:', '../', '\u0000', 'é', '😀', 'f_', '0', '%2e') })
  .map(({ length, unit }) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const NASTY_NUMBERS = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER,
  2 ** 31, 2 ** 32, 5e-324, 1e21, TIME_MAX + 1, 8_193, 1_001, 100_001,
];

const nastyNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }) },
);

/** Keys a handler might trust: prototype keys, near-misses of real fields, the old `paths`, junk. */
export const nastyKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'paths', 'path', 'file', 'dir', 'liveArmed', 'liveArmedAccounts', 'limits', 'Limit', ''),
  fc.string({ maxLength: 12 }),
);

/** Values structured clone carries (Electron IPC) but JSON does not, and shapes no schema expects. */
function oddities(): unknown[] {
  const loop: Record<string, unknown> = { limit: 5 };
  loop.self = loop;
  const nullProto = Object.assign(Object.create(null) as object, { limit: 5, account: 'binance' });
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [, 'f_AAAAAAAAAAAAAAAAAAAAAAAA'];
  return [10n, -(2n ** 64n), new Date(NaN), new Date(0), new Map([['limit', 5]]), new Set(['f_AAAAAAAAAAAAAAAAAAAAAAAA']),
    new Uint8Array([1, 2, 3]), /x/g, loop, nullProto, sparse, Object('binance') as unknown];
}
const oddity = fc.constantFrom(...oddities());

/** Objects with own `__proto__`, `constructor` or `prototype` keys (JSON.parse makes them own keys, as a transport would). */
export const PROTO_JSON = [
  '{"__proto__":{"polluted":true,"liveArmed":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  '{"__proto__":null}',
  '{"a":{"__proto__":{"polluted":true}}}',
  '{"__proto__":{"limit":5},"limit":"x"}',
];
const protoObject = fc.constantFrom(...PROTO_JSON).map((json) => JSON.parse(json) as unknown);

/** Deep nesting (arrays or objects) down to 20,000 levels, built without recursion. */
const deepNest = fc
  .record({ depth: fc.integer({ min: 64, max: 20_000 }), array: fc.boolean(), key: fc.constantFrom('a', 'limit', '__proto__', 'panel') })
  .map(({ depth, array, key }) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) {
      if (array) value = [value];
      else {
        const next = {};
        setOwn(next, key, value);
        value = next;
      }
    }
    return value;
  });

/** Wide shapes: 20,000 handles (the limit is 500), 5,000 keys (parameters stop at 64). */
const wide = fc.constantFrom('array', 'object').map((kind) =>
  kind === 'array'
    ? Array.from({ length: 20_000 }, () => 'f_AAAAAAAAAAAAAAAAAAAAAAAA')
    : Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
);

export interface FuzzStrings {
  /** Path-like strings aimed at the sentinel folder (the test builds them from its temp paths). */
  traversal: string[];
}

/** Every adversarial string: fixed nasty ones, traversals, random unicode and binary, and (rarely) huge ones. */
export function nastyString(s: FuzzStrings): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...s.traversal) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: hugeString },
  );
}

/** One adversarial value of any kind: a wrong type, an edge number, a nasty string, a deep or wide shape. */
export function adversarialValue(s: FuzzStrings): fc.Arbitrary<unknown> {
  const small = fc.oneof(nastyNumber, fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(null, true));
  return fc.oneof(
    { weight: 6, arbitrary: nastyString(s) },
    { weight: 5, arbitrary: nastyNumber },
    { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}) },
    { weight: 2, arbitrary: fc.array(small, { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.dictionary(nastyKey, small, { maxKeys: 4 }) },
    { weight: 1, arbitrary: oddity },
    { weight: 1, arbitrary: protoObject },
    { weight: 1, arbitrary: deepNest },
    { weight: 1, arbitrary: wide },
  );
}

/** A payload knowing nothing of the channel, or shaped like its example (the example's keys with adversarial values). */
export function randomPayload(example: object, s: FuzzStrings): fc.Arbitrary<unknown> {
  const value = adversarialValue(s);
  const keys = Object.keys(example);
  const shaped = fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.constant((example as Record<string, unknown>)[k]), value)])), { requiredKeys: [] }),
      fc.option(fc.dictionary(nastyKey, value, { maxKeys: 2 }), { freq: 3 }),
    )
    .map(([base, extra]) => {
      const payload: Record<string, unknown> = { ...base };
      for (const [k, v] of Object.entries(extra ?? {})) setOwn(payload, k, v);
      return payload;
    });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 3, arbitrary: value },
    { weight: 2, arbitrary: fc.dictionary(nastyKey, value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.anything({ key: nastyKey, maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, withUnicodeString: true }) },
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Valid examples and their mutations

/** Swapped, just before the message is sent, for the handle of a CSV uploaded then (a handle is spent by one import). */
export const FRESH_UPLOAD = 'f_fuzzFreshUploadHandle0';

/** Candles as a plain CSV the generic importer reads. */
export function candleCsv(bars: number, startMs: number, stepMs: number, price = 100): string {
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < bars; i++) {
    const p = price + 10 * Math.sin(i / 7) + i * 0.05;
    rows.push(`${startMs + i * stepMs},${p.toFixed(2)},${(p + 1).toFixed(2)},${(p - 1).toFixed(2)},${(p + 0.3).toFixed(2)},${100 + (i % 13)}`);
  }
  return `${rows.join('\n')}\n`;
}

export const HOUR = 3_600_000;
/** The dataset the examples read (imported before the fuzz): 2024-01-01, 300 hourly bars. */
export const SEEDED_DATASET = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', start: Date.UTC(2024, 0, 1), bars: 300 } as const;

/**
 * The series the data.download example names, stored for its first bars (1970). The example asks from 2200 to 1970:
 * a `to` mutated to any valid time, or dropped (now), leaves nothing to fetch, and so does a `from` mutated to a time
 * the adversarial values hold (all ≤ 2^32 ms, inside the stored bars). So a mutated example does not go to the closed
 * exchange port, where a download sits through ~8 s of retries; two mutations at once (a `from`, no `to`) still can,
 * rarely, and are then listed as slow.
 */
export const DOWNLOAD_DATASET = { exchange: 'binance', symbol: 'DL/USDT', timeframe: '1M' } as const;

export function downloadDatasetCsv(): string {
  const rows = ['date,open,high,low,close,volume'];
  for (let t = 0; t <= 2 ** 32 + TIMEFRAME_MS['1M']; t += TIMEFRAME_MS['1M']) rows.push(`${new Date(t).toISOString()},5,6,4,5.5,1`);
  return `${rows.join('\n')}\n`;
}

/**
 * One valid payload per channel, typed against the contract (regexes and ranges are checked by a test). Most are also
 * accepted by the engine; the ones that cannot be here fail in the handler: desk.start (no exchange on port 9),
 * files.open (no dialog), session.* (no session), live.arm (until credentials.set stored keys). The contract's channel
 * list is the type's key set: a new channel without an example here fails the typecheck (and the first test).
 */
export const VALID_EXAMPLES: { [C in RequestChannel]: RequestPayload<C> } = {
  'engine.status': {},
  'app.info': {},
  'app.openLogs': {},
  'app.logTail': { lines: 20 },
  'settings.get': {},
  'settings.update': { theme: 'light', paperCash: 25_000, risk: { limits: { maxOpenOrders: 12, position: { maxNotional: 5_000 } } }, panel: { thresholds: { minConfidence: 0.2 } } },
  'db.backup': {},
  // A handle no upload gave: refused before any file is read.
  'db.restore': { file: FRESH_UPLOAD },
  'db.restoreStatus': {},
  'db.restoreCancel': {},
  'alerts.list': { limit: 10 },
  'data.list': {},
  'data.gaps': { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' },
  'data.upload': { uploadId: 'fuzz-upload-0001', name: 'FUZZ_USDT-1h.csv', seq: 0, data: Buffer.from(candleCsv(3, Date.UTC(2024, 5, 1), HOUR)).toString('base64'), last: true },
  'files.open': { purpose: 'candles', multiple: false },
  'data.import': { jobId: 'fuzz-import', files: [FRESH_UPLOAD], exchange: 'binance', symbol: 'ETH/USDT', timeframe: '1h', onError: 'reject' },
  'data.loadSample': {},
  // Nothing to fetch, whatever valid times a mutation picks: see DOWNLOAD_DATASET.
  'data.download': { jobId: 'fuzz-download', ...DOWNLOAD_DATASET, from: TIME_MAX, to: 0 },
  'candles.get': { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', from: 0, to: TIME_MAX, maxBars: 100 },
  'indicators.list': {},
  'indicators.series': { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', from: 0, to: TIME_MAX, resolution: '4h', maxBars: 100, name: 'rsi', params: { period: 14 } },
  'runs.list': { limit: 5 },
  'decisions.list': { runId: 1, limit: 10, actionsOnly: true },
  'decisions.columns': { runId: 1, from: 0, to: TIME_MAX, resolution: '1h', maxBars: 100 },
  'backtest.start': { data: 'binance:BTC/USDT:1h', strategy: 'sma-cross', params: {}, options: { cash: 1_000, commission: 0.001, fill: 'next-open', risk: false } },
  'backtest.cancel': { jobId: 'bt-1' },
  'backtest.load': { runId: 1, maxPoints: 100 },
  'backtest.report': { runId: 1 },
  'backtest.strategies': {},
  'desk.start': { account: 'binance:fuzz', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma-cross', mode: 'paper', cash: 1_000 },
  'desk.stop': {},
  'session.stop': { id: 1 },
  'session.pause': { id: 1 },
  'session.resume': { id: 1 },
  'desk.status': {},
  'session.candles': { id: 1 },
  'desk.orders': { limit: 10, openOnly: true },
  'desk.fills': { limit: 10 },
  'desk.sessions': { limit: 10 },
  'live.arm': { account: 'binance:fuzz', confirm: 'ARM LIVE' },
  'live.disarm': { account: 'binance:fuzz' },
  'risk.state': {},
  'risk.emergencyStop': {},
  'risk.killSwitch.trip': { mode: 'stop-entries', reason: 'fuzz' },
  'risk.killSwitch.rearm': { confirm: 'REARM' },
  'risk.breaker.rearm': { name: 'daily-loss' },
  'credentials.list': {},
  'webhook.status': {},
  'webhook.setSecret': { secret: 'fuzz-webhook-secret-0123456789abcdef' },
  'credentials.set': { account: 'binance:fuzz', apiKey: 'AKFUZZKEY0001', secret: 'fuzz-secret-0001' },
  'credentials.delete': { account: 'binance:fuzz' },
  // Port 9 refuses: the test answers "could not be reached" at once.
  'credentials.test': { account: 'binance:fuzz' },
  'data.delete': { exchange: 'binance', symbol: 'ETH/USDT', timeframe: '1h', confirm: true },
  'models.list': {},
  'models.report': { name: 'fuzz-model' },
  // The seeded dataset is far too short to train on: the job fails in the background, before anything is written.
  'models.train': { dataset: 'binance:BTC/USDT:1h', kind: 'logreg', name: 'fuzz-model', seed: 1, horizon: 5, deadZone: 0, validationFraction: 0.2, params: { maxIterations: 5 } },
  'models.evaluate': { name: 'fuzz-model', train: '30d', test: '7d' },
  'models.cancel': { jobId: 'mj-1' },
  'drift.report': { runId: 1 },
  'health.last': {},
  'health.run': {},
  'alerts.channels': {},
  // Port 9 refuses: a test message fails at once (an answer, not a refusal); the secret URL goes to the fuzz keychain.
  'alerts.addChannel': { kind: 'webhook', name: 'fuzz-hook', url: 'http://127.0.0.1:9/hooks/fuzz-token-0001', minLevel: 'critical', quiet: { start: 22, end: 7, tz: 'utc' } },
  'alerts.removeChannel': { name: 'fuzz-hook' },
  'alerts.testChannel': { name: 'fuzz-hook' },
  'alerts.deliveries': { limit: 10 },
  'report.accounts': {},
  // No account has traded here: refused (ACCOUNT_UNKNOWN) before anything is read or written.
  'report.daily': { account: 'paper:binance', date: '2024-06-01' },
  'report.export': { account: 'paper:binance', date: '2024-06-01', format: 'html' },
  // A 4-combination grid on the seeded dataset on one worker; a second start while one runs is refused (SWEEP_BUSY).
  'sweep.start': { data: 'binance:BTC/USDT:1h', strategy: 'sma-cross', axes: [{ key: 'fast', from: 5, to: 10, step: 5 }, { key: 'slow', values: [20, 30] }], metric: 'return', options: { risk: false }, workers: 1 },
  'walkforward.start': { data: 'binance:BTC/USDT:1h', strategy: 'sma-cross', axes: [{ key: 'fast', from: 5, to: 10, step: 5 }], metric: 'sharpe', options: {}, train: '20', test: '10', workers: 1 },
  'sweep.cancel': { jobId: 'sw-1' },
  'sweep.result': { jobId: 'sw-1' },
};

type Path = (string | number)[];

/** Paths to every value inside `value` (objects and arrays walked), the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): { all: Path[]; containers: Path[] } {
  const all: Path[] = [];
  const containers: Path[] = [];
  if (value !== null && typeof value === 'object') {
    if (!Array.isArray(value)) containers.push(prefix);
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      const inner = pathsOf(v, [...prefix, key]);
      all.push([...prefix, key], ...inner.all);
      containers.push(...inner.containers);
    }
  }
  return { all, containers };
}

type Mutation =
  | { kind: 'drop'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'replace'; path: Path; value: unknown };

/** The object or array at `path`, if it is still there. */
function nodeAt(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : undefined;
}

/** The objects and arrays of a (fresh) payload: mutations edit only these, never a shared adversarial value put there. */
function containersOf(value: unknown, into = new WeakSet<object>()): WeakSet<object> {
  if (value !== null && typeof value === 'object') {
    into.add(value);
    for (const v of Object.values(value)) containersOf(v, into);
  }
  return into;
}

function apply(payload: unknown, m: Mutation, own: WeakSet<object>): void {
  if (m.kind === 'add') {
    const target = nodeAt(payload, m.path);
    if (target && own.has(target)) setOwn(target, m.key, m.value);
    return;
  }
  const parent = nodeAt(payload, m.path.slice(0, -1));
  const key = m.path[m.path.length - 1];
  // Gone (dropped or replaced by an earlier mutation), or not ours to edit.
  if (!parent || !own.has(parent) || !Object.prototype.hasOwnProperty.call(parent, key)) return;
  if (m.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else setOwn(parent, String(key), m.value);
}

/** The example itself (sometimes), or with 1–3 mutations: drop a key, add an unknown key, replace one value. */
export function mutatedPayload(example: object, s: FuzzStrings): fc.Arbitrary<unknown> {
  const { all, containers } = pathsOf(example);
  const value = adversarialValue(s);
  const ops: fc.Arbitrary<Mutation>[] = [fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom(...containers), key: nastyKey, value })];
  if (all.length > 0) {
    ops.push(fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...all) }));
    ops.push(fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...all), value }));
    ops.push(fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...all), value }));
  }
  const mutations = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 12, arbitrary: fc.array(fc.oneof(...ops), { minLength: 1, maxLength: 3 }) });
  return mutations.map((list) => {
    const payload = structuredClone(example) as unknown;
    const own = containersOf(payload);
    for (const m of list) apply(payload, m, own);
    return payload;
  });
}

/** Channel names that are not in the contract: near misses, prototype names, huge strings, and non-strings. */
export function unknownChannel(s: FuzzStrings): fc.Arbitrary<unknown> {
  const nearMisses = REQUEST_CHANNELS.flatMap((c) => [c.toUpperCase(), `${c} `, ` ${c}`, `${c}\u0000`, `${c}.`, c.replace('.', '/'), c.split('.')[0]]);
  const protoNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'requests'];
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...nearMisses, ...protoNames) },
      { weight: 2, arbitrary: nastyString(s) },
      { weight: 1, arbitrary: hugeString },
      { weight: 2, arbitrary: adversarialValue(s) },
    )
    .filter((c) => !isRequestChannel(c));
}

// ---------------------------------------------------------------------------------------------------------------------
// Describing values and listing files

/** A short, safe description of any value (deep, circular, BigInt, huge) for reports. */
export function describeValue(value: unknown, max = 240): string {
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'string' && v.length > 64) return `${v.slice(0, 40)}…(${v.length} chars)`;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (v === undefined) return '(undefined)';
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '(circular)';
        seen.add(v);
        if (v instanceof Map || v instanceof Set) return `(${v.constructor.name} of ${v.size})`;
        if (Array.isArray(v) && v.length > 8) return `(array of ${v.length})`;
      }
      return v;
    }) ?? String(value);
  } catch (err) {
    text = `(${typeof value}: ${err instanceof Error ? err.message : String(err)})`;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Every entry under `dir`, symlinks not followed: relative path → kind, size, mtime. */
export function listTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [dir];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(folder, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      const kind = stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : 'file';
      out.set(relative(dir, path), `${kind} ${stat.isDirectory() ? '' : stat.size} ${stat.mtimeMs}`);
      if (kind === 'dir') stack.push(path);
    }
  }
  return out;
}

/** Added, removed and changed entries between two listings. */
export function diffTrees(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}

// ---------------------------------------------------------------------------------------------------------------------
// Credentials

export interface FuzzCredentials {
  kind: 'OS keychain' | 'in-memory store';
  store: CredentialStore;
  /** Removes every entry this run stored; answers how many are left (0). */
  cleanup(): Promise<number>;
}

/** Entries under a prefix unique to the run, so the fuzz never sees or touches anyone else's (nor a parallel run's). */
function prefixed(inner: CredentialStore, prefix: string): CredentialStore {
  return {
    save: (account, credentials) => inner.save(prefix + account, credentials),
    load: (account) => inner.load(prefix + account),
    remove: (account) => inner.remove(prefix + account),
    accounts: async () => (await inner.accounts()).filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length)),
  };
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The real OS keychain when it answers (a D-Bus session with an unlocked keyring, as `npm test` starts), else memory. */
export async function fuzzCredentials(prefix: string, service = 'QuorumFuzz'): Promise<FuzzCredentials> {
  let inner: CredentialStore = memoryCredentials();
  let kind: FuzzCredentials['kind'] = 'in-memory store';
  if (process.env.DBUS_SESSION_BUS_ADDRESS) {
    try {
      const keychain = keychainStore(undefined, service);
      const probe = `${prefix}probe`;
      await within(5_000, keychain.save(probe, { apiKey: 'probe-key', secret: 'probe-secret' }));
      const loaded = await within(5_000, keychain.load(probe));
      await within(5_000, keychain.remove(probe));
      if (loaded?.apiKey === 'probe-key') {
        inner = keychain;
        kind = 'OS keychain';
      }
    } catch {
      // no keyring daemon, or a locked one: the in-memory store keeps the suite running
    }
  }
  return {
    kind,
    store: prefixed(inner, prefix),
    cleanup: async () => {
      const ours = async () => (await inner.accounts()).filter((a) => a.startsWith(prefix));
      for (const account of await ours()) await inner.remove(account);
      return (await ours()).length;
    },
  };
}
