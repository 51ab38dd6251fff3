// Models page: the shipped and trained models with their manifests and reports, training one on a stored dataset
// with progress and cancel, a walk-forward evaluation, and choosing the one the panel's Predictor uses.
import { useEffect } from 'react';
import { ProgressBar } from '../components/ProgressBar';
import { useEngineStore } from '../state/engine-store';
import { useModelsStore } from '../state/models-store';
import { ModelTable } from './models/ModelTable';
import { ReportViewer } from './models/ReportViewer';
import { TrainPanel } from './models/TrainPanel';

export function ModelsPage() {
  const client = useEngineStore((s) => s.client);
  const { attach, job, notice, error, selected } = useModelsStore();
  useEffect(() => {
    if (client) attach(client);
  }, [client, attach]);
  const running = job?.state === 'running';
  const what = job?.kind === 'evaluate' ? 'Evaluating' : 'Training';
  return (
    <section className="page">
      <h2>Models</h2>
      <p className="muted" data-testid="models-selected">
        {selected ? <>The panel&apos;s Predictor uses <span className="mono">{selected}</span>.</> : 'The panel uses no model (no Predictor vote).'}
      </p>
      <ModelTable />
      {running && (
        <div className="row" data-testid="models-progress">
          <ProgressBar fraction={job.total ? job.done / job.total : 0} label={`${what} ${job.name ?? ''}: ${job.message}`} />
        </div>
      )}
      {job?.state === 'cancelled' && <p className="notice" data-testid="models-cancelled">{what} {job.name} cancelled: nothing was written.</p>}
      {job?.state === 'failed' && <p className="error" role="alert" data-testid="models-failed">{what} {job.name} failed: {job.error}</p>}
      {notice && <p className="notice" data-testid="models-notice">{notice}</p>}
      {error && <p className="error" role="alert" data-testid="models-error">{error}</p>}
      <ReportViewer />
      <TrainPanel />
    </section>
  );
}
