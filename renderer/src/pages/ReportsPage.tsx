// Daily reports: pick an account and a UTC day, see the report the engine builds (as `quorum report daily` and the
// day-end job do), and save it as the self-contained HTML page or the CSV trade journal.
import { useEffect } from 'react';
import { useEngineStore } from '../state/engine-store';
import { useReportStore } from '../state/report-store';
import { DailyReportView } from './reports/DailyReportView';
import './ops.css';

export function ReportsPage() {
  const client = useEngineStore((s) => s.client);
  const { accounts, account, date, loading, shown, notice, error, attach, choose, load, save } = useReportStore();
  useEffect(() => {
    if (client) attach(client);
  }, [client, attach]);
  return (
    <section className="page">
      <h2>Daily report</h2>
      <div className="row">
        <label>Account
          <select value={account} onChange={(e) => choose({ account: e.target.value })} data-testid="report-account">
            {accounts.length === 0 && <option value="">no account has traded yet</option>}
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.id}</option>)}
          </select>
        </label>
        <label>UTC day <input type="date" value={date} onChange={(e) => choose({ date: e.target.value })} data-testid="report-date" /></label>
        <button onClick={() => void load()} disabled={!account || loading} data-testid="report-show">{loading ? 'Building…' : 'Show report'}</button>
        {shown && <>
          <button onClick={() => void save('html')} data-testid="report-save-html">Export HTML</button>
          <button onClick={() => void save('csv')} data-testid="report-save-csv">Export CSV journal</button>
        </>}
      </div>
      {notice && <p className="notice" data-testid="report-notice">{notice}</p>}
      {error && <p className="error" role="alert" data-testid="report-error">{error}</p>}
      {shown && <DailyReportView report={shown.report} />}
    </section>
  );
}
