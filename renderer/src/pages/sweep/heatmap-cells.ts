// The heatmap's grid: the metric of each (x, y) pair of parameter values — the best row when other axes vary too —
// and a red→amber→green colour by how good it is (direction-adjusted, so "lower is better" metrics read the same way).
import { axisValues, type SweepResult, type SweepRow } from '../../../../shared/sweep-contract';

export interface Cell {
  x: number;
  y: number;
  row?: SweepRow;
  /** 0 worst … 1 best among the cells with a score; undefined without one. */
  t?: number;
}

const key = (a: unknown, b: unknown) => `${String(a)}|${String(b)}`;

export function heatmapCells(result: SweepResult, xKey: string, yKey: string) {
  const xAxis = result.axes.find((a) => a.key === xKey);
  const yAxis = result.axes.find((a) => a.key === yKey);
  const xs = xAxis ? axisValues(xAxis) : [];
  const ys = yAxis ? axisValues(yAxis) : [];
  // Rows arrive best first, so the first row seen for a pair is its best over the other axes.
  const best = new Map<string, SweepRow>();
  for (const r of result.rows) {
    const k = key(r.params[xKey], r.params[yKey]);
    if (!best.has(k)) best.set(k, r);
  }
  const oriented = (r: SweepRow | undefined) => (r?.score === null || r?.score === undefined ? undefined : r.score * result.metric.direction);
  const scores = [...best.values()].map(oriented).filter((s): s is number => s !== undefined);
  const [lo, hi] = [Math.min(...scores), Math.max(...scores)];
  const cells: Cell[] = [];
  ys.forEach((yv, y) => xs.forEach((xv, x) => {
    const row = best.get(key(xv, yv));
    const s = oriented(row);
    cells.push({ x, y, row, t: s === undefined ? undefined : hi > lo ? (s - lo) / (hi - lo) : 0.5 });
  }));
  return { xs, ys, cells, lo: result.metric.direction > 0 ? lo : -lo, hi: result.metric.direction > 0 ? hi : -hi };
}

/** Red (worst) through amber to green (best). */
export function heatColour(t: number): string {
  const mix = (a: number[], b: number[], f: number) => a.map((v, i) => Math.round(v + (b[i] - v) * f));
  const [red, amber, green] = [[192, 28, 40], [229, 165, 10], [38, 162, 105]];
  const c = t < 0.5 ? mix(red, amber, t * 2) : mix(amber, green, (t - 0.5) * 2);
  return `rgb(${c.join(',')})`;
}
