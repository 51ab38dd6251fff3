// A model's report (NAME.report.md) and, when it was evaluated, its walk-forward evaluation, as simple markdown.
import { useState } from 'react';
import { useModelsStore } from '../../state/models-store';
import { Markdown } from './Markdown';

export function ReportViewer() {
  const { report, closeReport } = useModelsStore();
  const [tab, setTab] = useState<'report' | 'evaluation'>('report');
  if (!report) return null;
  const shown = tab === 'evaluation' && report.evaluation ? 'evaluation' : 'report';
  return (
    <section className="panel report-viewer" data-testid="model-report-viewer">
      <div className="row">
        <h3>Model {report.name}</h3>
        <button className={shown === 'report' ? 'tab active' : 'tab'} onClick={() => setTab('report')} data-testid="report-tab-report">Training report</button>
        <button className={shown === 'evaluation' ? 'tab active' : 'tab'} disabled={!report.evaluation} onClick={() => setTab('evaluation')}
          title={report.evaluation ? undefined : 'Not evaluated yet: use Evaluate in the table'} data-testid="report-tab-evaluation">Walk-forward evaluation</button>
        <button onClick={closeReport} data-testid="report-close">Close</button>
      </div>
      <Markdown text={shown === 'evaluation' ? (report.evaluation ?? '') : report.markdown} testId="model-report-text" />
    </section>
  );
}
