// Candlestick chart (lightweight-charts) with one marker per decision that acted, and a crosshair callback per bar.
import { CandlestickSeries, createChart, createSeriesMarkers, type IChartApi, type ISeriesApi, type SeriesMarkerBar, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { CandlesReply, StoredDecision } from '../../../shared/runs-contract';

const toSec = (ms: number) => (ms / 1000) as UTCTimestamp;

const MARKER: Record<string, Pick<SeriesMarkerBar<UTCTimestamp>, 'position' | 'shape' | 'color'>> = {
  buy: { position: 'belowBar', shape: 'arrowUp', color: '#26a269' },
  sell: { position: 'aboveBar', shape: 'arrowDown', color: '#e01b24' },
  exit: { position: 'aboveBar', shape: 'circle', color: '#e5a50a' },
};

export function decisionMarkers(decisions: readonly StoredDecision[]): SeriesMarkerBar<UTCTimestamp>[] {
  return decisions
    .filter((d) => d.action !== 'hold' || d.veto)
    .map((d) => ({
      time: toSec(d.time),
      ...(d.action === 'hold' ? { position: 'aboveBar' as const, shape: 'square' as const, color: '#9a9996' } : MARKER[d.action]),
      text: d.veto ? 'veto' : d.action,
    }));
}

export function CandleChart({ candles, decisions, onBar }: { candles: CandlesReply; decisions: readonly StoredDecision[]; onBar: (timeMs: number) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi>(undefined);
  const series = useRef<ISeriesApi<'Candlestick'>>(undefined);
  const onBarRef = useRef(onBar);
  onBarRef.current = onBar;

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, {
      autoSize: true,
      layout: { background: { color: '#0f1318' }, textColor: '#c0c6ce' },
      grid: { vertLines: { color: '#1b222a' }, horzLines: { color: '#1b222a' } },
      timeScale: { timeVisible: true, secondsVisible: false, minBarSpacing: 0.05 },
    });
    series.current = c.addSeries(CandlestickSeries, { upColor: '#26a269', downColor: '#e01b24', wickUpColor: '#26a269', wickDownColor: '#e01b24', borderVisible: false });
    c.subscribeCrosshairMove((p) => { if (typeof p.time === 'number') onBarRef.current(p.time * 1000); });
    c.subscribeClick((p) => { if (typeof p.time === 'number') onBarRef.current(p.time * 1000); });
    chart.current = c;
    return () => c.remove();
  }, []);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    s.setData(candles.time.map((t, i) => ({ time: toSec(t), open: candles.open[i], high: candles.high[i], low: candles.low[i], close: candles.close[i] })));
    const markers = createSeriesMarkers(s, decisionMarkers(decisions));
    // autoSize settles the width a frame later; fitting before that would show only the latest bars.
    const frame = requestAnimationFrame(() => chart.current?.timeScale().fitContent());
    return () => {
      cancelAnimationFrame(frame);
      markers.detach();
    };
  }, [candles, decisions]);

  return <div ref={host} className="chart" data-testid="candle-chart" />;
}
