// Chart state (zustand): the selected dataset and run, the candles and vote strip at the resolution the view needs,
// the decisions that acted, the bar under the cursor. The whole dataset opens aggregated; zooming in asks the engine
// for the visible range at a finer timeframe, down to the dataset's own.
import { create } from 'zustand';
import type { Dataset } from '../../../shared/data-contract';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { finestResolution } from '../../../shared/resolution';
import type { CandlesReply, DecisionColumnsReply, Run, StoredDecision } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';

/** At most this many bars across the chart's width (lightweight-charts draws them smoothly); the opening view too. */
export const VISIBLE_BARS = 10_000;
/** A loaded window spans three widths, so panning stays inside it. */
const WINDOW_BARS = 3 * VISIBLE_BARS + 4;

export interface TimeRange {
  from: number;
  to: number;
}

interface ChartState {
  runs: Run[];
  dataset?: Dataset;
  runId?: number;
  candles?: CandlesReply;
  strip?: DecisionColumnsReply;
  markers: StoredDecision[];
  /** The range to show after a reload at another resolution (the chart keeps the trader's view). */
  view?: TimeRange;
  selected?: StoredDecision;
  error?: string;
  attach(client: QuorumClient): void;
  refreshRuns(): Promise<void>;
  show(dataset: Dataset, runId?: number): Promise<void>;
  /** The chart's visible range changed: reload at a finer or coarser resolution when the view needs one. */
  zoom(range: TimeRange): Promise<void>;
  inspect(timeMs: number): Promise<void>;
}

let client: QuorumClient | undefined;
/** Only the latest request's answer is shown (zooming fires many). */
let generation = 0;

export const useChartStore = create<ChartState>((set, get) => ({
  runs: [],
  markers: [],
  attach(c) {
    client = c;
    void get().refreshRuns();
  },
  async refreshRuns() {
    if (client) set({ runs: await client.request('runs.list', { limit: 100 }) });
  },
  async show(dataset, runId) {
    if (!client) return;
    const mine = ++generation;
    try {
      const loaded = await load(client, dataset, runId, { maxBars: VISIBLE_BARS });
      if (mine === generation) set({ dataset, runId, ...loaded, view: undefined, selected: undefined, error: undefined });
    } catch (err) {
      if (mine === generation) set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  async zoom(range) {
    const { dataset, runId, candles } = get();
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
    try {
      const loaded = await load(client, dataset, runId, { from: Math.floor(range.from - width), to: Math.ceil(range.to + width), resolution: wanted, maxBars: WINDOW_BARS });
      if (mine === generation) set({ ...loaded, view: range, error: undefined });
    } catch (err) {
      if (mine === generation) set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  async inspect(timeMs) {
    const { runId, selected, candles } = get();
    if (!client || !runId || !candles || selected?.time === timeMs) return;
    // At a coarser resolution a chart bar spans many decisions: the latest of them is shown.
    const [decision] = await client.request('decisions.list', { runId, from: timeMs, to: timeMs + TIMEFRAME_MS[candles.resolution], limit: 1 });
    set({ selected: decision });
  },
}));

async function load(c: QuorumClient, dataset: Dataset, runId: number | undefined, range: { from?: number; to?: number; resolution?: Timeframe; maxBars: number }) {
  const { exchange, symbol, timeframe } = dataset;
  const candles = await c.request('candles.get', { exchange, symbol, timeframe, ...range });
  const n = candles.time.length;
  if (!runId || n === 0) return { candles, strip: undefined, markers: [] };
  const span = { from: candles.time[0], to: candles.time[n - 1] + TIMEFRAME_MS[candles.resolution] };
  const [strip, markers] = await Promise.all([
    c.request('decisions.columns', { runId, ...span, resolution: candles.resolution, maxBars: n }),
    c.request('decisions.list', { runId, ...span, actionsOnly: true, limit: 3_000 }),
  ]);
  return { candles, strip, markers };
}
