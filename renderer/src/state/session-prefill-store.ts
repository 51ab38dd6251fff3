// A start-session form filled in elsewhere for the Desk to open: the first-run guide offers to paper-trade the
// strategy it has just backtested, with the same market, parameters and money.
import { create } from 'zustand';
import type { DeskStartForm } from './desk-page-store';

export interface SessionPrefill {
  form: DeskStartForm;
  /** Where the values come from ("backtest run #3"), said above the form. */
  from: string;
}

interface SessionPrefillState {
  prefill?: SessionPrefill;
  offer(prefill: SessionPrefill): void;
  /** Started or cancelled: the Desk's form goes back to its own defaults. */
  clear(): void;
}

export const useSessionPrefillStore = create<SessionPrefillState>((set) => ({
  offer: (prefill) => set({ prefill }),
  clear: () => set({ prefill: undefined }),
}));

const FORM_TIMEFRAMES: readonly string[] = ['1m', '5m', '15m', '1h', '4h', '1d'] satisfies DeskStartForm['timeframe'][];

/**
 * A paper session like a backtest: its dataset ("binance:BTC/USDT:1h") gives the venue, market and timeframe; its
 * strategy and parameters as the Desk's form writes them ("fast=10 slow=30"); paper cash and budget are the
 * backtest's starting cash, so the session trades the same money.
 */
export function paperFormFrom(dataset: string, run: { strategy: string; params: Record<string, unknown> }, cash: number): DeskStartForm {
  const [exchange, symbol, timeframe] = dataset.split(':');
  if (!exchange || !symbol || !timeframe) throw new Error(`dataset "${dataset}" is not exchange:symbol:timeframe`);
  const params = Object.entries(run.params)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && /^\S+$/.test(v)))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return {
    mode: 'paper', account: exchange, symbol, strategy: run.strategy, params, cash, budget: String(cash), resumeOnStart: false,
    // A dataset in a timeframe the form does not offer (30m, 1w …) starts at 1h: the trader sees it and can change it.
    timeframe: FORM_TIMEFRAMES.includes(timeframe) ? (timeframe as DeskStartForm['timeframe']) : '1h',
  };
}
