// Import: drop files or pick them (uploaded to the engine), or name a path the engine can read; options and results.
import { useState, type DragEvent } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain';
import { useDataStore, type ImportOptions } from '../../state/data-store';

export function ImportPanel() {
  const { importFiles, importPaths, imports } = useDataStore();
  const [over, setOver] = useState(false);
  const [path, setPath] = useState('');
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe | ''>('');
  const [onError, setOnError] = useState<'reject' | 'skip'>('reject');
  const options = (): ImportOptions => ({ symbol: symbol || undefined, timeframe: timeframe || undefined, onError });
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void importFiles(Array.from(e.dataTransfer.files), options());
  };
  return (
    <section className="panel">
      <h3>Import candles</h3>
      <div className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop} data-testid="dropzone">
        Drop Binance CSV/zip, freqtrade JSON(.gz) or CSV files here, or{' '}
        <label className="link">choose files<input type="file" multiple hidden data-testid="file-input" onChange={(e) => void importFiles(Array.from(e.target.files ?? []), options())} /></label>
      </div>
      <div className="row">
        <input placeholder="…or a file path on this machine" value={path} onChange={(e) => setPath(e.target.value)} data-testid="import-path" />
        <button disabled={!path} onClick={() => void importPaths([path], options())} data-testid="import-path-button">Import path</button>
      </div>
      <div className="row">
        <input placeholder="symbol (if the file doesn't say)" value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe | '')}>
          <option value="">timeframe from file</option>
          {TIMEFRAMES.map((tf) => <option key={tf} value={tf}>{tf}</option>)}
        </select>
        <select value={onError} onChange={(e) => setOnError(e.target.value as 'reject' | 'skip')}>
          <option value="reject">reject a bad file</option>
          <option value="skip">skip bad rows</option>
        </select>
      </div>
      {imports.length > 0 && (
        <ul className="reports" data-testid="import-results">
          {imports.map((r) => (
            <li key={r.file} className={r.committed ? 'ok' : 'bad'}>
              <strong>{r.key.symbol} {r.key.timeframe}</strong> {r.committed ? 'stored' : 'rejected'}: {r.report.rowsRead} read, {r.inserted} new, {r.unchanged} unchanged, {r.report.rowsSkipped} skipped
              {r.report.problems.slice(0, 5).map((p) => <div key={`${p.line}-${p.kind}`} className="mono problem">{p.message}</div>)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
