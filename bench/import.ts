// Benchmarks the candle store ("Market data" item 8): file import and series load vs one SQLite row per candle.
// Run: npx tsx bench/import.ts  (prints figures only; uses the real FILUSDT files under /work/shared when present)
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleStore, type SeriesKey } from '../electron/engine/data/candle-store';
import { readCandleFile } from '../electron/engine/data/importers';
import { allocateSeries, sliceSeries, type CandleSeries } from '../electron/engine/model/candle-series';
import { openStore } from '../electron/engine/store/database';

const FILES = ['08', '09', '10', '11'].map((m) => `/work/shared/data/isda-binance-1m/FILUSDT-1m-2023-${m}.csv`);
const KEY: SeriesKey = { exchange: 'binance', symbol: 'FILUSDT', timeframe: '1m' };
const LOAD_ROWS = 1_000_000;
const BATCH = 65_536;
const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-'));
let dbCounter = 0;

function freshPath(): string {
  return join(dir, `b${dbCounter++}.db`);
}

/** Best wall time of a few runs, in ms, so JIT warm-up and GC pauses don't decide the figure. */
async function best(runs: number, fn: () => Promise<void> | void): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const fmt = (rowsPerS: number) => `${(rowsPerS / 1e6).toFixed(2).padStart(7)} M rows/s`;

/** Import as the app will: importer batches straight into one atomic importSeries per file. */
async function importFiles(store: CandleStore): Promise<number> {
  let rows = 0;
  for (const file of FILES) {
    const reader = await readCandleFile(file, { onError: 'reject' });
    const res = await store.importSeries(KEY, reader.batches(), { shouldCommit: () => !reader.report().stoppedEarly });
    rows += res.inserted;
  }
  return rows;
}

async function parseAll(): Promise<CandleSeries> {
  const parts: CandleSeries[] = [];
  for (const file of FILES) {
    const reader = await readCandleFile(file, { onError: 'reject' });
    for await (const b of reader.batches()) parts.push(b);
  }
  const out = allocateSeries(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    for (const c of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) out[c].set(p[c], at);
    at += p.length;
  }
  return out;
}

/** The real rows repeated with later times and slightly shifted prices, so every bar is distinct. */
function synthesize(real: CandleSeries, n: number): CandleSeries {
  const s = allocateSeries(n);
  const t0 = real.time[0];
  for (let i = 0; i < n; i++) {
    const j = i % real.length;
    const k = 1 + Math.floor(i / real.length) * 1e-3;
    s.time[i] = t0 + i * 60_000;
    s.open[i] = real.open[j] * k;
    s.high[i] = real.high[j] * k;
    s.low[i] = real.low[j] * k;
    s.close[i] = real.close[j] * k;
    s.volume[i] = real.volume[j];
  }
  return s;
}

function batchesOf(s: CandleSeries): CandleSeries[] {
  const out: CandleSeries[] = [];
  for (let i = 0; i < s.length; i += BATCH) out.push(sliceSeries(s, i, Math.min(s.length, i + BATCH)));
  return out;
}

function openRowTable(path: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  // Same pragmas as openStore, so the comparison is storage layout only.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE candles (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, time INTEGER NOT NULL,
    o REAL, h REAL, l REAL, c REAL, v REAL, PRIMARY KEY (symbol, timeframe, time)) WITHOUT ROWID`);
  return db;
}

function insertRows(db: BetterSqlite3.Database, s: CandleSeries): void {
  const insert = db.prepare('INSERT INTO candles VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < s.length; i++) {
      insert.run(KEY.symbol, KEY.timeframe, s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
    }
  })();
}

function selectRows(db: BetterSqlite3.Database): unknown[][] {
  return db.prepare('SELECT time, o, h, l, c, v FROM candles WHERE symbol = ? AND timeframe = ? ORDER BY time')
    .raw().all(KEY.symbol, KEY.timeframe) as unknown[][];
}

/** What a caller of the row table must do on top of the select to get the columnar form the engine uses. */
function rowsToSeries(rows: unknown[][]): CandleSeries {
  const s = allocateSeries(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number[];
    s.time[i] = r[0]; s.open[i] = r[1]; s.high[i] = r[2]; s.low[i] = r[3]; s.close[i] = r[4]; s.volume[i] = r[5];
  }
  return s;
}

async function benchImport(real: CandleSeries): Promise<void> {
  const n = real.length;
  console.log(`\nImport: ${FILES.length} FILUSDT 1m files, ${n.toLocaleString('en-US')} rows, parsed by readCandleFile, fresh temp DB file each run`);
  const parseMs = await best(3, async () => void (await parseAll()));
  const importMs = await best(3, async () => {
    const { db } = openStore(freshPath());
    await importFiles(new CandleStore(db));
    db.close();
  });
  const storeMs = await best(3, async () => {
    const { db } = openStore(freshPath());
    await new CandleStore(db).importSeries(KEY, batchesOf(real));
    db.close();
  });
  const rowMs = await best(3, () => {
    const db = openRowTable(freshPath());
    insertRows(db, real);
    db.close();
  });
  console.log(`  parse only (importers)                  ${fmt(rate(n, parseMs))}`);
  console.log(`  parse + store (importSeries per file)   ${fmt(rate(n, importMs))}`);
  console.log(`  store only, block store (pre-parsed)    ${fmt(rate(n, storeMs))}`);
  console.log(`  store only, one row per candle          ${fmt(rate(n, rowMs))}`);
  console.log(`  ratio block/row (store only)            ${(rowMs / storeMs).toFixed(1)}x`);
  console.log(`  ratio parse+block-store / row insert    ${(rowMs / importMs).toFixed(1)}x`);
}

async function benchLoad(real: CandleSeries): Promise<void> {
  const big = synthesize(real, LOAD_ROWS);
  console.log(`\nLoad: one series of ${LOAD_ROWS.toLocaleString('en-US')} synthesized 1m candles into typed arrays`);
  const { db } = openStore(freshPath());
  const store = new CandleStore(db);
  const writeMs = await best(1, () => void store.write(KEY, big));
  const loadMs = await best(5, () => void store.load(KEY));
  const rowDb = openRowTable(freshPath());
  const rowWriteMs = await best(1, () => insertRows(rowDb, big));
  const selectMs = await best(5, () => void selectRows(rowDb));
  const selectSeriesMs = await best(5, () => void rowsToSeries(selectRows(rowDb)));
  console.log(`  write 1M, block store                   ${fmt(rate(LOAD_ROWS, writeMs))}`);
  console.log(`  write 1M, one row per candle            ${fmt(rate(LOAD_ROWS, rowWriteMs))}`);
  console.log(`  load, block store → Float64Arrays       ${fmt(rate(LOAD_ROWS, loadMs))}`);
  console.log(`  select .raw().all(), row per candle     ${fmt(rate(LOAD_ROWS, selectMs))}`);
  console.log(`  select + copy into Float64Arrays        ${fmt(rate(LOAD_ROWS, selectSeriesMs))}`);
  console.log(`  ratio load/select (raw rows)            ${(selectMs / loadMs).toFixed(1)}x`);
  console.log(`  ratio load/select (as typed arrays)     ${(selectSeriesMs / loadMs).toFixed(1)}x`);
  db.close();
  rowDb.close();
}

try {
  console.log(`Node ${process.version}, one core, temp DBs in ${dir}`);
  const real = await parseAll();
  await benchImport(real);
  await benchLoad(real);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
