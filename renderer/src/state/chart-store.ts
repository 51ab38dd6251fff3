// Chart state (zustand): the selected dataset and run, the candles, vote strip and indicator studies at the resolution
// the view needs, the run's trades, and the decision under the cursor or pinned by a click. The whole dataset opens
// aggregated; zooming in asks the engine for the visible range at a finer timeframe, down to the dataset's own, and
// every study is recomputed by the engine for the same bars.
import { create } from 'zustand';
import type { Dataset } from '../../../shared/data-contract';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import type { IndicatorInfo, IndicatorSeriesReply } from '../../../shared/indicators-contract';
import { finestResolution } from '../../../shared/resolution';
import type { CandlesReply, DecisionColumnsReply, Run, StoredDecision } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';
import { tradeMarks, type TradeMark } from '../chart/trade-marks';

/** At most this many bars across the chart's width (lightweight-charts draws them smoothly); the opening view too. */
export const VISIBLE_BARS = 10_000;
/** A loaded window spans three widths, so panning stays inside it. */
const WINDOW_BARS = 3 * VISIBLE_BARS + 4;

export interface TimeRange {
  from: number;
  to: number;
}

/** An indicator the trader added: its registry name and params; `id` names it on screen ("rsi(14)"). */
export interface Study {
  id: string;
  name: string;
  params: Record<string, number>;
}

interface ChartState {
  runs: Run[];
  /** The engine's indicator registry (indicators.list). */
  catalog: IndicatorInfo[];
  dataset?: Dataset;
  runId?: number;
  candles?: CandlesReply;
  strip?: DecisionColumnsReply;
  studies: Study[];
  /** Each study's columns for the loaded candles, by study id. */
  studyData: Record<string, IndicatorSeriesReply>;
  /** The run's entries and exits (from its stored trades), in time order. */
  trades: TradeMark[];
  /** The range to show after a reload at another resolution (the chart keeps the trader's view). */
  view?: TimeRange;
  /** The decision of the bar under the cursor, or the one a click pinned (hovering then changes nothing). */
  selected?: StoredDecision;
  pinned?: { time: number };
  error?: string;
  studyError?: string;
  attach(client: QuorumClient): void;
  refreshRuns(): Promise<void>;
  show(dataset: Dataset, runId?: number): Promise<void>;
  /** The chart's visible range changed: reload at a finer or coarser resolution when the view needs one. */
  zoom(range: TimeRange): Promise<void>;
  inspect(timeMs: number): Promise<void>;
  pin(timeMs: number): Promise<void>;
  unpin(): void;
  addStudy(name: string, params: Record<string, number>): Promise<void>;
  removeStudy(id: string): void;
}

let client: QuorumClient | undefined;
/** Only the latest request's answer is shown (zooming fires many). */
let generation = 0;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "rsi(14)", "macd(12,26,9)": the params in the registry's order (the defaults' key order). */
export function studyId(name: string, params: Record<string, number>): string {
  const values = Object.values(params);
  return values.length > 0 ? `${name}(${values.join(',')})` : name;
}

