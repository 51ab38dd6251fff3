// One measured phase of bench/scale.ts, in its own process so its peak RSS is its own. Prints one JSON line.
// Usage: node <bundle of this file> import|backtest|store|decisions DB [FILE|RUN]  (bench/scale.ts bundles it, so the
// figures are those of bundled code, as the app runs, not of sources transpiled by tsx on the fly).
import { statSync } from 'node:fs';
import { RunDecisions } from '../electron/engine/backtest/run-decisions';
import { loadDataset } from '../electron/engine/backtest/load-data';
import { runBacktest } from '../electron/engine/backtest';
import { runStored } from '../electron/engine/backtest/stored-run';
import { CandleStore } from '../electron/engine/data/candle-store';
import { importCandleFile } from '../electron/engine/data/import-files';
import { openStore } from '../electron/engine/store/database';
import { readDecisionBlocks } from '../electron/engine/store/decision-blocks';

const DATASET = 'binance:BTC/USDT:1m';
const DAY = 86_400_000;

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
    const r = phase === 'store' ? await runStored(db, options) : { result: await runBacktest(options), runId: undefined };
    out.bars = r.result.decisions;
    out.orders = r.result.orders;
    out.runId = r.runId;
  } else if (phase === 'decisions') {
    const runs = new RunDecisions(db);
    const runId = Number(file);
    const source = runs.run(runId)?.source;
    if (!source) throw new Error(`run ${runId} has no source`);
    const mid = source.first + Math.floor((source.last - source.first) / DAY / 2) * DAY;
    const first = runs.decisions(runId, { from: mid, to: mid + DAY, limit: 100_000 });
    out.dayFirstMs = performance.now() - t0;
    out.dayBars = first.length;
    out.dayReasons = first.every((d) => d.votes.every((v) => v.reasons.length > 0));
    let t = performance.now();
    runs.decisions(runId, { from: mid + DAY, to: mid + 2 * DAY, limit: 100_000 });
    out.dayNextMs = performance.now() - t;
    t = performance.now();
    const all = readDecisionBlocks(db, runId, -8.64e15, 8.64e15);
    out.wholeColumnsMs = performance.now() - t;
    out.wholeBars = all.reduce((n, b) => n + b.columns.length, 0);
    runs.close();
}
out.ms = performance.now() - t0;
out.dbGrowth = dbBytes() - before;
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
db.close();
console.log(JSON.stringify(out));
}

void main();
