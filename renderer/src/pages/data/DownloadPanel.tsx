// Download: fetch missing candles for a symbol and timeframe from an exchange (the engine fills only the gaps).
import { useState } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain';
import { useDataStore } from '../../state/data-store';

const DAY = 86_400_000;

export function DownloadPanel() {
  const download = useDataStore((s) => s.download);
  const [exchange, setExchange] = useState('binance');
  const [symbol, setSymbol] = useState('BTC/USDT');
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const [from, setFrom] = useState(new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10));
  const [to, setTo] = useState('');
  const submit = () => {
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = to ? Date.parse(`${to}T00:00:00Z`) : undefined;
    if (Number.isFinite(fromMs)) void download({ exchange, symbol, timeframe, from: fromMs, to: toMs });
  };
  return (
    <section className="panel">
      <h3>Download candles</h3>
      <div className="row">
        <input value={exchange} onChange={(e) => setExchange(e.target.value)} aria-label="exchange" data-testid="dl-exchange" />
        <input value={symbol} onChange={(e) => setSymbol(e.target.value)} aria-label="symbol" data-testid="dl-symbol" />
        <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)} aria-label="timeframe" data-testid="dl-timeframe">
          {TIMEFRAMES.map((tf) => <option key={tf} value={tf}>{tf}</option>)}
        </select>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="from" data-testid="dl-from" />
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="to" />
        <button onClick={submit} data-testid="dl-button">Download</button>
      </div>
    </section>
  );
}
