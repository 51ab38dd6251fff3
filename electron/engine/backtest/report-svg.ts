// Inline SVG line plots for the HTML report: no scripts, no external resources, sized to a few thousand points at most.

export interface Plot {
  time: Float64Array;
  value: Float64Array;
  /** Fill the area under the line down to the plot's floor (drawdowns). */
  area?: boolean;
  color: string;
}

const W = 960;
const H = 240;
const PAD = { left: 70, right: 10, top: 24, bottom: 28 };

/** Keeps each bucket's first, min and max point, so spikes survive downsampling of long curves. */
export function downsample(time: Float64Array, value: Float64Array, maxPoints = 2000): [number, number][] {
  const n = time.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => [time[i], value[i]]);
  const buckets = Math.floor(maxPoints / 3);
  const out: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (value[i] < value[lo]) lo = i;
      if (value[i] > value[hi]) hi = i;
    }
    for (const i of [...new Set([from, lo, hi])].sort((a, c) => a - c)) out.push([time[i], value[i]]);
  }
  out.push([time[n - 1], value[n - 1]]);
  return out;
}

function extent(xs: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) if (Number.isFinite(x)) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
  if (!Number.isFinite(lo)) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function axisLabels(y0: number, y1: number, t0: number, t1: number): string {
  const ys = [0, 0.5, 1].map((f) => {
    const y = PAD.top + (1 - f) * (H - PAD.top - PAD.bottom);
    return `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${(y0 + f * (y1 - y0)).toFixed(2)}</text>`;
  });
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const xs = [`<text x="${PAD.left}" y="${H - 8}">${date(t0)}</text>`, `<text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${date(t1)}</text>`];
  return [...ys, ...xs].join('');
}

/** The plot as an <svg> element; every piece of text in it is generated here from numbers, never from input. */
export function svgPlot(p: Plot): string {
  const points = downsample(p.time, p.value);
  if (points.length === 0) return `<svg class="plot" viewBox="0 0 ${W} ${H}"><text x="20" y="40">no data</text></svg>`;
  const [t0, t1] = extent(points.map((q) => q[0]));
  const [y0, y1] = extent(points.map((q) => q[1]));
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const path = points.filter((q) => Number.isFinite(q[1])).map((q, i) => `${i === 0 ? 'M' : 'L'}${x(q[0]).toFixed(1)},${y(q[1]).toFixed(1)}`).join('');
  const floor = y(y0).toFixed(1);
  const area = p.area ? `<path d="${path}L${x(t1).toFixed(1)},${floor}L${x(t0).toFixed(1)},${floor}Z" fill="${p.color}" fill-opacity="0.25"/>` : '';
  return `<svg class="plot" viewBox="0 0 ${W} ${H}" role="img"><rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#ccc"/>${area}<path d="${path}" fill="none" stroke="${p.color}" stroke-width="1.2"/>${axisLabels(y0, y1, t0, t1)}</svg>`;
}

/** Drawdown in percent below the running peak (≤ 0), aligned with the equity curve. */
export function drawdownCurve(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    peak = Math.max(peak, equity[i]);
    out[i] = peak > 0 ? (equity[i] / peak - 1) * 100 : 0;
  }
  return out;
}
