// Candlestick chart (lightweight-charts) over typed columns: volume under the price, the run's vote strip (aggregate
// score per bar, vetoes marked) in a pane below, one marker per decision that acted, a crosshair callback per bar and
// the visible time range reported so the page can load a finer or coarser resolution.
import {
  CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries,
  type IChartApi, type ISeriesApi, type SeriesMarkerBar, type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { TIMEFRAME_MS } from '../../../shared/domain';
import type { CandlesReply, DecisionColumnsReply, StoredDecision } from '../../../shared/runs-contract';

const toSec = (ms: number) => (ms / 1000) as UTCTimestamp;
const UP = '#26a269';
const DOWN = '#e01b24';
const VETO = '#9a9996';

const MARKER: Record<string, Pick<SeriesMarkerBar<UTCTimestamp>, 'position' | 'shape' | 'color'>> = {
  buy: { position: 'belowBar', shape: 'arrowUp', color: UP },
  sell: { position: 'aboveBar', shape: 'arrowDown', color: DOWN },
  exit: { position: 'aboveBar', shape: 'circle', color: '#e5a50a' },
};

/** One marker per chart bar: at a coarser resolution the latest acting decision of each bucket. */
export function decisionMarkers(decisions: readonly StoredDecision[], barMs: number): SeriesMarkerBar<UTCTimestamp>[] {
  const perBar = new Map<number, StoredDecision>();
  for (const d of decisions) if (d.action !== 'hold' || d.veto) perBar.set(Math.floor(d.time / barMs) * barMs, d);
  return [...perBar].map(([bar, d]) => ({
    time: toSec(bar),
    ...(d.action === 'hold' ? { position: 'aboveBar' as const, shape: 'square' as const, color: VETO } : MARKER[d.action]),
    text: d.veto ? 'veto' : d.action,
  }));
}

/** The vote strip: score as a histogram, green above zero, red below, grey where a veto applied. */
export function stripBars(strip: DecisionColumnsReply) {
  return Array.from(strip.time, (t, i) => ({
    time: toSec(t),
    value: strip.score[i],
    color: strip.veto[i] ? VETO : strip.score[i] >= 0 ? UP : DOWN,
  }));
}

export interface ChartProps {
  candles: CandlesReply;
  strip?: DecisionColumnsReply;
  decisions: readonly StoredDecision[];
  /** Show this range after loading (a reload at another resolution); absent: fit the whole data. */
  view?: { from: number; to: number };
  onBar: (timeMs: number) => void;
  onRange?: (range: { from: number; to: number }) => void;
}

export function CandleChart({ candles, strip, decisions, view, onBar, onRange }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi>(undefined);
  const price = useRef<ISeriesApi<'Candlestick'>>(undefined);
  const volume = useRef<ISeriesApi<'Histogram'>>(undefined);
  const votes = useRef<ISeriesApi<'Histogram'>>(undefined);
  const handlers = useRef({ onBar, onRange });
  handlers.current = { onBar, onRange };

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, {
      autoSize: true,
      layout: { background: { color: '#0f1318' }, textColor: '#c0c6ce' },
      grid: { vertLines: { color: '#1b222a' }, horzLines: { color: '#1b222a' } },
      timeScale: { timeVisible: true, secondsVisible: false, minBarSpacing: 0.05 },
    });
    price.current = c.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false });
    volume.current = c.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: 'rgba(120,174,237,0.35)' });
    c.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    votes.current = c.addSeries(HistogramSeries, { title: 'vote score', priceFormat: { type: 'price', precision: 2, minMove: 0.01 } }, 1);
    c.subscribeCrosshairMove((p) => { if (typeof p.time === 'number') handlers.current.onBar(p.time * 1000); });
    c.subscribeClick((p) => { if (typeof p.time === 'number') handlers.current.onBar(p.time * 1000); });
    let timer: ReturnType<typeof setTimeout> | undefined;
    c.timeScale().subscribeVisibleTimeRangeChange((r) => {
      if (!r || typeof r.from !== 'number' || typeof r.to !== 'number') return;
      const range = { from: r.from * 1000, to: r.to * 1000 };
      clearTimeout(timer);
      // Zooming fires per frame: ask for another resolution once the trader pauses.
      timer = setTimeout(() => handlers.current.onRange?.(range), 200);
    });
    chart.current = c;
    return () => {
      clearTimeout(timer);
      c.remove();
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !price.current || !volume.current || !votes.current) return;
    const { time, open, high, low, close } = candles;
    price.current.setData(Array.from(time, (t, i) => ({ time: toSec(t), open: open[i], high: high[i], low: low[i], close: close[i] })));
    volume.current.setData(Array.from(time, (t, i) => ({ time: toSec(t), value: candles.volume[i], color: close[i] >= open[i] ? 'rgba(38,162,105,0.35)' : 'rgba(224,27,36,0.35)' })));
    votes.current.setData(strip ? stripBars(strip) : []);
    const panes = c.panes();
    if (panes[1]) panes[1].setHeight(strip ? 90 : 0);
    const markers = createSeriesMarkers(price.current, decisionMarkers(decisions, TIMEFRAME_MS[candles.resolution]));
    // autoSize settles the width a frame later; fitting before that would show only the latest bars.
    const frame = requestAnimationFrame(() => {
      if (view) c.timeScale().setVisibleRange({ from: toSec(view.from), to: toSec(view.to) });
      else c.timeScale().fitContent();
    });
    return () => {
      cancelAnimationFrame(frame);
      markers.detach();
    };
  }, [candles, strip, decisions, view]);

  return <div ref={host} className="chart" data-testid="candle-chart" data-resolution={candles.resolution} />;
}
