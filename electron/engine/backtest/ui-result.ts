// Shapes a stored backtest for the UI: non-finite stats as null, equity thinned to a chartable number of points.
import type { LoadedRun } from './service';

export function forDisplay(loaded: LoadedRun, maxPoints: number) {
  const stats = loaded.stats
    ? Object.fromEntries(Object.entries(loaded.stats).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]))
    : null;
  const { time, value } = loaded.equity;
  const step = Math.max(1, Math.ceil(time.length / maxPoints));
  const keep = (_: number, i: number) => i % step === 0 || i === time.length - 1;
  const trades = loaded.trades.map((t) => ({ ...t, returnPct: Number.isFinite(t.returnPct) ? t.returnPct : null }));
  return {
    run: loaded.run, stats: stats as Record<string, number | string | null> | null, notes: loaded.notes, trades,
    equity: { time: time.filter(keep), value: value.filter(keep) },
  };
}
