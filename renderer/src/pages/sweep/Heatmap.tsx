// The metric over two parameters as a coloured grid (SVG): hover a cell for its params and values; with more than two
// axes each cell shows the best combination of the others. Invalid combinations (skipped) are left blank.
import { useState } from 'react';
import type { SweepResult } from '../../../../shared/sweep-contract';
import { fmt, paramsText } from './format';
import { heatColour, heatmapCells } from './heatmap-cells';

const LABEL_W = 56;
const LABEL_H = 22;

export function Heatmap({ result }: { result: SweepResult }) {
  const keys = result.axes.filter((a) => !('values' in a) || a.values.length > 0).map((a) => a.key);
  const [x, setX] = useState(keys[0] ?? '');
  const [y, setY] = useState(keys[1] ?? keys[0] ?? '');
  if (keys.length < 2) return <p className="muted" data-testid="sw-heatmap-empty">The heatmap needs two parameters: add a second axis to the grid.</p>;
  const { xs, ys, cells, lo, hi } = heatmapCells(result, x, y);
  const cw = Math.max(6, Math.min(72, Math.floor(640 / Math.max(1, xs.length))));
  const ch = Math.max(6, Math.min(40, Math.floor(360 / Math.max(1, ys.length))));
  const everyX = Math.ceil(xs.length / 16);
  const everyY = Math.ceil(ys.length / 16);
  const width = LABEL_W + xs.length * cw;
  const height = ys.length * ch + LABEL_H * 2;
  const metric = result.metric.name;
  return (
    <div className="sw-heatmap">
      <div className="row">
        <label>columns <select value={x} onChange={(e) => setX(e.target.value)} data-testid="sw-heat-x">{keys.map((k) => <option key={k}>{k}</option>)}</select></label>
        <label>rows <select value={y} onChange={(e) => setY(e.target.value)} data-testid="sw-heat-y">{keys.map((k) => <option key={k}>{k}</option>)}</select></label>
        {keys.length > 2 && <span className="muted">each cell: the best over the other parameters</span>}
      </div>
      <svg
        role="img" aria-label={`Heatmap of ${metric} by ${x} (columns) and ${y} (rows), ${fmt(lo, 3)} to ${fmt(hi, 3)}`}
        width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid="sw-heatmap" className="sw-heatmap-svg"
      >
        {cells.map((c) => {
          const title = c.row ? `${paramsText(c.row.params)} — ${metric} ${fmt(c.row.score, 3)}, return ${fmt(c.row.returnPct)} %, ${c.row.trades} trades` : `${x}=${String(xs[c.x])} ${y}=${String(ys[c.y])}: skipped (invalid)`;
          return (
            <rect
              key={`${c.x}-${c.y}`} x={LABEL_W + c.x * cw} y={c.y * ch} width={cw - 1} height={ch - 1}
              fill={c.t === undefined ? 'var(--subtle)' : heatColour(c.t)} data-testid="sw-heat-cell" data-score={c.row?.score ?? ''}
            >
              <title>{title}</title>
            </rect>
          );
        })}
        {ys.map((v, i) => (i % everyY === 0 ? <text key={`y${i}`} x={LABEL_W - 4} y={i * ch + ch / 2 + 4} textAnchor="end" className="sw-tick">{String(v)}</text> : null))}
        {xs.map((v, i) => (i % everyX === 0 ? <text key={`x${i}`} x={LABEL_W + i * cw + cw / 2} y={ys.length * ch + 14} textAnchor="middle" className="sw-tick">{String(v)}</text> : null))}
        <text x={LABEL_W + (xs.length * cw) / 2} y={height - 4} textAnchor="middle" className="sw-tick">{x} →</text>
        <text x={4} y={height - 4} className="sw-tick">{y} ↓</text>
      </svg>
      <div className="sw-legend" aria-hidden="true">
        <span>{fmt(lo, 3)}</span><span className="sw-legend-bar" /><span>{fmt(hi, 3)}</span><span className="muted">{metric} (worst → best)</span>
      </div>
    </div>
  );
}
