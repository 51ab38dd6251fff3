// Shapes a stored backtest for the UI: non-finite stats as null, equity thinned to a chartable number of points.
import type { LoadedRun } from './service';

export function forDisplay(loaded: LoadedRun, maxPoints: number) {
  const stats = loaded.stats
    ? Object.fromEntries(Object.entries(loaded.stats).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]))
    : null;
  const { time, value } = thinned(loaded.equity.time, loaded.equity.value, maxPoints);
  const trades = loaded.trades.map((t) => ({ ...t, returnPct: Number.isFinite(t.returnPct) ? t.returnPct : null }));
  return { run: loaded.run, stats: stats as Record<string, number | string | null> | null, notes: loaded.notes, trades, equity: { time, value } };
}

/** Every step-th point and the last, as typed columns (they cross the contract as binary). */
export function thinned(time: ArrayLike<number>, value: ArrayLike<number>, maxPoints: number): { time: Float64Array; value: Float64Array } {
  const step = Math.max(1, Math.ceil(time.length / maxPoints));
  const n = time.length === 0 ? 0 : Math.ceil(time.length / step) + ((time.length - 1) % step === 0 ? 0 : 1);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < time.length; i++) {
    if (i % step !== 0 && i !== time.length - 1) continue;
    t[k] = time[i];
    v[k++] = value[i];
  }
  return { time: t, value: v };
}
