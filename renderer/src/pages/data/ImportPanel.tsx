// Import: drop files or pick them (uploaded to the engine), or, in the desktop app, choose them in the engine's own
// file dialog (the page never names a path); options and results.
import { useState, type DragEvent } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain';
import { useDataStore, type ImportOptions } from '../../state/data-store';
import { useEngineStore } from '../../state/engine-store';

export function ImportPanel() {
  const { importFiles, chooseAndImport, imports } = useDataStore();
  const fileDialogs = useEngineStore((s) => s.status?.fileDialogs ?? false);
  const [over, setOver] = useState(false);
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
      {fileDialogs && (
        <div className="row">
          <button onClick={() => void chooseAndImport(options())} data-testid="choose-files-button">Open files on this machine…</button>
        </div>
      )}
      <div className="row">
        <input placeholder="symbol (if the file doesn't say)" value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe | '')} aria-label="timeframe">
          <option value="">timeframe from file</option>
          {TIMEFRAMES.map((tf) => <option key={tf} value={tf}>{tf}</option>)}
        </select>
        <select value={onError} onChange={(e) => setOnError(e.target.value as 'reject' | 'skip')} aria-label="on a bad row">
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
