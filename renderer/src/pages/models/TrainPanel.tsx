// "Train a model": a stored dataset, the kind, a name, seed and label horizon (and, folded, the dead zone, validation
// share and trainer options). Checked against the contract's schema before sending; errors are shown at their field.
import { useState } from 'react';
import { TRAINABLE_KINDS, type ModelsTrainInput, type TrainableKind } from '../../../../shared/models-contract';
import { useDataStore } from '../../state/data-store';
import { useModelsStore, type FieldErrors } from '../../state/models-store';
import { parseParamText } from '../backtest/BacktestFormPanel';

interface Form {
  dataset: string;
  kind: TrainableKind;
  name: string;
  seed: string;
  horizon: string;
  deadZone: string;
  validationFraction: string;
  params: string;
  replace: boolean;
}

const KIND_HELP: Record<TrainableKind, string> = {
  gbdt: 'gradient-boosted trees (nEstimators, learningRate, maxDepth, …)',
  rf: 'random forest (nEstimators, maxDepth, minSamplesLeaf, …)',
  logreg: 'logistic regression (l2, maxIterations)',
  ensemble: 'all three, weighted (gbdt.nEstimators, rf.maxDepth, logreg.l2, …)',
  gru: 'a small recurrent network over the last rows (hiddenSize, seqLength, maxEpochs, …); takes minutes',
};

/** A model name from the dataset and kind: "gbdt-FIL-USDT-1m". */
function suggestName(kind: string, dataset: string): string {
  const [, symbol = '', tf = ''] = dataset.split(':');
  return `${kind}-${symbol}-${tf}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/[-.]+$/, '').slice(0, 64);
}

/** A number field: blank is "not given", anything else must read as a number (NaN lets the schema say why). */
const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors[field] ?? Object.entries(errors).find(([k]) => k.startsWith(`${field}.`))?.[1];
  return message ? <span className="field-error" role="alert" data-testid={`train-error-${field}`}>{message}</span> : null;
}

export function TrainPanel() {
  const datasets = useDataStore((s) => s.datasets);
  const { train, cancel, job } = useModelsStore();
  const [form, setForm] = useState<Form>({ dataset: '', kind: 'gbdt', name: '', seed: '1', horizon: '5', deadZone: '', validationFraction: '', params: '', replace: false });
  const [named, setNamed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const running = job?.state === 'running';
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    const next = { ...form, [k]: v };
    if (!named && (k === 'dataset' || k === 'kind')) next.name = next.dataset ? suggestName(next.kind, next.dataset) : '';
    setForm(next);
    if (errors[k]) setErrors({ ...errors, [k]: '' });
  };
  const submit = async () => {
    const params = parseParamText(form.params);
    const input: ModelsTrainInput = {
      dataset: form.dataset, kind: form.kind, name: form.name.trim(),
      seed: num(form.seed), horizon: num(form.horizon), deadZone: num(form.deadZone), validationFraction: num(form.validationFraction),
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(form.replace ? { replace: true } : {}),
    };
    for (const k of Object.keys(input) as (keyof ModelsTrainInput)[]) if (input[k] === undefined) delete input[k];
    setSending(true);
    try {
      setErrors((await train(input)) ?? {});
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="panel" data-testid="train-panel">
      <h3>Train a model</h3>
      {datasets.length === 0 && <p className="muted">No stored datasets: import or download candles on the Data page first.</p>}
      <div className="row form-row">
        <label>Dataset
          <select value={form.dataset} onChange={(e) => set('dataset', e.target.value)} data-testid="train-dataset">
            <option value="">dataset…</option>
            {datasets.map((d) => { const k = `${d.exchange}:${d.symbol}:${d.timeframe}`; return <option key={k} value={k}>{k} ({d.rows.toLocaleString('en-US')} bars)</option>; })}
          </select>
          <FieldError errors={errors} field="dataset" />
        </label>
        <label>Kind
          <select value={form.kind} onChange={(e) => set('kind', e.target.value as TrainableKind)} title={KIND_HELP[form.kind]} data-testid="train-kind">
            {TRAINABLE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <FieldError errors={errors} field="kind" />
        </label>
        <label>Name
          <input value={form.name} onChange={(e) => { setNamed(true); set('name', e.target.value); }} placeholder="letters, digits, . - _" data-testid="train-name" />
          <FieldError errors={errors} field="name" />
        </label>
        <label>Seed
          <input type="number" value={form.seed} onChange={(e) => set('seed', e.target.value)} data-testid="train-seed" />
          <FieldError errors={errors} field="seed" />
        </label>
        <label title="The label: is the close this many bars ahead above this one?">Horizon (bars)
          <input type="number" value={form.horizon} onChange={(e) => set('horizon', e.target.value)} data-testid="train-horizon" />
          <FieldError errors={errors} field="horizon" />
        </label>
      </div>
      <details>
        <summary className="muted">More options</summary>
        <div className="row form-row">
          <label title="Moves within ± this fraction are left unlabelled (0.001 = 0.1 %)">Dead zone
            <input type="number" step="0.0005" value={form.deadZone} placeholder="0" onChange={(e) => set('deadZone', e.target.value)} data-testid="train-deadzone" />
            <FieldError errors={errors} field="deadZone" />
          </label>
          <label title="Share of the newest rows kept for validation">Validation share
            <input type="number" step="0.05" value={form.validationFraction} placeholder="0.2" onChange={(e) => set('validationFraction', e.target.value)} data-testid="train-validation" />
            <FieldError errors={errors} field="validationFraction" />
          </label>
          <label title={KIND_HELP[form.kind]}>Trainer options
            <input value={form.params} onChange={(e) => set('params', e.target.value)} placeholder="nEstimators=100, maxDepth=4" data-testid="train-params" />
            <FieldError errors={errors} field="params" />
          </label>
          <label className="inline"><input type="checkbox" checked={form.replace} onChange={(e) => set('replace', e.target.checked)} data-testid="train-replace" /> replace a model of this name</label>
        </div>
      </details>
      <div className="row">
        {running
          ? <button onClick={() => void cancel()} data-testid="models-cancel">Cancel {job.kind === 'train' ? 'training' : 'evaluation'}</button>
          : <button disabled={sending} onClick={() => void submit()} data-testid="train-start">Train</button>}
        <FieldError errors={errors} field="form" />
        {errors.jobId && <span className="field-error" role="alert">{errors.jobId}</span>}
      </div>
    </section>
  );
}
