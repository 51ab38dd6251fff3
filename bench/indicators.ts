// Benchmarks our batch RSI/MACD/BBANDS against the trading-signals package on 1,000,000 random-walk closes.
// Run: npx tsx bench/indicators.ts  (prints figures only; also reports how far trading-signals is from TA-Lib semantics)
import { BollingerBands, EMA, MACD, RSI } from 'trading-signals';
import { mulberry32 } from '../test/emulator/candles';
import { bbands, macd, rsi } from '../electron/engine/indicators';

const N = 1_000_000;

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

/** Best of a few runs, in ns per input value, so JIT warm-up and GC noise don't dominate. */
function time(fn: () => void, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best / N;
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

const closes = randomWalk(N, 42);
console.log(`node ${process.version}, ${N.toLocaleString('en-US')} closes, random walk seed 42; best-of-N wall time`);
row('RSI(14)', () => rsi(closes, 14), () => theirRsi(closes));
row('MACD(12,26,9)', () => macd(closes).signal, () => theirMacd(closes));
row('BBANDS(20,2)', () => bbands(closes).upper, () => theirBbands(closes));
