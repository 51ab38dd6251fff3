// Candlestick chart (lightweight-charts) over typed columns: volume under the price, the run's vote strip (aggregate
// score per bar, vetoes marked) in a pane below, indicator studies (overlays on the price, the rest in panes of their
// own), markers for a run's trades (or, on the Desk, per decision that acted) with a tooltip, a crosshair callback per
// bar and the visible time range reported so the page can load a finer or coarser resolution.
import {
  CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries,
  type IChartApi, type ISeriesApi, type IRange, type LogicalRange, type SeriesMarkerBar, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { chartColors, useThemeStore } from '../state/theme';
import { addStudies, studyPalette, type StudyLine } from './study-series';
import { markText, marksByBar, tradeMarkers, type TradeMark } from './trade-marks';
import './chart.css';
import { TIMEFRAME_MS } from '../../../shared/domain';
import type { CandlesReply, DecisionColumnsReply, StoredDecision } from '../../../shared/runs-contract';

const toSec = (ms: number) => (ms / 1000) as UTCTimestamp;
const UP = '#26a269';
const DOWN = '#e01b24';
const VETO = '#9a9996';
/** Pane heights as shares of the price pane's: the vote strip, and each study pane. */
const STRIP_SHARE = 0.18;
const STUDY_SHARE = 0.24;

/**
 * Zoomed out, thousands of bars share a few pixels each: drawing every one (three rects a candle, one a volume bar)
 * took 50-100 ms a frame while panning (bench:chart). Conflation merges bars narrower than a pixel as it draws (OHLC
 * kept; a histogram shows each group's extreme value).
 */
const CONFLATION_ON = { enableConflation: true };

/**
 * Replaces series data with conflation off for the while: in lightweight-charts 5.2 a hover hit-test during the update
 * can read a series' merged bars against the time scale's new indices and throw "Value is null", after which the chart
 * draws nothing (upstream issue tradingview/lightweight-charts#2044; reproduced by zooming the Chart page while it reloads).
 */
function replacingData<T>(c: IChartApi, update: () => T): T {
  c.applyOptions({ timeScale: { enableConflation: false } });
  try {
    return update();
  } finally {
    c.applyOptions({ timeScale: CONFLATION_ON });
  }
}

/** Price on top with most of the height; the vote strip (collapsed without a run) and study panes below it. */
function layoutPanes(c: IChartApi, strip: boolean): void {
  c.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? 1 : i === 1 ? (strip ? STRIP_SHARE : 0.001) : STUDY_SHARE));
}

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

/** The chart's colours from the theme in force. */
function themeOptions() {
  const k = chartColors();
  return { layout: { background: { color: k.background }, textColor: k.text }, grid: { vertLines: { color: k.grid }, horzLines: { color: k.grid } } };
}

export interface ChartProps {
  candles: CandlesReply;
  strip?: DecisionColumnsReply;
  decisions: readonly StoredDecision[];
  /** Show this range after loading (a reload at another resolution); absent: fit the whole data. */
  view?: { from: number; to: number };
  onBar: (timeMs: number) => void;
  /** A click on a bar (the Desk pins its decision); hovering only calls onBar. */
  onPick?: (timeMs: number) => void;
  onRange?: (range: { from: number; to: number }) => void;
  /** A run's entries and exits: when given, these are the markers (not `decisions`). */
  trades?: readonly TradeMark[];
  studies?: readonly StudyLine[];
  /**
   * Data replaced under the same key (a live session's next bar) keeps the trader's view, as a trading chart does: it
   * follows the newest bar if the view showed it, else it stays on the same stretch of time. A new key fits all.
   */
  keepView?: string | number;
}

interface KeptView {
  logical: LogicalRange;
  range: IRange<Time>;
  /** The newest bar was in view: the view moves along with new bars. */
  following: boolean;
}

/** The view before data is replaced, with the bar count it was taken on. */
function captureView(c: IChartApi, bars: number): KeptView | undefined {
  const logical = c.timeScale().getVisibleLogicalRange();
  const range = c.timeScale().getVisibleRange();
  return logical && range ? { logical, range, following: logical.to >= bars - 1 } : undefined;
}

/** Puts a kept view back on the new data: shifted by the bars added when it followed the newest bar. */
function restoreView(c: IChartApi, kept: KeptView, added: number): void {
  if (kept.following) c.timeScale().setVisibleLogicalRange({ from: kept.logical.from + added, to: kept.logical.to + added });
  else c.timeScale().setVisibleRange(kept.range);
}

