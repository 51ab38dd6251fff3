// Backtest state for the UI (zustand): strategies, the running job's progress, cancel, and the loaded result.
import { create } from 'zustand';
import type { BacktestProgress, BacktestResult } from '../../../shared/backtest-contract';
import type { QuorumClient } from '../api/client';
import { EngineRequestError } from '../api/client';

export interface BacktestForm {
  data: string;
  strategy: string;
  params: Record<string, number | string | boolean>;
  cash: number;
  commission: number;
  slippage: string;
  fill: 'next-open' | 'close';
  sizing: string;
  allowShort: boolean;
}

interface BacktestState {
  strategies: string[];
  progress?: BacktestProgress;
  result?: BacktestResult;
  error?: string;
  attach(client: QuorumClient): void;
  start(form: BacktestForm): Promise<void>;
  cancel(): Promise<void>;
  load(runId: number): Promise<void>;
}

let client: QuorumClient | undefined;

export const useBacktestStore = create<BacktestState>((set, get) => ({
  strategies: [],
  attach(c) {
    client = c;
    c.on('backtest.progress', (p) => {
      if (get().progress?.jobId !== p.jobId) return;
      set({ progress: p, ...(p.state === 'failed' ? { error: p.error } : {}) });
      if (p.state === 'finished' && p.runId) void get().load(p.runId);
    });
    void c.request('backtest.strategies', {}).then((strategies) => set({ strategies }));
  },
  async start(form) {
    if (!client) return;
    set({ error: undefined, result: undefined, progress: undefined });
    try {
      const { data, strategy, params, ...options } = form;
      const { jobId, runId } = await client.request('backtest.start', { data, strategy, params, options });
      set({ progress: { jobId, runId, state: 'running', done: 0, total: 0 } });
    } catch (err) {
      set({ error: err instanceof EngineRequestError || err instanceof Error ? err.message : String(err) });
    }
  },
  async cancel() {
    const jobId = get().progress?.jobId;
    if (client && jobId) await client.request('backtest.cancel', { jobId });
  },
  async load(runId) {
    if (!client) return;
    try {
      set({ result: await client.request('backtest.load', { runId }) });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
}));
