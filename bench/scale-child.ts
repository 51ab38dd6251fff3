// One measured phase of bench/scale.ts, in its own process so its peak RSS is its own. Prints one JSON line.
// Usage: node <bundle of this file> import|backtest|store|decisions|chart|sweep DB [FILE|RUN|WORKERS WORKER-SCRIPT]
// (bench/scale.ts bundles it, so the
// figures are those of bundled code, as the app runs, not of sources transpiled by tsx on the fly).
import { statSync } from 'node:fs';
import { RunDecisions } from '../electron/engine/backtest/run-decisions';
import { loadDataset } from '../electron/engine/backtest/load-data';
import { runNotStored, runStored } from '../electron/engine/backtest/stored-run';
import { CandleStore } from '../electron/engine/data/candle-store';
import { importCandleFile } from '../electron/engine/data/import-files';
import { openStore } from '../electron/engine/store/database';
import { Worker } from 'node:worker_threads';
import { decisionStrip } from '../electron/engine/backtest/decision-strip';
import { parseMetric } from '../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../electron/engine/backtest/param-grid';
import { sweepWith } from '../electron/engine/backtest/sweep';
import { SweepPool } from '../electron/engine/backtest/sweep-pool';
import { candlesForChart } from '../electron/engine/data/chart-candles';

const DATASET = 'binance:BTC/USDT:1m';
const DAY = 86_400_000;
/** bench:backtest's sweep: 16 sma-cross combinations. */
const GRID = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=30..60:10')]);
const SWEEP_BASE = { symbol: 'BTC/USDT', strategy: 'sma-cross', commission: 0.001, periodsPerYear: 525_600 };

async function main(): Promise<void> {
  const [phase, dbPath, file] = process.argv.slice(2);
  const { db } = openStore(dbPath);
  const dbBytes = () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return statSync(dbPath).size;
  };
  const before = dbBytes();
  const t0 = performance.now();
  const out: Record<string, unknown> = { phase };

  if (phase === 'import') {
    const r = await importCandleFile(new CandleStore(db), file, { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' });
    out.rows = r.report.rowsRead;
  } else if (phase === 'backtest' || phase === 'store') {
    const data = loadDataset(DATASET, () => db);
    out.loadMs = performance.now() - t0;
    const options = { series: data.series, symbol: data.symbol, timeframe: data.timeframe, market: data.market, strategy: 'panel', sizing: 'all-in',
      data: { kind: 'dataset' as const, name: data.name } };
    const r = phase === 'store' ? await runStored(db, options) : { result: await runNotStored(options), runId: undefined };
    out.bars = r.result.decisions;
    out.orders = r.result.orders;
    out.runId = r.runId;
  } else if (phase === 'decisions') {
    const runs = new RunDecisions(db);
    const runId = Number(file);
    const source = runs.run(runId)?.source;
    if (!source) throw new Error(`run ${runId} has no source`);
    const mid = source.first + Math.floor((source.last - source.first) / DAY / 2) * DAY;
    const first = await runs.decisions(runId, { from: mid, to: mid + DAY, limit: 100_000 });
    out.dayFirstMs = performance.now() - t0;
    out.dayBars = first.length;
    out.dayReasons = first.every((d) => d.votes.every((v) => v.reasons.length > 0));
    let t = performance.now();
    await runs.decisions(runId, { from: mid + DAY, to: mid + 2 * DAY, limit: 100_000 });
    out.dayNextMs = performance.now() - t;
    t = performance.now();
    // What the chart's vote strip asks for (decisions.columns): every bar's action, score and veto.
    const all = decisionStrip(db, runId, { maxBars: Number.MAX_SAFE_INTEGER });
    out.wholeColumnsMs = performance.now() - t;
    out.wholeBars = all.time.length;
    runs.close();
  } else if (phase === 'chart') {
    // What the Chart page asks for (candles.get): the whole dataset at the resolution that fits, then a day at 1m.
    const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    const whole = candlesForChart(new CandleStore(db), { ...key, maxBars: 10_000 });
    out.wholeMs = performance.now() - t0;
    out.wholeBars = whole.time.length;
    out.resolution = whole.resolution;
    const t = performance.now();
    const from = whole.time[Math.floor(whole.time.length / 2)];
    const day = candlesForChart(new CandleStore(db), { ...key, from, to: from + DAY, maxBars: 10_000 });
    out.dayMs = performance.now() - t;
    out.dayResolution = day.resolution;
  } else if (phase === 'sweep') {
    const data = loadDataset(DATASET, () => db);
    const metric = parseMetric('sharpe');
    const t = performance.now();
    // The worker script the parent bundled (this bundle has no module URL to find the sweep worker by).
    const pool = new SweepPool(Number(file), async (warmUp) => new Worker(process.argv[5], { workerData: { warmUp } }));
    // A one-off sweep: threads started for waiting jobs, which warm them up (see SweepPool.warm).
    await pool.warm(false);
    out.startMs = performance.now() - t;
    const runner = pool.bind(data.series, SWEEP_BASE);
    await sweepWith(runner, { grid: GRID, metric });
    out.coldMs = performance.now() - t;
    const t2 = performance.now();
    await sweepWith(runner, { grid: GRID, metric });
    out.warmMs = performance.now() - t2;
    await pool.close();
}
out.ms = performance.now() - t0;
out.dbGrowth = dbBytes() - before;
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
db.close();
console.log(JSON.stringify(out));
}

void main();
