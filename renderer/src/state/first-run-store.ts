// The first-run guide's state: shown when the engine has no dataset at start, it loads the shipped sample (or waits
// for an import or download), runs sma-cross on it through the Backtest store, offers to paper-trade that strategy on
// the Desk, and stays until the trader closes it or moves on to the paper session.
import { create } from 'zustand';
import type { Run } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';
import { useBacktestStore } from './backtest-store';
import { useNavStore } from './nav-store';
import { paperFormFrom, useSessionPrefillStore } from './session-prefill-store';

/** The dataset data.loadSample stores (resources/samples/BTC_USDT-1h.csv.gz). */
export const SAMPLE_DATASET = 'binance:BTC/USDT:1h';
/** The first backtest's starting cash; the paper session it leads to gets the same. */
const FIRST_CASH = 10_000;

type Phase = 'checking' | 'empty' | 'loading' | 'ready' | 'hidden';

interface FirstRunState {
  phase: Phase;
  /** The dataset the first backtest runs on: the sample, or the first one imported or downloaded. */
  dataset?: string;
  error?: string;
  attach(client: QuorumClient): void;
  loadSample(): Promise<void>;
  runFirstBacktest(): Promise<void>;
  /** The Desk's start-session form, filled in from the run just made; the guide's work is done. */
  paperTrade(run: Pick<Run, 'id' | 'strategy' | 'params'>): void;
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
      data: dataset, strategy: 'sma-cross', params: { fast: 10, slow: 30 }, cash: FIRST_CASH, commission: 0.001, slippage: 'none', fill: 'next-open', sizing: 'all-in', allowShort: false,
    });
  },
  paperTrade(run) {
    const dataset = get().dataset;
    if (!dataset) return;
    useSessionPrefillStore.getState().offer({ form: paperFormFrom(dataset, run, FIRST_CASH), from: `backtest run #${run.id}` });
    set({ phase: 'hidden' });
    useNavStore.getState().go('desk');
  },
  dismiss: () => set({ phase: 'hidden' }),
}));
