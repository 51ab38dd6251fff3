// Equity curve and drawdown (%) of a backtest, on two stacked lightweight-charts panes.
import { AreaSeries, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';

export function drawdownPct(values: ArrayLike<number>): number[] {
  let peak = -Infinity;
  return Array.from(values, (v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? ((v - peak) / peak) * 100 : 0;
  });
}

export function EquityChart({ time, value }: { time: Float64Array; value: Float64Array }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current || time.length === 0) return;
    const chart = createChart(host.current, {
      autoSize: true,
      layout: { background: { color: '#0f1318' }, textColor: '#c0c6ce' },
      grid: { vertLines: { color: '#1b222a' }, horzLines: { color: '#1b222a' } },
      timeScale: { timeVisible: true, minBarSpacing: 0.05 },
    });
    // Typed columns from the engine; Array.from because a typed array's map would make numbers of the points.
    const t = Array.from(time, (ms) => (ms / 1000) as UTCTimestamp);
    chart.addSeries(LineSeries, { color: '#78aeed', lineWidth: 2, title: 'equity' }).setData(t.map((time, i) => ({ time, value: value[i] })));
    const dd = drawdownPct(value);
    chart.addSeries(AreaSeries, { lineColor: '#e01b24', topColor: 'rgba(224,27,36,0.05)', bottomColor: 'rgba(224,27,36,0.4)', title: 'drawdown %' }, 1)
      .setData(t.map((time, i) => ({ time, value: dd[i] })));
    // autoSize settles the width a frame later; fitting before that would show only the latest bars.
    const frame = requestAnimationFrame(() => chart.timeScale().fitContent());
    return () => {
      cancelAnimationFrame(frame);
      chart.remove();
    };
  }, [time, value]);
  return <div ref={host} className="chart equity" data-testid="equity-chart" />;
}
