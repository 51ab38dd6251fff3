// Equity curve and drawdown (%) of a backtest, on two stacked lightweight-charts panes; or any one curve alone (the
// drift page's equity gap, where a drawdown means nothing).
import { AreaSeries, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { chartColors, useThemeStore } from '../../state/theme';

export function drawdownPct(values: ArrayLike<number>): number[] {
  let peak = -Infinity;
  return Array.from(values, (v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? ((v - peak) / peak) * 100 : 0;
  });
}

export function EquityChart({ time, value, title = 'equity', drawdown = true }: { time: Float64Array; value: Float64Array; title?: string; drawdown?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => {
    if (!host.current || time.length === 0) return;
    const colors = chartColors();
    const chart = createChart(host.current, {
      autoSize: true,
      layout: { background: { color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: { timeVisible: true, minBarSpacing: 0.05 },
    });
    // Typed columns from the engine; Array.from because a typed array's map would make numbers of the points.
    const t = Array.from(time, (ms) => (ms / 1000) as UTCTimestamp);
    chart.addSeries(LineSeries, { color: '#78aeed', lineWidth: 2, title }).setData(t.map((time, i) => ({ time, value: value[i] })));
    const dd = drawdownPct(value);
    if (drawdown) chart.addSeries(AreaSeries, { lineColor: '#e01b24', topColor: 'rgba(224,27,36,0.05)', bottomColor: 'rgba(224,27,36,0.4)', title: 'drawdown %' }, 1)
      .setData(t.map((time, i) => ({ time, value: dd[i] })));
    // autoSize settles the width a frame later; fitting before that would show only the latest bars.
    const frame = requestAnimationFrame(() => chart.timeScale().fitContent());
    return () => {
      cancelAnimationFrame(frame);
      chart.remove();
    };
  }, [time, value, title, drawdown, theme]);
  return <div ref={host} className="chart equity" data-testid="equity-chart" />;
}