export const useChartStore = create<ChartState>((set, get) => ({
  runs: [],
  catalog: [],
  studies: [],
  studyData: {},
  trades: [],
  attach(c) {
    client = c;
    void get().refreshRuns();
    void c.request('indicators.list', {}).then((catalog) => set({ catalog }), (err: unknown) => set({ studyError: message(err) }));
  },
  async refreshRuns() {
    if (client) set({ runs: await client.request('runs.list', { limit: 100 }) });
  },
  async show(dataset, runId) {
    if (!client) return;
    const mine = ++generation;
    try {
      const [loaded, trades] = await Promise.all([
        load(client, dataset, runId, get().studies, { maxBars: VISIBLE_BARS }),
        runId ? runTrades(client, runId) : Promise.resolve([]),
      ]);
      if (mine === generation) set({ dataset, runId, ...loaded, trades, view: undefined, selected: undefined, pinned: undefined, error: undefined });
    } catch (err) {
      if (mine === generation) set({ error: message(err) });
    }
  },
  async zoom(range) {
    const { dataset, runId, candles, studies } = get();
    if (!client || !dataset || !candles || candles.time.length === 0) return;
    const width = range.to - range.from;
    const wanted = finestResolution(dataset.timeframe, width, VISIBLE_BARS);
    const loadedFrom = candles.time[0];
    const loadedTo = candles.time[candles.time.length - 1] + TIMEFRAME_MS[candles.resolution];
    const inside = (range.from >= loadedFrom && range.to <= loadedTo) || (loadedFrom <= dataset.firstTime && loadedTo > dataset.lastTime);
    // Finer when the view needs detail; coarser only once the view holds twice the bars it should (no flip-flopping).
    const tooDense = width / TIMEFRAME_MS[candles.resolution] > 2 * VISIBLE_BARS;
    const tooCoarse = TIMEFRAME_MS[wanted] < TIMEFRAME_MS[candles.resolution];
    if (inside && !tooDense && !tooCoarse) return;
    const mine = ++generation;
    // From a bucket's start, so the first bar is a whole one (and studies line up with it).
    const bucket = TIMEFRAME_MS[wanted];
    const from = Math.max(0, Math.floor((range.from - width) / bucket) * bucket);
    try {
      const loaded = await load(client, dataset, runId, studies, { from, to: Math.ceil(range.to + width), resolution: wanted, maxBars: WINDOW_BARS });
      if (mine === generation) set({ ...loaded, view: range, error: undefined });
    } catch (err) {
      if (mine === generation) set({ error: message(err) });
    }
  },
  async inspect(timeMs) {
    const { pinned, selected } = get();
    if (pinned || selected?.time === timeMs) return;
    const decision = await decisionAt(timeMs);
    if (!get().pinned) set({ selected: decision });
  },
  async pin(timeMs) {
    if (!get().runId) return;
    set({ pinned: { time: timeMs } });
    const decision = await decisionAt(timeMs);
    if (get().pinned?.time === timeMs) set({ selected: decision });
  },
  unpin() {
    set({ pinned: undefined });
  },
  async addStudy(name, params) {
    const id = studyId(name, params);
    const { studies, candles, dataset } = get();
    if (!client || studies.some((s) => s.id === id)) return;
    const study = { id, name, params };
    try {
      // Computed before it is added: bad params come back from the engine naming the field, and nothing is added.
      const reply = dataset && candles && candles.time.length > 0 ? await studySeries(client, dataset, candles, study) : undefined;
      set((s) => ({ studies: [...s.studies, study], studyData: reply ? { ...s.studyData, [id]: reply } : s.studyData, studyError: undefined }));
    } catch (err) {
      set({ studyError: message(err) });
    }
  },
  removeStudy(id) {
    set((s) => {
      const studyData = { ...s.studyData };
      delete studyData[id];
      return { studies: s.studies.filter((x) => x.id !== id), studyData };
    });
  },
}));

/** The run's decision on a chart bar; at a coarser resolution a bar spans many decisions: the latest is shown. */
async function decisionAt(timeMs: number): Promise<StoredDecision | undefined> {
  const { runId, candles } = useChartStore.getState();
  if (!client || !runId || !candles) return undefined;
  const [decision] = await client.request('decisions.list', { runId, from: timeMs, to: timeMs + TIMEFRAME_MS[candles.resolution], limit: 1 });
  return decision;
}

async function runTrades(c: QuorumClient, runId: number): Promise<TradeMark[]> {
  const result = await c.request('backtest.load', { runId, maxPoints: 10 });
  return tradeMarks(result.trades);
}

function studySeries(c: QuorumClient, dataset: Dataset, candles: CandlesReply, study: Study): Promise<IndicatorSeriesReply> {
  const { exchange, symbol, timeframe } = dataset;
  const n = candles.time.length;
  return c.request('indicators.series', {
    exchange, symbol, timeframe, name: study.name, params: study.params, resolution: candles.resolution, maxBars: n,
    from: candles.time[0], to: candles.time[n - 1] + TIMEFRAME_MS[candles.resolution],
  });
}

async function load(c: QuorumClient, dataset: Dataset, runId: number | undefined, studies: readonly Study[], range: { from?: number; to?: number; resolution?: Timeframe; maxBars: number }) {
  const { exchange, symbol, timeframe } = dataset;
  const candles = await c.request('candles.get', { exchange, symbol, timeframe, ...range });
  const n = candles.time.length;
  if (n === 0) return { candles, strip: undefined, studyData: {} };
  const span = { from: candles.time[0], to: candles.time[n - 1] + TIMEFRAME_MS[candles.resolution] };
  const [strip, ...replies] = await Promise.all([
    runId ? c.request('decisions.columns', { runId, ...span, resolution: candles.resolution, maxBars: n }) : Promise.resolve(undefined),
    ...studies.map((s) => studySeries(c, dataset, candles, s)),
  ]);
  return { candles, strip, studyData: Object.fromEntries(studies.map((s, i) => [s.id, replies[i]])) };
}
