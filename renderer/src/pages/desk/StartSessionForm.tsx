// Starting a session from the Desk: market, strategy and its parameters, paper cash or a live account, budget and
// whether it comes back by itself after a restart. `initial` fills it in (the first-run guide's paper session).
import { useState, type FormEvent } from 'react';
import { useBacktestStore } from '../../state/backtest-store';
import { useDeskPageStore, type DeskStartForm } from '../../state/desk-page-store';

const TIMEFRAMES: DeskStartForm['timeframe'][] = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function StartSessionForm({ onDone, initial }: { onDone: () => void; initial?: DeskStartForm }) {
  const strategies = useBacktestStore((s) => s.strategies);
  const { start, busy } = useDeskPageStore();
  const [form, setForm] = useState<DeskStartForm>(initial ?? {
    mode: 'paper', account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'panel', params: '', cash: 10_000, budget: '', resumeOnStart: false,
  });
  const set = <K extends keyof DeskStartForm>(k: K, v: DeskStartForm[K]) => setForm({ ...form, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await start(form)) onDone();
  };
  return (
    <form className="desk-start row form-row" onSubmit={(e) => void submit(e)} aria-label="Start a session" data-testid="desk-start-form">
      <label>Mode
        <select value={form.mode} onChange={(e) => set('mode', e.target.value as DeskStartForm['mode'])} data-testid="desk-form-mode">
          <option value="paper">paper</option><option value="live">live</option>
        </select>
      </label>
      <label>Account<input value={form.account} onChange={(e) => set('account', e.target.value)} size={10} /></label>
      <label>Symbol<input value={form.symbol} onChange={(e) => set('symbol', e.target.value)} size={10} data-testid="desk-form-symbol" /></label>
      <label>Timeframe
        <select value={form.timeframe} onChange={(e) => set('timeframe', e.target.value as DeskStartForm['timeframe'])}>{TIMEFRAMES.map((t) => <option key={t}>{t}</option>)}</select>
      </label>
      <label>Strategy
        <select value={form.strategy} onChange={(e) => set('strategy', e.target.value)} data-testid="desk-form-strategy">
          {(strategies.includes(form.strategy) ? strategies : [form.strategy, ...strategies]).map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label>Parameters<input value={form.params} onChange={(e) => set('params', e.target.value)} placeholder="fast=10 slow=30" size={14} data-testid="desk-form-params" /></label>
      {form.mode === 'paper' && <label>Paper cash<input type="number" min={1} value={form.cash} onChange={(e) => set('cash', Number(e.target.value))} /></label>}
      <label>Budget<input type="number" min={0} value={form.budget} onChange={(e) => set('budget', e.target.value)} placeholder="¼ of free" data-testid="desk-form-budget" /></label>
      <label className="inline"><input type="checkbox" checked={form.resumeOnStart} onChange={(e) => set('resumeOnStart', e.target.checked)} /> resume on start</label>
      <button type="submit" className={form.mode === 'live' ? 'danger' : ''} disabled={busy} data-testid="desk-form-start">Start {form.mode} session</button>
      <button type="button" onClick={onDone}>Cancel</button>
    </form>
  );
}
