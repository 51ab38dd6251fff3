// The first-run guide's state: shown when the engine has no dataset at start, it loads the shipped sample (or waits
// for an import or download), runs sma-cross on it through the Backtest store, and stays until the trader closes it.
import { create } from 'zustand';
import type { QuorumClient } from '../api/client';
import { useBacktestStore } from './backtest-store';

/** The dataset data.loadSample stores (resources/samples/BTC_USDT-1h.csv.gz). */
export const SAMPLE_DATASET = 'binance:BTC/USDT:1h';

type Phase = 'checking' | 'empty' | 'loading' | 'ready' | 'hidden';

interface FirstRunState {
  phase: Phase;
  /** The dataset the first backtest runs on: the sample, or the first one imported or downloaded. */
  dataset?: string;
  error?: string;
  attach(client: QuorumClient): void;
  loadSample(): Promise<void>;
  runFirstBacktest(): Promise<void>;
  dismiss(): void;
}

let client: QuorumClient | undefined;

const nameOf = (d: { exchange: string; symbol: string; timeframe: string }) => `${d.exchange}:${d.symbol}:${d.timeframe}`;

export const useFirstRunStore = create<FirstRunState>((set, get) => ({
  phase: 'checking',
  attach(c) {
    client = c;
    // Data imported or downloaded elsewhere (the Data page) while the guide waits: it moves on to the backtest step.
    c.on('data.changed', (datasets) => {
      if (get().phase === 'empty' && datasets.length > 0) set({ phase: 'ready', dataset: nameOf(datasets[0]) });
    });
    void c.request('data.list', {}).then(
      (datasets) => { if (get().phase === 'checking') set({ phase: datasets.length === 0 ? 'empty' : 'hidden' }); },
      () => set({ phase: 'hidden' }),
    );
  },
  async loadSample() {
    if (!client) return;
    set({ phase: 'loading', error: undefined });
    try {
      const result = await client.request('data.loadSample', {});
      set({ phase: 'ready', dataset: nameOf(result.key) });
    } catch (err) {
      set({ phase: 'empty', error: err instanceof Error ? err.message : String(err) });
    }
  },
  async runFirstBacktest() {
    const dataset = get().dataset;
    if (!dataset) return;
    // The Backtest lab's own defaults, so the lab shows the same run when opened.
    await useBacktestStore.getState().start({
      data: dataset, strategy: 'sma-cross', params: { fast: 10, slow: 30 }, cash: 10_000, commission: 0.001, slippage: 'none', fill: 'next-open', sizing: 'all-in', allowShort: false,
    });
  },
  dismiss: () => set({ phase: 'hidden' }),
}));
