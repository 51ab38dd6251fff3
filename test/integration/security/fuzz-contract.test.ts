// The contract as a security boundary, fuzzed: seeded random, adversarial and mutated payloads on every request channel,
// unknown channels, and path traversal on every file-taking channel — through the real dispatcher of a real engine on a
// temp SQLite file. Every message must get a typed, bounded reply that leaks nothing, and a refused message must leave
// the engine's state (settings, risk, keys, data, runs, alerts, desk, the database, the files on disk) as it was.
// Replay or vary a run with QUORUM_FUZZ_SEED=<int>; the seed is in the suite's name.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { lutimesSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { createLogger } from '../../../electron/engine/log/logger';
import type { CredentialStore } from '../../../electron/engine/credentials';
import { REQUEST_CHANNELS, ReplySchema, requests, type Reply, type RequestChannel } from '../../../shared/contract';
import {
  adversarialValue, candleCsv, describeValue, diffTrees, DOWNLOAD_DATASET, downloadDatasetCsv, FRESH_UPLOAD, fuzzCredentials,
  fuzzSeed, HOUR, listTree, mutatedPayload, randomPayload, SEEDED_DATASET, unknownChannel, VALID_EXAMPLES, type FuzzStrings,
} from '../../support/contract-fuzz';
import { tempDir } from '../../support/temp';

const SEED = fuzzSeed();
/** Per channel 140 random + 100 mutated (37 channels today: 8,880); then 1,000 interleaved, 500 unknown, 275 traversal. */
const RANDOM_RUNS = 140;
const MUTATION_RUNS = 100;
const INTERLEAVED_RUNS = 1_000;
const UNKNOWN_RUNS = 500;
const MIN_CASES = 10_000;

// Layout: <root>/app is the engine's folder (database, uploads/, exports/); <root>/victim is the sentinel beside it.
const root = tempDir('quorum-fuzz-');
const appDir = join(root, 'app');
const uploadsDir = join(appDir, 'uploads');
const victim = join(root, 'victim');
const victimCsv = join(victim, 'x.csv');
const victimNamed = join(victim, 'VICTIM_USDT-1d.csv');
const victimSecret = join(victim, 'secret.txt');
/** A link out of the uploads folder, present through the whole run; and an old one the start-up sweep must remove. */
const freshLink = join(uploadsDir, `u-${'5e'.repeat(12)}`);
const staleLink = join(uploadsDir, `u-${'0d'.repeat(12)}`);

/** What the sentinel files hold: if any reply or dataset ever shows these, the engine read outside its folder. */
const MARK = `SENTINEL-${randomBytes(6).toString('hex')}`;
const VICTIM_PRICE = '13371337';
const VICTIM_TIME = 1_000_000_000_000; // 2001-09-09, a time no other dataset here has
const victimCandles = `timestamp,open,high,low,close,volume\n${[0, 1, 2].map((i) => `${VICTIM_TIME + i * 86_400_000},${VICTIM_PRICE},${VICTIM_PRICE}.5,${VICTIM_PRICE},${VICTIM_PRICE}.25,7`).join('\n')}\n`;
const VICTIM_FILES: Record<string, string> = { [victimCsv]: victimCandles, [victimNamed]: victimCandles, [victimSecret]: `${MARK}\n` };

const TRAVERSAL = [
  '..', '../..', '../../victim/x.csv', '../victim/x.csv', 'uploads/../../victim/x.csv', './../../victim/secret.txt',
  '%2e%2e%2f%2e%2e%2fvictim%2fx.csv', '..%2f..%2fvictim%2fx.csv', '%252e%252e%252fvictim', '..\\..\\victim\\x.csv',
  '..\\\\..\\\\victim\\\\x.csv', victimCsv, victimNamed, victimSecret, victim, `file://${victimCsv}`, victimCsv.replaceAll('/', '\\'),
  `${uploadsDir}/../../victim/x.csv`, `${freshLink}/x.csv`, freshLink, 'f_../../../../victim/x', 'f_..%2f..%2fvictim',
  'binance:a/../../victim:1h', 'local:../../victim:1d', 'x.csv\u0000../../victim/x.csv', '/dev/zero', '/proc/self/environ',
  '~/.ssh/id_rsa', 'C:\\Windows\\win.ini', '\\\\server\\share\\x.csv',
];
const strings: FuzzStrings = { traversal: TRAVERSAL };

