// Backtest throughput: sma-cross over 175,680 FIL/USDT 1m candles (Aug–Nov 2023), single thread, the full engine path.
// Run: npx tsx bench/backtest.ts  (prints figures only; goal ≥ 1,000,000 candles/s)
import { readFileSync } from 'node:fs';
import { runBacktest } from '../electron/engine/backtest';
import { allocateSeries, type CandleSeries } from '../electron/engine/model/candle-series';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../test/shared-data';

const MONTHS = ['08', '09', '10', '11'];

/** open_time,open,high,low,close,volume,… — a plain split parser; the importers are measured elsewhere. */
function loadFil(): CandleSeries {
  const rows = MONTHS.flatMap((m) =>
    readFileSync(sharedPath('data', 'isda-binance-1m', `FILUSDT-1m-2023-${m}.csv`), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('open_time')),
  );
  const s = allocateSeries(rows.length);
  rows.forEach((row, i) => {
    const c = row.split(',');
    s.time[i] = Number(c[0]);
    s.open[i] = Number(c[1]);
    s.high[i] = Number(c[2]);
    s.low[i] = Number(c[3]);
    s.close[i] = Number(c[4]);
    s.volume[i] = Number(c[5]);
  });
  return s;
}

async function timeRuns(label: string, run: () => Promise<unknown>, n: number, runs = 7): Promise<void> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const best = times[0];
  const median = times[Math.floor(runs / 2)];
  const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} best ${best.toFixed(1).padStart(6)} ms (${rate(best)} candles/s)   median ${median.toFixed(1)} ms (${rate(median)} candles/s)`);
}

async function main(): Promise<void> {
  if (!hasSharedData) {
    console.log(SHARED_SKIP_REASON);
    return;
  }
  const series = loadFil();
  console.log(`FIL/USDT 1m: ${series.length.toLocaleString('en-US')} candles, node ${process.version}`);
  const base = { series, symbol: 'FIL/USDT', cash: 10_000, commission: 0.001, periodsPerYear: 525_600 };
  const first = await runBacktest({ ...base, strategy: 'sma-cross', params: { fast: 10, slow: 20 } });
  console.log(`sma-cross(10,20): ${first.trades.length} trades, ${first.fills} fills, final equity ${first.stats.finalEquity.toFixed(2)}`);
  await timeRuns('sma-cross(10,20) next-open, all-in-units', () => runBacktest({ ...base, strategy: 'sma-cross' }), series.length);
  await timeRuns('sma-cross(10,20) long+short, 2bps slippage', () =>
    runBacktest({ ...base, strategy: 'sma-cross', allowShort: true, slippage: '2bps' }), series.length);
  await timeRuns('sma-cross(50,200) close fills', () =>
    runBacktest({ ...base, strategy: 'sma-cross', params: { fast: 50, slow: 200 }, fill: 'close' }), series.length);
  await timeRuns('rsi-revert(14,30,70)', () => runBacktest({ ...base, strategy: 'rsi-revert' }), series.length);
  await timeRuns('ema-cross(12,26)', () => runBacktest({ ...base, strategy: 'ema-cross' }), series.length);
}

await main();
