// Chart state (zustand): the selected dataset and run, its candles, the decisions that acted, the bar under the cursor.
import { create } from 'zustand';
import type { Dataset } from '../../../shared/data-contract';
import type { CandlesReply, Run, StoredDecision } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';

interface ChartState {
  runs: Run[];
  dataset?: Dataset;
  runId?: number;
  candles?: CandlesReply;
  markers: StoredDecision[];
  selected?: StoredDecision;
  error?: string;
  attach(client: QuorumClient): void;
  refreshRuns(): Promise<void>;
  show(dataset: Dataset, runId?: number): Promise<void>;
  inspect(timeMs: number): Promise<void>;
}

let client: QuorumClient | undefined;

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
    const { exchange, symbol, timeframe } = dataset;
    try {
      const candles = await client.request('candles.get', { exchange, symbol, timeframe, maxBars: 3_000 });
      const from = candles.time[0];
      const markers = runId && from !== undefined ? await client.request('decisions.list', { runId, from, actionsOnly: true, limit: 3_000 }) : [];
      set({ dataset, runId, candles, markers, selected: undefined, error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  async inspect(timeMs) {
    const { runId, selected } = get();
    if (!client || !runId || selected?.time === timeMs) return;
    const [decision] = await client.request('decisions.list', { runId, from: timeMs, to: timeMs + 1, limit: 1 });
    set({ selected: decision });
  },
}));