const creds = await fuzzCredentials(`fuzz-${process.pid}-${randomBytes(3).toString('hex')}-`);
/** Keychain writes: a refused credentials.set that overwrote an existing key would not show in credentials.list. */
let keyWrites = 0;
const countedKeys: CredentialStore = {
  ...creds.store,
  save: async (account, keys) => {
    await creds.store.save(account, keys);
    keyWrites++;
  },
  remove: async (account) => {
    const removed = await creds.store.remove(account);
    if (removed) keyWrites++;
    return removed;
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// The engine, its state, and what counts as a finding

/** Error lines only (they hold INTERNAL details under their ref), bounded: 10,000 refusals must not fill memory. */
const errorLines: string[] = [];
const logger = createLogger({ sink: { write: (line: string) => void (line.includes('"level":"error"') && errorLines.length < 2_000 && errorLines.push(line)) }, level: 'info' });
let engine: Engine;

function startEngine(): Engine {
  const started = Engine.start({
    dbPath: join(appDir, 'fuzz.db'), host: 'test', logger, heartbeatMs: 0, deskPollMs: 0, killSwitchPollMs: 0,
    exchangeUrl: 'http://127.0.0.1:9', credentials: countedKeys,
  });
  // An alert channel one message added and an alert another raised would have the delivery worker write its queue
  // in the background, seconds later, as if a refused message had: stopped, every write seen is a message's own.
  void started.alertDelivery.stop();
  return started;
}

interface State { parts: Record<string, string>; files: Map<string, string> }

const totalChanges = () => (engine.store.db.prepare('select total_changes() as n').get() as { n: number }).n;
const prototypes = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join()).join('|')
  + String((({}) as Record<string, unknown>).polluted);

const ask = async (channel: RequestChannel, payload: object = {}) => JSON.stringify(await engine.dispatcher.dispatch(channel, payload));

/** The OS keychain answers over D-Bus (~3 ms a listing): read it again after a write, and every 20th time regardless. */
const keyList = { writes: -1, reads: 0, every: creds.kind === 'OS keychain' ? 20 : 1, text: '' };
async function credentialList(): Promise<string> {
  if (keyList.writes !== keyWrites || ++keyList.reads % keyList.every === 0) {
    keyList.text = await ask('credentials.list');
    keyList.writes = keyWrites;
  }
  return keyList.text;
}

/** Everything a refused message must leave alone, read through the contract where the contract can read it. */
async function snapshot(): Promise<State> {
  const parts: Record<string, string> = {
    settings: await ask('settings.get'),
    risk: await ask('risk.state'),
    credentials: await credentialList(),
    keychainWrites: String(keyWrites),
    datasets: await ask('data.list'),
    // The newest 50 runs and 100 alerts (the defaults): a refused message adding one shows there, any other write in `database`.
    runs: await ask('runs.list'),
    alerts: await ask('alerts.list'),
    desk: await ask('desk.status'),
    database: String(totalChanges()),
    prototypes: prototypes(),
  };
  return { parts, files: listTree(root) };
}

type Diff = { parts: string[]; files: ReturnType<typeof diffTrees>; outside: string[] };
const touched = (d: Pick<Diff, 'files'>) => [...d.files.added, ...d.files.removed, ...d.files.changed];

/** The parts that differ, with the file entries that did (outside = not under the app's folder). */
function compare(a: State, b: State): Diff {
  const parts = Object.keys(a.parts).filter((k) => a.parts[k] !== b.parts[k]);
  const files = diffTrees(a.files, b.files);
  const paths = touched({ files });
  if (paths.length > 0) parts.push('files');
  return { parts, files, outside: paths.filter((p) => p !== 'app' && !p.startsWith('app/')) };
}

/** Handles this test uploaded, and the upload folder each landed in. */
const uploadFolders = new Map<string, string>();

/** Only the upload folders of handles the payload named were removed (and the uploads folder's own mtime moved). */
function onlyUploadsOf(payload: unknown, d: Diff): boolean {
  const files = (payload as { files?: unknown } | null)?.files;
  const folders = new Set((Array.isArray(files) ? files : []).map((h) => uploadFolders.get(h as string)).filter(Boolean));
  return d.files.added.length === 0 && d.files.changed.every((p) => p === 'app/uploads')
    && d.files.removed.every((p) => folders.has(p.split('/')[2]));
}

interface Allowance { channel: string; why: string; applies(d: Diff, payload: unknown): boolean }

/** Refusals that change state by design. */
const BY_DESIGN: Allowance[] = [{
  channel: 'data.import',
  why: 'an upload whose file no longer lies inside the uploads folder (a symlink out) is removed when an import names it (DataService.import); good handles of a refused import stay usable',
  applies: (d, payload) => d.parts.every((p) => p === 'files') && onlyUploadsOf(payload, d),
}];

/**
 * Refusals known to change state today: engine bugs, reported, tolerated here (and printed) so the fuzz keeps guarding
 * everything else. QUORUM_FUZZ_STRICT=1 fails on them; remove an entry once its bug is fixed.
 */
const KNOWN_BUGS: Allowance[] = [];
const STRICT = process.env.QUORUM_FUZZ_STRICT === '1';

interface Finding { kind: string; channel: string; payload: string; detail: string }
const findings: Finding[] = [];
const tolerated: Finding[] = [];
const byDesign = new Map<string, number>();
const internals = new Map<string, { count: number; payload: string; cause: string }>();
const slow: { channel: string; ms: number; payload: string; reply: string }[] = [];
const counts = { cases: 0, byPhase: new Map<string, number>(), ok: 0, refused: 0, accepted: new Map<string, number>() };
let baseline: State;

/** A channel for the report: its name, or a description of whatever else was sent as one (String() of a deep array overflows). */
const label = (channel: unknown) => (typeof channel !== 'string' ? describeValue(channel, 100) : channel.length <= 80 ? channel : `${channel.slice(0, 60)}…(${channel.length} chars)`);

function finding(kind: string, channel: unknown, payload: unknown, detail: string): void {
  findings.push({ kind, channel: label(channel), payload: describeValue(payload), detail });
}

/** Every string and key in a payload (bounded), to tell an engine path in a message from the client's own text echoed. */
function textOf(value: unknown): string {
  const out: string[] = [];
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0 && out.length < 10_000) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object' && depth < 64 && !ArrayBuffer.isView(v)) {
      const entries: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v].map((x) => ['', x]) : Object.entries(v);
      for (const [k, x] of entries.slice(0, 1_000)) stack.push([k, depth + 1], [x, depth + 1]);
    }
  }
  return out.join('\n');
}

