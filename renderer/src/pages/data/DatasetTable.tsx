// Stored datasets: symbol, timeframe, range, rows, gaps, with a two-step delete.
import { useState } from 'react';
import type { Dataset } from '../../../../shared/data-contract';
import { formatTime } from '../../format';
import { useDataStore } from '../../state/data-store';

const keyOf = (d: Dataset) => `${d.exchange}:${d.symbol}:${d.timeframe}`;

export function DatasetTable() {
  const { datasets, remove } = useDataStore();
  const [confirming, setConfirming] = useState<string>();
  if (datasets.length === 0) return <p className="muted" data-testid="no-datasets">No datasets yet: import a file or download candles.</p>;
  return (
    <table className="grid" data-testid="dataset-table">
      <thead>
        <tr><th>Exchange</th><th>Symbol</th><th>Timeframe</th><th>From</th><th>To</th><th className="num">Rows</th><th className="num">Gaps</th><th /></tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={keyOf(d)} data-testid={`dataset-${keyOf(d)}`}>
            <td>{d.exchange}</td>
            <td>{d.symbol}</td>
            <td>{d.timeframe}</td>
            <td className="mono">{formatTime(d.firstTime)}</td>
            <td className="mono">{formatTime(d.lastTime)}</td>
            <td className="num" data-testid="rows">{d.rows.toLocaleString('en-US')}</td>
            <td className="num" title={`${d.missingBars} missing bars`}>{d.gapRanges === 0 ? 'none' : `${d.gapRanges} (${d.missingBars} bars)`}</td>
            <td>
              {confirming === keyOf(d) ? (
                <>
                  <button className="danger" onClick={() => { setConfirming(undefined); void remove(d); }}>Confirm delete</button>
                  <button onClick={() => setConfirming(undefined)}>Cancel</button>
                </>
              ) : (
                <button onClick={() => setConfirming(keyOf(d))}>Delete…</button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