export function CandleChart({ candles, strip, decisions, view, onBar, onPick, onRange, trades, studies, keepView }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi>(undefined);
  const price = useRef<ISeriesApi<'Candlestick'>>(undefined);
  const volume = useRef<ISeriesApi<'Histogram'>>(undefined);
  const votes = useRef<ISeriesApi<'Histogram'>>(undefined);
  const handlers = useRef({ onBar, onPick, onRange });
  handlers.current = { onBar, onPick, onRange };
  const tradesByBar = useRef(new Map<number, TradeMark[]>());
  const hasStrip = useRef(false);
  /** False from new data until its view is applied: the range shown in between (the newest bars) is no view to load. */
  const viewApplied = useRef(false);
  /** What the chart shows now: its keepView key and bar count (to keep the trader's view across a reload). */
  const shownData = useRef<{ key: string | number | undefined; bars: number } | undefined>(undefined);
  const [tip, setTip] = useState<{ x: number; y: number; bar: number } | undefined>();

  useEffect(() => {
    if (!host.current) return;
    const c = createChart(host.current, {
      autoSize: true,
      ...themeOptions(),
      timeScale: { timeVisible: true, secondsVisible: false, minBarSpacing: 0.05, ...CONFLATION_ON },
    });
    price.current = c.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false });
    volume.current = c.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: 'rgba(120,174,237,0.35)' });
    c.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    votes.current = c.addSeries(HistogramSeries, { title: 'vote score', priceFormat: { type: 'price', precision: 2, minMove: 0.01 } }, 1);
    c.subscribeCrosshairMove((p) => {
      if (typeof p.time !== 'number' || !p.point) return setTip(undefined);
      handlers.current.onBar(p.time * 1000);
      const bar = p.time * 1000;
      const point = p.point;
      setTip(tradesByBar.current.has(bar) ? (t) => (t?.bar === bar ? t : { x: point.x, y: point.y, bar }) : undefined);
    });
    c.subscribeClick((p) => {
      if (typeof p.time !== 'number') return;
      handlers.current.onBar(p.time * 1000);
      handlers.current.onPick?.(p.time * 1000);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    c.timeScale().subscribeVisibleTimeRangeChange((r) => {
      if (!r || typeof r.from !== 'number' || typeof r.to !== 'number') return;
      const range = { from: r.from * 1000, to: r.to * 1000 };
      // What a test (or a page) reads to see where the trader looks.
      if (host.current) host.current.dataset.visible = `${range.from}-${range.to}`;
      clearTimeout(timer);
      if (!viewApplied.current) return;
      // Zooming fires per frame: ask for another resolution once the trader pauses.
      timer = setTimeout(() => viewApplied.current && handlers.current.onRange?.(range), 200);
    });
    chart.current = c;
    return () => {
      clearTimeout(timer);
      chart.current = undefined;
      c.remove();
    };
  }, []);

  // A theme change recolours the chart in place (recreating it would drop its data and the trader's view).
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => chart.current?.applyOptions(themeOptions()), [theme]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !price.current || !volume.current || !votes.current) return;
    const { time, open, high, low, close } = candles;
    const [p, v, s] = [price.current, volume.current, votes.current];
    const before = shownData.current;
    const kept = view === undefined && keepView !== undefined && before?.key === keepView ? captureView(c, before.bars) : undefined;
    shownData.current = { key: keepView, bars: time.length };
    // On a busy main thread the fit below can come more than 200 ms after setData: until then, no range is reported.
    viewApplied.current = false;
    replacingData(c, () => {
      p.setData(Array.from(time, (t, i) => ({ time: toSec(t), open: open[i], high: high[i], low: low[i], close: close[i] })));
      v.setData(Array.from(time, (t, i) => ({ time: toSec(t), value: candles.volume[i], color: close[i] >= open[i] ? 'rgba(38,162,105,0.35)' : 'rgba(224,27,36,0.35)' })));
      s.setData(strip ? stripBars(strip) : []);
    });
    hasStrip.current = strip !== undefined;
    layoutPanes(c, hasStrip.current);
    tradesByBar.current = trades ? marksByBar(trades, time, TIMEFRAME_MS[candles.resolution]) : new Map();
    const shown = trades ? tradeMarkers(tradesByBar.current, { buy: UP, sell: DOWN }) : decisionMarkers(decisions, TIMEFRAME_MS[candles.resolution]);
    const markers = createSeriesMarkers(price.current, shown);
    if (host.current) host.current.dataset.markers = String(shown.length);
    // autoSize settles the width a frame later; fitting before that would show only the latest bars.
    const frame = requestAnimationFrame(() => {
      viewApplied.current = true;
      if (view) c.timeScale().setVisibleRange({ from: toSec(view.from), to: toSec(view.to) });
      else if (kept && before) restoreView(c, kept, time.length - before.bars);
      else c.timeScale().fitContent();
      // The bars now in the view (the chart draws them in the next frame): what a page or benchmark waiting for them reads.
      if (host.current) host.current.dataset.bars = String(time.length);
    });
    return () => {
      cancelAnimationFrame(frame);
      // On unmount React runs the creating effect's cleanup first: the chart (and its markers) are gone already.
      if (chart.current === c) markers.detach();
    };
  }, [candles, strip, decisions, view, trades, keepView]);

  // Studies are rebuilt whole when any changes (a few series): panes follow the list's order, colours the theme.
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const added = replacingData(c, () => addStudies(c, studies ?? [], studyPalette()));
    layoutPanes(c, hasStrip.current);
    if (host.current) {
      host.current.dataset.panes = String(c.panes().length);
      host.current.dataset.studies = (studies ?? []).map((s) => `${s.id}:${s.reply.time.length}`).join(' ');
    }
    return () => {
      if (chart.current === c) replacingData(c, () => added.forEach((s) => c.removeSeries(s)));
    };
  }, [studies, theme]);

  const tipMarks = tip ? tradesByBar.current.get(tip.bar) : undefined;

  return (
    <div className="chart-frame">
      <div ref={host} className="chart" data-testid="candle-chart" data-resolution={candles.resolution} />
      {tip && tipMarks && (
        <div className="chart-tip" role="tooltip" data-testid="trade-tip" style={{ left: tip.x + 14, top: tip.y + 14 }}>
          {tipMarks.map((m, i) => <div key={i} className={m.side}>{markText(m)}</div>)}
        </div>
      )}
    </div>
  );
}
