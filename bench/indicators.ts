// Benchmarks our batch indicators on 1,000,000 random-walk closes: the "C line" goals (≤ 10 ns/value, TA-Lib C runs
// RSI at 8.3 ns here) for RSI/EMA/MACD/ATR, then RSI/MACD/BBANDS against the trading-signals package.
// Run: npx tsx bench/indicators.ts  (prints figures only; also reports how far trading-signals is from TA-Lib semantics)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BollingerBands, EMA, MACD, RSI } from 'trading-signals';
import { mulberry32 } from '../test/emulator/candles';
import { atr, bbands, ema, macd, rsi } from '../electron/engine/indicators';

const N = 1_000_000;
const GOAL_NS = 10;

/** mulberry32: a fixed seed keeps every run on the same walk. */
function randomWalk(n: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(n);
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    price *= 1 + (next() - 0.5) * 0.01;
    out[i] = price;
  }
  return out;
}

/**
 * High/low around each bar's open and close; the open gaps from the previous close now and then, so true range's
 * three candidates (range, gap up, gap down) each win often enough to exercise every comparison.
 */
function barsAround(closes: Float64Array, seed: number): { high: Float64Array; low: Float64Array } {
  const next = mulberry32(seed);
  const high = new Float64Array(closes.length);
  const low = new Float64Array(closes.length);
  for (let i = 0; i < closes.length; i++) {
    const open = (i > 0 ? closes[i - 1] : closes[i]) * (1 + (next() - 0.5) * 0.006);
    high[i] = Math.max(open, closes[i]) * (1 + next() * 0.002);
    low[i] = Math.min(open, closes[i]) * (1 - next() * 0.002);
  }
  return { high, low };
}

/**
 * On this VM a never-touched output page costs ~10 µs to fault in (~20 ns/value for an 8 MB Float64Array), which swamped
 * the indicator's own cost and made figures jump 8..46 ns run to run. So every timed run starts after a full GC, and the
 * heap is first grown past the largest run's footprint, letting malloc hand back recycled, resident memory, as in a
 * long-lived process. freshPagesNs() prints what that excludes.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function warmHeap(): void {
  let scratch: Float64Array | undefined = new Float64Array(4 * N);
  scratch.fill(0);
  scratch = undefined;
  collectGarbage();
}

/** Best of a few runs, in ns per input value, so JIT warm-up and GC noise don't dominate. */
function time(fn: () => void, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    collectGarbage();
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best / N;
}

/** Allocating and touching one output array of never-used memory (all kept alive, so nothing is recycled). */
function freshPagesNs(): number {
  const kept: Float64Array[] = [];
  const ns = time(() => void kept.push(new Float64Array(N).fill(0)), 4);
  kept.length = 0;
  collectGarbage();
  return ns;
}

type Series = Float64Array;
function worstRelative(ours: Series, theirs: Series): { maxRel: number; bothDefinedFrom: number } {
  let maxRel = 0;
  let from = -1;
  for (let i = 0; i < ours.length; i++) {
    if (Number.isNaN(ours[i]) || Number.isNaN(theirs[i])) continue;
    if (from < 0) from = i;
    maxRel = Math.max(maxRel, Math.abs(ours[i] - theirs[i]) / Math.max(Math.abs(ours[i]), 1e-300));
  }
  return { maxRel, bothDefinedFrom: from };
}

function theirRsi(closes: Series): Series {
  const out = new Float64Array(closes.length).fill(NaN);
  const ind = new RSI(14);
  for (let i = 0; i < closes.length; i++) out[i] = ind.update(closes[i], false) ?? NaN;
  return out;
}

function theirMacd(closes: Series): Series {
  const out = new Float64Array(closes.length).fill(NaN);
  const ind = new MACD(new EMA(12), new EMA(26), new EMA(9));
  for (let i = 0; i < closes.length; i++) out[i] = ind.update(closes[i], false)?.signal ?? NaN;
  return out;
}

function theirBbands(closes: Series): Series {
  const out = new Float64Array(closes.length).fill(NaN);
  const ind = new BollingerBands(20, 2);
  for (let i = 0; i < closes.length; i++) out[i] = ind.update(closes[i], false)?.upper ?? NaN;
  return out;
}

function row(name: string, ours: () => Series, theirs: () => Series): void {
  const oursNs = time(() => void ours());
  const theirsNs = time(() => void theirs(), 3);
  const a = ours();
  const b = theirs();
  const diff = worstRelative(a, b);
  // The first 10k bars stay near the start price; the full walk spans ~2..78,000, which stresses running sums.
  const head = worstRelative(a.subarray(0, 10_000), b.subarray(0, 10_000));
  console.log(
    `${name.padEnd(14)} ours ${oursNs.toFixed(1).padStart(5)} ns/value | trading-signals ${theirsNs.toFixed(1).padStart(6)} ns/value | ` +
      `ratio ${(theirsNs / oursNs).toFixed(1)}x | max rel diff vs ours: first 10k ${head.maxRel.toExponential(2)}, ` +
      `all ${diff.maxRel.toExponential(2)} (both defined from index ${diff.bothDefinedFrom})`,
  );
}

/** One goal line; more runs than the comparison rows because the figure is judged against a fixed threshold. */
function goalRow(name: string, run: () => unknown): void {
  const ns = time(() => void run(), 15);
  const verdict = ns <= GOAL_NS ? 'met' : 'NOT met';
  console.log(`${name.padEnd(14)} ours ${ns.toFixed(1).padStart(5)} ns/value | goal ≤ ${GOAL_NS} ns/value: ${verdict}`);
}

const closes = randomWalk(N, 42);
const { high, low } = barsAround(closes, 43);
console.log(`node ${process.version}, ${N.toLocaleString('en-US')} closes, random walk seed 42; best-of-N wall time`);
console.log(`(fresh output memory would add ${freshPagesNs().toFixed(1)} ns/value per output array here; runs below recycle it)`);
warmHeap();
console.log('-- C line goals (TA-Lib C: RSI 8.3 ns/value on this machine)');
goalRow('RSI(14)', () => rsi(closes, 14));
goalRow('EMA(30)', () => ema(closes, 30));
goalRow('MACD(12,26,9)', () => macd(closes));
goalRow('ATR(14)', () => atr(high, low, closes, 14));
console.log('-- vs trading-signals');
row('RSI(14)', () => rsi(closes, 14), () => theirRsi(closes));
row('MACD(12,26,9)', () => macd(closes).signal, () => theirMacd(closes));
row('BBANDS(20,2)', () => bbands(closes).upper, () => theirBbands(closes));
