// Backtest state for the UI (zustand): strategies, the running job's progress, cancel, the loaded result, the stored
// runs to reopen, a second run to compare with, and the exports (HTML report, trades CSV).
import { create } from 'zustand';
import type { BacktestProgress, BacktestResult } from '../../../shared/backtest-contract';
import type { Run } from '../../../shared/runs-contract';
import type { QuorumClient } from '../api/client';
import { EngineRequestError } from '../api/client';
import { saveText } from '../api/save-file';
import { tradesCsv } from '../pages/backtest/trades-csv';

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
  /** UTC days (YYYY-MM-DD), both included; empty for the dataset's first or last bar. */
  fromDay?: string;
  toDay?: string;
}

const DAY_MS = 86_400_000;

/** A UTC day's first millisecond (or, with `end`, its last); undefined for an empty field. */
export function dayMs(day: string | undefined, end = false): number | undefined {
  if (!day) return undefined;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) ? (end ? t + DAY_MS - 1 : t) : undefined;
}

interface BacktestState {
  strategies: string[];
  progress?: BacktestProgress;
  result?: BacktestResult;
  /** The run shown beside `result` for comparison. */
  compare?: BacktestResult;
  /** Stored backtests, newest first. */
  runs: Run[];
  error?: string;
  attach(client: QuorumClient): void;
  start(form: BacktestForm): Promise<void>;
  cancel(): Promise<void>;
  load(runId: number): Promise<void>;
  refreshRuns(): Promise<void>;
  compareWith(runId: number | undefined): Promise<void>;
  exportReport(runId: number): Promise<void>;
  exportTrades(): void;
}

let client: QuorumClient | undefined;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const useBacktestStore = create<BacktestState>((set, get) => ({
  strategies: [],
  runs: [],
  attach(c) {
    client = c;
    c.on('backtest.progress', (p) => {
      if (get().progress?.jobId !== p.jobId) return;
      set({ progress: p, ...(p.state === 'failed' ? { error: p.error } : {}) });
      if (p.state === 'finished' && p.runId) void get().load(p.runId).then(() => get().refreshRuns());
    });
    void c.request('backtest.strategies', {}).then((strategies) => set({ strategies }));
    void get().refreshRuns();
  },
  async start(form) {
    if (!client) return;
    set({ error: undefined, result: undefined, progress: undefined });
    try {
      const { data, strategy, params, fromDay, toDay, ...options } = form;
      const range = { from: dayMs(fromDay), to: dayMs(toDay, true) };
      const { jobId, runId } = await client.request('backtest.start', {
        data, strategy, params, options, ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}),
      });
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
      const result = await client.request('backtest.load', { runId });
      set({ result, error: undefined, ...(get().compare?.run.id === runId ? { compare: undefined } : {}) });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async refreshRuns() {
    if (!client) return;
    try {
      const runs = await client.request('runs.list', { limit: 200 });
      set({ runs: runs.filter((r) => r.kind === 'backtest' && r.status === 'finished') });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async compareWith(runId) {
    if (!client) return;
    if (runId === undefined) return set({ compare: undefined });
    try {
      set({ compare: await client.request('backtest.load', { runId }), error: undefined });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async exportReport(runId) {
    if (!client) return;
    try {
      const { fileName, html } = await client.request('backtest.report', { runId });
      saveText(fileName, html, 'text/html');
    } catch (err) {
      set({ error: message(err) });
    }
  },
  exportTrades() {
    const result = get().result;
    if (result) saveText(`quorum-run-${result.run.id}-trades.csv`, tradesCsv(result.trades), 'text/csv');
  },
}));
