// The models: origin, kind, features, label, trained range, validation scores, size, problem; the panel's one marked,
// with its report, a walk-forward evaluation, and "Use in panel" / "Stop using" per model.
import type { ModelListEntry } from '../../../../shared/models-contract';
import { useModelsStore } from '../../state/models-store';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const score = (v: number | null | undefined, digits = 4) => (typeof v === 'number' ? v.toFixed(digits) : '—');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const TRAINABLE = new Set(['gbdt', 'rf', 'logreg', 'ensemble']);

function ModelRow({ m, selected, busy }: { m: ModelListEntry; selected: boolean; busy: boolean }) {
  const { use, evaluate, openReport, report } = useModelsStore();
  const man = m.manifest;
  const v = man?.metrics.validation;
  const wf = man?.metrics.walkForward;
  const usable = !m.problem && man !== undefined;
  return (
    <tr data-testid={`model-row-${m.name}`} data-selected={selected ? 'true' : 'false'} className={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>
        <span className="mono">{m.name}</span>
        {selected && <span className="badge in-panel" data-testid="model-in-panel" title="The panel's Predictor uses this model">in panel</span>}
      </td>
      <td>{m.origin}</td>
      <td>{man?.kind ?? '—'}</td>
      <td className="num">{man?.features.count ?? '—'}</td>
      <td className="num" title={man ? `dead zone ${man.label.deadZone}` : undefined}>{man ? `${man.label.horizon} bars` : '—'}</td>
      <td className="mono" title={man ? `${man.data.dataset}: ${man.data.train.rows} training rows, ${man.data.validation.rows} validation rows` : undefined}>
        {man ? `${man.data.dataset} ${day(man.data.train.from)} → ${day(man.data.validation.to)}` : '—'}
      </td>
      <td className="num" data-testid="model-accuracy">{score(v?.accuracy)}</td>
      <td className="num">{score(v?.logLoss)}</td>
      <td className="num" title={wf ? `walk-forward AUC ${score(wf.auc)} over ${wf.rows} rows` : undefined}>{score(v?.auc)}{wf ? <span className="muted"> (wf {score(wf.auc, 3)})</span> : null}</td>
      <td className="num">{formatBytes(m.sizeBytes)}</td>
      <td className="problem" data-testid="model-problem">{m.problem ?? ''}</td>
      <td className="actions">
        <button onClick={() => void openReport(m.name)} disabled={report?.name === m.name} data-testid="model-report">Report</button>
        <button onClick={() => void evaluate(m.name)} disabled={busy || !usable || !TRAINABLE.has(man.kind)} title="Walk-forward: train on each window's past, score on the next span, backtest the panel with and without it" data-testid="model-evaluate">Evaluate</button>
        {selected
          ? <button onClick={() => void use('')} data-testid="model-stop">Stop using</button>
          : <button onClick={() => void use(m.name)} disabled={!usable} data-testid="model-use">Use in panel</button>}
      </td>
    </tr>
  );
}

export function ModelTable() {
  const { models, loading, selected, job } = useModelsStore();
  const busy = job?.state === 'running';
  if (models.length === 0) {
    return loading
      ? <p className="muted" data-testid="models-loading">Loading models…</p>
      : <p className="muted" data-testid="no-models">No models yet: train one on a stored dataset.</p>;
  }
  const missing = selected !== '' && !models.some((m) => m.name === selected);
  return (
    <>
      {missing && <p className="error" data-testid="selected-missing">The panel is set to use {selected}, which is not in the models folders: pick another or stop using it. <button onClick={() => void useModelsStore.getState().use('')}>Stop using</button></p>}
      <div className="table-scroll">
      <table className="grid models" data-testid="models-table">
        <thead>
          <tr>
            <th>Name</th><th>Origin</th><th>Kind</th><th className="num">Features</th><th className="num">Label</th><th>Trained on</th>
            <th className="num" title="Validation rows: the newest share of the training data, never seen in training">Accuracy</th><th className="num">Log-loss</th><th className="num">AUC</th>
            <th className="num">Size</th><th>Problem</th><th />
          </tr>
        </thead>
        <tbody>
          {models.map((m) => <ModelRow key={`${m.origin}:${m.name}`} m={m} selected={m.name === selected} busy={busy} />)}
        </tbody>
      </table>
      </div>
    </>
  );
}