const ENGINE_PATHS = ['/tmp/', tmpdir(), root, '/work/', process.cwd()];

/** Typed, bounded, serialisable, and no stack, engine path or sentinel content in it. */
function checkReply(channel: unknown, payload: unknown, reply: Reply): void {
  if (!ReplySchema.safeParse(reply).success) return finding('untyped reply', channel, payload, describeValue(reply, 400));
  let wire: string;
  try {
    wire = JSON.stringify(reply);
  } catch (err) {
    return finding('reply not serialisable', channel, payload, String(err));
  }
  if (wire.includes(MARK) || wire.includes(VICTIM_PRICE)) finding('sentinel content in reply', channel, payload, wire.slice(0, 400));
  if (reply.ok) return;
  const { code, message } = reply.error;
  if (message.length >= 3_000 || wire.length >= 4_000) finding('unbounded error', channel, payload, `${code}: ${message.length} chars`);
  for (const marker of ['    at ', ...ENGINE_PATHS]) {
    // INTERNAL must never carry them; other errors may only echo what the client itself sent.
    if (message.includes(marker) && (code === 'INTERNAL' || !`${textOf(channel)}\n${textOf(payload)}`.includes(marker))) {
      finding('leak in error', channel, payload, `${code}: ${message.slice(0, 300)}`);
    }
  }
  if (code === 'INVALID_REPLY') finding('reply broke its own contract', channel, payload, message);
  if (code === 'INTERNAL') {
    noteInternal(label(channel), payload, message);
    finding('INTERNAL reply (an engine bug: expected input deserves a typed error)', channel, payload, message);
  }
}

