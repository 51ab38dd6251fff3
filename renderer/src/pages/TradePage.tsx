// Trade page: start a paper (or armed live) session, watch its position, equity and each decision with its votes.
import { useState } from 'react';
import { formatTime } from '../format';
import { useBacktestStore } from '../state/backtest-store';
import { useDeskStore, type DeskForm } from '../state/desk-store';
import { KeysPanel } from './trade/KeysPanel';

const TIMEFRAMES: DeskForm['timeframe'][] = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function TradePage() {
  const { status, feed, error, notice, start, stop } = useDeskStore();
  const strategies = useBacktestStore((s) => s.strategies);
  const [form, setForm] = useState<DeskForm>({ account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'panel', mode: 'paper', cash: 10_000 });
  const set = <K extends keyof DeskForm>(k: K, v: DeskForm[K]) => setForm({ ...form, [k]: v });
  return (
    <section className="page">
      <h2>Trade</h2>
      <section className="panel">
        {status?.running ? (
          <div data-testid="desk-running">
            <p>
              <strong className={status.request?.mode === 'live' ? 'error-text' : ''}>{status.request?.mode.toUpperCase()}</strong>{' '}
              {status.request?.strategy} on {status.request?.account} {status.request?.symbol} {status.request?.timeframe} · run #{status.runId}
              {status.lastBarTime ? ` · last bar ${formatTime(status.lastBarTime)}` : ''}
            </p>
            <p data-testid="desk-book">
              Equity {status.equity?.toFixed(2)} · cash {status.cash?.toFixed(2)} · position {status.position ? `${status.position.size} @ ${status.position.entryPrice}` : 'flat'}
            </p>
            <button onClick={() => void stop()} data-testid="desk-stop">Stop session</button>
          </div>
        ) : (
          <div className="row">
            <select value={form.mode} onChange={(e) => set('mode', e.target.value as DeskForm['mode'])} aria-label="mode" data-testid="desk-mode"><option value="paper">paper</option><option value="live">live</option></select>
            <input value={form.account} onChange={(e) => set('account', e.target.value)} aria-label="account" />
            <input value={form.symbol} onChange={(e) => set('symbol', e.target.value)} aria-label="symbol" data-testid="desk-symbol" />
            <select value={form.timeframe} onChange={(e) => set('timeframe', e.target.value as DeskForm['timeframe'])} aria-label="timeframe">{TIMEFRAMES.map((t) => <option key={t}>{t}</option>)}</select>
            <select value={form.strategy} onChange={(e) => set('strategy', e.target.value)} aria-label="strategy" data-testid="desk-strategy">{strategies.map((s) => <option key={s}>{s}</option>)}</select>
            {form.mode === 'paper' && <label>cash <input type="number" value={form.cash} onChange={(e) => set('cash', Number(e.target.value))} /></label>}
            <button onClick={() => void start(form)} data-testid="desk-start">Start {form.mode} session</button>
          </div>
        )}
        {status?.error && <p className="error">{status.error}</p>}
      </section>
      {notice && <p className="notice">{notice}</p>}
      {error && <p className="error" role="alert" data-testid="desk-error">{error}</p>}
      <h3>Decisions</h3>
      <ul className="reports" data-testid="decision-feed">
        {feed.map((d) => (
          <li key={d.time} className={d.veto ? 'bad' : 'ok'}>
            <strong>{formatTime(d.time)}</strong> {d.action} · score {d.score.toFixed(3)}{d.alignment ? ` · ${d.alignment}` : ''}{d.veto ? ` · veto: ${d.veto}` : ''}
            {d.votes.map((v) => <div key={v.agent} className="reason">{v.agent}: {v.direction.toFixed(2)} × {v.confidence.toFixed(2)} — {v.reasons.join('; ')}</div>)}
          </li>
        ))}
        {feed.length === 0 && <li className="muted">Decisions appear here as candles close.</li>}
      </ul>
      <KeysPanel />
    </section>
  );
}
