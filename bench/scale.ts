// Scale: one and five years of 1m candles (a seeded random walk in Binance's CSV layout) through import, the agent
// panel backtest with and without storing, and reading the stored run's decisions back. Each phase runs in its own
// process (bundled code under plain node), so peak RSS is that phase's. Run: npm run bench:scale  (figures only; BENCH_YEARS=1 for the short one)
// Then what the Chart page asks for (candles.get), and a 16-combination sma-cross sweep on 1 vs 2 worker threads.
// Goals (issue: scale): a stored one-year run ≤ 40 MB and ≤ 5 s, peak RSS ≤ 300 MB (one year) and ≤ 500 MB (five);
// sweeps ≥ 1.8× on two workers with a cold start, ≥ 1.9× warm.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerUrl } from '../electron/engine/backtest/pool-worker-url';
import { workerBundle } from '../electron/engine/backtest/ts-worker';
import { writeScaleCsv } from './scale-data';

const YEARS = (process.env.BENCH_YEARS ?? '1,5').split(',').map(Number);
const MINUTES_A_YEAR = 525_600;
const dir = mkdtempSync(join(tmpdir(), 'quorum-scale-'));

interface Phase {
  ms: number;
  peakRssMB: number;
  dbGrowth: number;
  [k: string]: unknown;
}

// The phases run as one bundled script under plain node (as the app's bundle runs), not through tsx's hooks.
const childScript = join(dir, 'scale-child.cjs');
writeFileSync(childScript, await workerBundle(new URL('./scale-child.ts', import.meta.url)));
const sweepWorker = join(dir, 'sweep-worker.cjs');
writeFileSync(sweepWorker, await workerBundle(workerUrl()));

function child(phase: string, db: string, ...args: string[]): Phase {
  const out = execFileSync(process.execPath, [childScript, phase, db, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Phase;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

console.log(`scale benchmark: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}, node ${process.version}`);
for (const years of YEARS) {
  const rows = years * MINUTES_A_YEAR;
  const csv = join(dir, `BTCUSDT-1m-${years}y.csv`);
  const db = join(dir, `scale-${years}y.db`);
  const t = performance.now();
  await writeScaleCsv(csv, rows);
  console.log(`\n${years} year(s) of 1m candles: ${rows.toLocaleString('en-US')} rows, CSV ${mb(statSync(csv).size)} written in ${s(performance.now() - t)}`);
  const imp = child('import', db, csv);
  console.log(`  import            ${s(imp.ms)}  ${Math.round(rows / (imp.ms / 1000)).toLocaleString('en-US')} rows/s  peak RSS ${imp.peakRssMB.toFixed(0)} MB  database +${mb(imp.dbGrowth)}`);
  const bt = child('backtest', db);
  console.log(`  panel backtest    ${s(bt.ms)} (load ${s(bt.loadMs as number)})  peak RSS ${bt.peakRssMB.toFixed(0)} MB  not stored  ${bt.orders} orders`);
  const st = child('store', db);
  console.log(`  panel stored      ${s(st.ms)} (load ${s(st.loadMs as number)})  peak RSS ${st.peakRssMB.toFixed(0)} MB  database +${mb(st.dbGrowth)}  run #${st.runId}`);
  const dec = child('decisions', db, String(st.runId));
  console.log(`  decisions         1 day (${dec.dayBars} bars, reasons recomputed: ${dec.dayReasons}) first open ${s(dec.dayFirstMs as number)}, next day ${s(dec.dayNextMs as number)}; whole run as columns (${(dec.wholeBars as number).toLocaleString('en-US')} bars) ${s(dec.wholeColumnsMs as number)}`);
  const chart = child('chart', db);
  console.log(`  chart             whole dataset ${(chart.wholeBars as number).toLocaleString('en-US')} bars at ${chart.resolution} in ${s(chart.wholeMs as number)} (peak RSS ${chart.peakRssMB.toFixed(0)} MB); a day at ${chart.dayResolution} ${s(chart.dayMs as number)}`);
  // 1 and 2 workers alternate (a load change on a shared machine hits both); best of the rounds.
  const rounds = years === 1 ? 3 : 1;
  const sweeps: Record<number, Phase[]> = { 1: [], 2: [] };
  for (let r = 0; r < rounds; r++) for (const w of [1, 2]) sweeps[w].push(child('sweep', db, String(w), sweepWorker));
  const best = (w: number, k: string) => Math.min(...sweeps[w].map((p) => p[k] as number));
  const cold = best(1, 'coldMs') / best(2, 'coldMs');
  const warm = best(1, 'warmMs') / best(2, 'warmMs');
  console.log(`  sweep 16× sma-cross, best of ${rounds}: 1 worker cold ${s(best(1, 'coldMs'))} (start ${s(best(1, 'startMs'))}) warm ${s(best(1, 'warmMs'))}; 2 workers cold ${s(best(2, 'coldMs'))} (start ${s(best(2, 'startMs'))}) warm ${s(best(2, 'warmMs'))}`);
  console.log(`  sweep speed-up 2 vs 1 workers: cold ${cold.toFixed(2)}× (goal ≥ 1.8×: ${verdict(cold >= 1.8)}), warm ${warm.toFixed(2)}× (goal ≥ 1.9×: ${verdict(warm >= 1.9)})`);
  const rssGoal = years === 1 ? 300 : 500;
  const goals = [`peak RSS stored ≤ ${rssGoal} MB: ${verdict(st.peakRssMB <= rssGoal)} (${st.peakRssMB.toFixed(0)} MB)`];
  if (years === 1) goals.push(`stored run ≤ 40 MB: ${verdict(st.dbGrowth <= 40e6)} (${mb(st.dbGrowth)})`, `stored run ≤ 5 s: ${verdict(st.ms <= 5_000)} (${s(st.ms)})`);
  console.log(`  goals: ${goals.join('; ')}`);
  rmSync(csv, { force: true });
}
rmSync(dir, { recursive: true, force: true });