/** INTERNAL replies are typed and sanitised, but each is an engine bug: grouped by channel and cause for the report. */
function noteInternal(channel: string, payload: unknown, message: string): void {
  const ref = /ref ([0-9a-f]{8})/.exec(message)?.[1];
  const line = ref ? errorLines.find((l) => l.includes(ref)) : undefined;
  const cause = line ? (/"err":\{"type":"([^"]+)","message":"([^"]{0,160})/.exec(line)?.slice(1).join(': ') ?? 'see log') : 'no log line';
  const key = `${channel} — ${cause.replace(/[0-9a-f]{8,}/g, '…')}`;
  const seen = internals.get(key);
  if (seen) seen.count++;
  else internals.set(key, { count: 1, payload: describeValue(payload), cause });
}

/**
 * The example's placeholder handle becomes a real, fresh one (a handle is spent by one import). If the engine refuses
 * the upload (UPLOAD_BUSY after 32 abandoned uploads), the placeholder stays and the import is refused as unknown.
 */
async function withFreshUploads(payload: unknown): Promise<unknown> {
  const files = (payload as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || !files.includes(FRESH_UPLOAD)) return payload;
  const csv = candleCsv(24, Date.UTC(2024, 2, 1), HOUR, 3_000);
  const fresh = await Promise.all(files.map((f) => (f === FRESH_UPLOAD ? upload('ETH_USDT-1h.csv', csv).catch(() => f) : f)));
  baseline = await snapshot();
  return { ...(payload as object), files: fresh };
}

/** Uploads text in one chunk; returns the handle (and remembers the folder it landed in). */
async function upload(name: string, text: string): Promise<string> {
  const before = new Set(readdirSync(uploadsDir));
  const reply = await engine.dispatcher.dispatch('data.upload', { uploadId: `fz${randomBytes(6).toString('hex')}`, name, seq: 0, data: Buffer.from(text).toString('base64'), last: true });
  if (!reply.ok) throw new Error(`upload of ${name} refused: ${reply.error.message}`);
  const handle = (reply.value as { file: string }).file;
  const folder = readdirSync(uploadsDir).find((f) => !before.has(f));
  if (folder) uploadFolders.set(handle, folder);
  return handle;
}

/** One message through the dispatcher, with every check; refusals must not change state, nothing may change outside. */
async function send(phase: string, channel: unknown, rawPayload: unknown): Promise<Reply> {
  const payload = await withFreshUploads(rawPayload);
  const started = performance.now();
  let reply: Reply;
  try {
    reply = await engine.dispatcher.dispatch(channel, payload);
  } catch (err) {
    finding('dispatch threw', channel, payload, String(err));
    reply = { ok: false, error: { code: 'THREW', message: String(err) } };
  }
  const ms = performance.now() - started;
  const name = label(channel);
  counts.cases++;
  counts.byPhase.set(phase, (counts.byPhase.get(phase) ?? 0) + 1);
  checkReply(channel, payload, reply);
  if (reply.ok) {
    counts.ok++;
    counts.accepted.set(name, (counts.accepted.get(name) ?? 0) + 1);
    // A backtest goes on in the background: let it finish, or its run would land during a later message.
    if (channel === 'backtest.start') await engine.backtests.wait((reply.value as { jobId: string }).jobId);
    // So does a sweep or walk-forward (one at a time: the next start would be refused while this one runs).
    if (channel === 'sweep.start' || channel === 'walkforward.start') await engine.sweeps.wait((reply.value as { jobId: string }).jobId).catch(() => {});
    // And a model job, whose files would otherwise land while a later (refused) message is checked.
    if (channel === 'models.train' || channel === 'models.evaluate') await engine.modelJobs.wait((reply.value as { jobId: string }).jobId).catch(() => {});
  } else counts.refused++;
  if (ms > 1_000) slow.push({ channel: name, ms: Math.round(ms), payload: describeValue(payload), reply: describeValue(reply, 200) });
  const after = await snapshot();
  const diff = compare(baseline, after);
  if (diff.outside.length > 0) finding('file changed outside the app folder', channel, payload, diff.outside.join(', '));
  if (!reply.ok && diff.parts.length > 0) refusedChangedState(channel, payload, reply.error.code, diff);
  baseline = after;
  return reply;
}

function refusedChangedState(channel: unknown, payload: unknown, code: string, diff: Diff): void {
  const allowed = (list: Allowance[]) => list.find((a) => a.channel === channel && a.applies(diff, payload));
  const design = allowed(BY_DESIGN);
  if (design) return void byDesign.set(design.why, (byDesign.get(design.why) ?? 0) + 1);
  const files = diff.parts.includes('files') ? ` (added ${diff.files.added.join(', ')}; removed ${diff.files.removed.join(', ')}; changed ${diff.files.changed.join(', ')})` : '';
  const detail = `${code}: ${diff.parts.join(', ')}${files}`;
  const known = allowed(KNOWN_BUGS);
  if (known && !STRICT) tolerated.push({ kind: `known bug: ${known.why}`, channel: label(channel), payload: describeValue(payload), detail });
  else finding('state changed by a refused message', channel, payload, detail);
}

/** After the test itself touched the disk (a planted link, a swapped file), the new state is the baseline. */
async function rebaseline(): Promise<void> {
  baseline = await snapshot();
}

/**
 * Housekeeping between channels, so that listing the app folder after every message stays cheap (an lstat costs ~20 µs
 * here): uploads (finished or abandoned mid-way, as the engine's own start-up sweep would remove them) and backups go.
 * The planted link stays.
 */
async function tidyAppFolder(): Promise<void> {
  for (const name of readdirSync(uploadsDir)) {
    if (join(uploadsDir, name) !== freshLink) rmSync(join(uploadsDir, name), { recursive: true, force: true });
  }
  rmSync(join(appDir, 'exports'), { recursive: true, force: true });
  await rebaseline();
}

function victimIntact(): boolean {
  const listed = readdirSync(victim).sort().join();
  return listed === Object.keys(VICTIM_FILES).map((p) => p.slice(victim.length + 1)).sort().join()
    && Object.entries(VICTIM_FILES).every(([path, text]) => readFileSync(path, 'utf8') === text);
}

function report(label: string, list: Finding[]): string {
  const grouped = new Map<string, { count: number; first: Finding }>();
  for (const f of list) {
    const key = `${f.kind} | ${f.channel} | ${f.detail.replace(/ref [0-9a-f]{8}|\d+/g, 'N').slice(0, 160)}`;
    const g = grouped.get(key);
    if (g) g.count++;
    else grouped.set(key, { count: 1, first: f });
  }
  return [`${label}: ${list.length}`, ...[...grouped.values()].map(({ count, first }) =>
    `  ${count}× ${first.kind} on ${first.channel}: ${first.detail}\n     e.g. payload ${first.payload}`)].join('\n');
}

/** The findings a phase added, as one readable assertion. */
function expectNoNewFindings(from: number): void {
  const added = findings.slice(from);
  expect(added.length, report('findings', added)).toBe(0);
}

// ---------------------------------------------------------------------------------------------------------------------

const wallStart = performance.now();

describe(`contract fuzz (seed ${SEED}, ${creds.kind})`, () => {
  beforeAll(async () => {
    mkdirSync(victim, { recursive: true });
    for (const [path, text] of Object.entries(VICTIM_FILES)) writeFileSync(path, text);
    mkdirSync(uploadsDir, { recursive: true });
    symlinkSync(victim, freshLink);
    symlinkSync(victim, staleLink);
    const old = new Date(Date.now() - 3 * 86_400_000);
    lutimesSync(staleLink, old, old);
    engine = startEngine();
    await engine.ready;
    // The dataset and run the examples name (binance:BTC/USDT:1h, run 1).
    const { exchange, symbol, timeframe, start, bars } = SEEDED_DATASET;
    const file = await upload('BTC_USDT-1h.csv', candleCsv(bars, start, HOUR, 40_000));
    const imported = await engine.dispatcher.dispatch('data.import', { jobId: 'seed', files: [file], exchange, symbol, timeframe });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    const monthly = await upload('DL_USDT-1M.csv', downloadDatasetCsv());
    const stored = await engine.dispatcher.dispatch('data.import', { jobId: 'seed-dl', files: [monthly], ...DOWNLOAD_DATASET });
    expect(stored.ok, JSON.stringify(stored)).toBe(true);
    const run = await engine.dispatcher.dispatch('backtest.start', VALID_EXAMPLES['backtest.start']);
    expect(run.ok, JSON.stringify(run)).toBe(true);
    await engine.backtests.wait((run as { value: { jobId: string } }).value.jobId);
    baseline = await snapshot();
  });

  afterAll(async () => {
    engine?.close();
    await creds.cleanup(); // again, in case a test stopped early
    const seconds = ((performance.now() - wallStart) / 1000).toFixed(1);
    const phases = [...counts.byPhase].map(([p, n]) => `${p} ${n}`).join(', ');
    console.log([
      `contract fuzz: seed ${SEED}, ${creds.kind}: ${counts.cases} cases (${phases}) in ${seconds} s; ${counts.ok} accepted, ${counts.refused} refused`,
      `accepted per channel: ${REQUEST_CHANNELS.map((c) => `${c} ${counts.accepted.get(c) ?? 0}`).join(', ')}`,
      report('findings', findings),
      report(`refusals that changed state as known bugs${STRICT ? '' : ' (tolerated; QUORUM_FUZZ_STRICT=1 fails on them)'}`, tolerated),
      `refusals that changed state by design: ${[...byDesign].map(([why, n]) => `\n  ${n}× ${why}`).join('') || 'none'}`,
      `INTERNAL replies (typed and sanitised, but engine bugs): ${[...internals].map(([k, v]) => `\n  ${v.count}× ${k}\n     e.g. payload ${v.payload}`).join('') || 'none'}`,
      `slow messages (> 1 s): ${slow.map((s) => `\n  ${s.ms} ms ${s.channel} ${s.payload} → ${s.reply}`).join('') || 'none'}`,
    ].join('\n'));
  });

  it('has a valid example for every channel, accepted by its schema', () => {
    expect(Object.keys(VALID_EXAMPLES).sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) {
      const parsed = requests[channel].request.safeParse(VALID_EXAMPLES[channel]);
      expect(parsed.success, `${channel}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('swept the stale link out of the uploads folder at start, leaving its target alone', () => {
    expect(readdirSync(uploadsDir)).not.toContain(staleLink.slice(uploadsDir.length + 1));
    expect(readdirSync(uploadsDir)).toContain(freshLink.slice(uploadsDir.length + 1));
    expect(victimIntact()).toBe(true);
  });

  it(`answers ${RANDOM_RUNS} random and adversarial payloads on every channel`, async () => {
    const from = findings.length;
    for (const [i, channel] of REQUEST_CHANNELS.entries()) {
      const payloads = randomPayload(VALID_EXAMPLES[channel], strings);
      await fc.assert(fc.asyncProperty(payloads, async (payload) => void (await send('random', channel, payload))), { seed: SEED + i, numRuns: RANDOM_RUNS });
      await tidyAppFolder();
    }
    expectNoNewFindings(from);
  }, 180_000);

  it(`answers ${MUTATION_RUNS} mutations of a valid example on every channel`, async () => {
    const from = findings.length;
    for (const [i, channel] of REQUEST_CHANNELS.entries()) {
      const mutated = mutatedPayload(VALID_EXAMPLES[channel], strings);
      await fc.assert(fc.asyncProperty(mutated, async (payload) => void (await send('mutated', channel, payload))), { seed: (SEED ^ 0x5bd1e995) + i, numRuns: MUTATION_RUNS });
      await tidyAppFolder();
    }
    expectNoNewFindings(from);
  }, 180_000);

  it(`answers ${INTERLEAVED_RUNS} valid or mutated examples across channels in random order`, async () => {
    // Channel by channel, state one channel builds is rarely met by another (keys stored before live.arm, a kill switch
    // latched before desk.start); in random order it is. A third of the messages are the valid example itself.
    const from = findings.length;
    const examples = new Map(REQUEST_CHANNELS.map((c) => [c, fc.oneof(
      { weight: 1, arbitrary: fc.constant(VALID_EXAMPLES[c]).map((p) => structuredClone(p) as unknown) },
      { weight: 2, arbitrary: mutatedPayload(VALID_EXAMPLES[c], strings) },
    )]));
    const messages = fc.constantFrom(...REQUEST_CHANNELS).chain((channel) => (examples.get(channel) as fc.Arbitrary<unknown>).map((payload) => ({ channel, payload })));
    await fc.assert(fc.asyncProperty(messages, async ({ channel, payload }) => void (await send('interleaved', channel, payload))), { seed: SEED ^ 0x1b873593, numRuns: INTERLEAVED_RUNS });
    await tidyAppFolder();
    expectNoNewFindings(from);
  }, 120_000);

  it(`answers ${UNKNOWN_RUNS} unknown channels (near misses, prototype names, 1 MB names, non-strings) with UNKNOWN_CHANNEL`, async () => {
    const from = findings.length;
    const messages = fc.record({ channel: unknownChannel(strings), payload: fc.oneof(fc.constant({}), adversarialValue(strings)) });
    await fc.assert(fc.asyncProperty(messages, async ({ channel, payload }) => {
      const reply = await send('unknown channel', channel, payload);
      if (reply.ok || reply.error.code === 'UNKNOWN_CHANNEL') return;
      const detail = describeValue(reply, 300);
      // Known bug: the dispatcher names an unknown channel with JSON.stringify, which throws on a BigInt, a cycle or deep nesting.
      if (typeof channel !== 'string' && reply.error.code === 'INTERNAL' && !STRICT) {
        tolerated.push({ kind: 'known bug: a non-string channel JSON.stringify cannot serialise is answered INTERNAL, not UNKNOWN_CHANNEL', channel: label(channel), payload: describeValue(payload), detail });
      } else finding('unknown channel not refused as such', channel, payload, detail);
    }), { seed: SEED ^ 0x2545f491, numRuns: UNKNOWN_RUNS });
    expectNoNewFindings(from);
  }, 120_000);

  it('restarts on the fuzzed database (uploads in flight forgotten), and answers', async () => {
    engine.close();
    engine = startEngine();
    await engine.ready;
    await rebaseline();
    expect(await engine.dispatcher.dispatch('engine.status', {})).toMatchObject({ ok: true, value: { host: 'test' } });
  });

  describe('path traversal on every file-taking channel', () => {
    const refused = async (channel: RequestChannel, payload: unknown) => {
      const reply = await send('traversal', channel, payload);
      if (reply.ok) finding('traversal accepted', channel, payload, describeValue(reply, 300));
      return reply;
    };

    it('refuses paths, encoded paths, backslashes and the old `paths` key in data.import, backtest.start, db.backup, files.open', async () => {
      const from = findings.length;
      for (const t of TRAVERSAL) {
        await refused('data.import', { jobId: 'trav', files: [t] });
        await refused('data.import', { jobId: 'trav', paths: [t] });
        await refused('data.import', { jobId: 'trav', files: [FRESH_UPLOAD], paths: [t] });
        await refused('backtest.start', { data: t, strategy: 'sma-cross' });
        await refused('db.backup', { path: t });
        await refused('files.open', { purpose: 'candles', defaultPath: t });
        await refused('files.open', { purpose: t });
      }
      expect(victimIntact()).toBe(true);
      expectNoNewFindings(from);
    }, 60_000);

    it('keeps a traversal in an upload name or id inside the uploads folder, and backs up only into exports/', async () => {
      const from = findings.length;
      for (const [i, t] of TRAVERSAL.entries()) {
        const data = Buffer.from(candleCsv(2, Date.UTC(2024, 7, 1), HOUR)).toString('base64');
        const named = await send('traversal', 'data.upload', { uploadId: `trav-name-${i}`, name: t, seq: 0, data, last: true });
        // A refusal is fine (NUL in a name); an accepted upload must have landed inside uploads/ (checked by send).
        if (named.ok) expect((named.value as { file?: string }).file).toMatch(/^f_/);
        await refused('data.upload', { uploadId: t, name: 'x.csv', seq: 0, data, last: true });
      }
      const backup = await send('traversal', 'db.backup', {});
      expect(backup).toMatchObject({ ok: true, value: { saved: true } });
      expect((backup as { value: { path: string } }).value.path.startsWith(join(appDir, 'exports'))).toBe(true);
      expect(victimIntact()).toBe(true);
      expectNoNewFindings(from);
    }, 60_000);

    /** Uploads a CSV and returns its handle and where the engine put it. */
    async function uploaded(name: string): Promise<{ handle: string; folder: string; file: string }> {
      const handle = await upload(name, candleCsv(30, Date.UTC(2024, 8, 1), HOUR));
      const folder = join(uploadsDir, uploadFolders.get(handle) as string);
      return { handle, folder, file: join(folder, readdirSync(folder)[0]) };
    }

    it('refuses an upload whose file was swapped for a symlink to the sentinel CSV, in data.import and backtest.start', async () => {
      const from = findings.length;
      for (const channel of ['backtest.start', 'data.import'] as const) {
        const { handle, file } = await uploaded('SWAP_USDT-1h.csv');
        unlinkSync(file);
        symlinkSync(victimCsv, file);
        await rebaseline();
        const payload = channel === 'data.import' ? { jobId: 'swap', files: [handle], exchange: 'binance', symbol: 'SWAP/USDT', timeframe: '1d' } : { data: handle, strategy: 'sma-cross' };
        const reply = await refused(channel, payload);
        expect(reply).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE' } });
      }
      expect(victimIntact()).toBe(true);
      expectNoNewFindings(from);
    });

    it('refuses an upload whose folder was swapped for a symlink to the sentinel folder', async () => {
      const from = findings.length;
      const { handle, folder } = await uploaded('x.csv'); // victim/x.csv has the same name
      rmSync(folder, { recursive: true });
      symlinkSync(victim, folder);
      await rebaseline();
      await refused('backtest.start', { data: handle, strategy: 'sma-cross' });
      await refused('data.import', { jobId: 'swapdir', files: [handle], exchange: 'binance', symbol: 'DIR/USDT', timeframe: '1d' });
      expect(victimIntact()).toBe(true);
      expectNoNewFindings(from);
    });

    it('never read, wrote or removed anything in the sentinel folder or beside it', async () => {
      expect(victimIntact()).toBe(true);
      expect(readdirSync(root).sort()).toEqual(['app', 'victim']);
      const datasets = await engine.dispatcher.dispatch('data.list', {});
      const listed = JSON.stringify(datasets);
      expect(listed).not.toContain(VICTIM_PRICE);
      expect((datasets as { value: { firstTime: number }[] }).value.some((d) => d.firstTime === VICTIM_TIME)).toBe(false);
    });
  });

  it(`ran at least ${MIN_CASES} cases, and the engine still answers`, async () => {
    expect(await engine.dispatcher.dispatch('engine.status', {})).toMatchObject({ ok: true, value: { host: 'test' } });
    expect(counts.cases).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it(`removes the keys it stored in the ${creds.kind}`, async () => {
    expect(await creds.cleanup()).toBe(0);
  });
});
