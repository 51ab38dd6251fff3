// The sweep form: dataset, strategy, one row per parameter axis (from, to, step), the metric, costs and workers; in
// walk-forward mode also the train and test spans. The live combination count warns before the engine refuses.
import { useState } from 'react';
import { gridSize, MAX_GRID, SWEEP_METRICS, type SweepMetric } from '../../../../shared/sweep-contract';
import { useBacktestStore } from '../../state/backtest-store';
import { useDataStore } from '../../state/data-store';
import { useSweepStore } from '../../state/sweep-store';
import { axesFor, toAxes, type AxisRow } from './defaults';

export type Mode = 'sweep' | 'walkforward';

interface Form {
  data: string;
  strategy: string;
  axes: AxisRow[];
  metric: SweepMetric;
  workers: string;
  cash: number;
  commission: number;
  risk: boolean;
  train: string;
  test: string;
  anchored: boolean;
}

/** aria-invalid for the control the engine named (axes.1.step → row 1's step). */
const invalid = (field: string | undefined, name: string) => (field !== undefined && (field === name || field.startsWith(`${name}.`)) ? true : undefined);

export function GridForm({ mode }: { mode: Mode }) {
  const datasets = useDataStore((s) => s.datasets);
  const strategies = useBacktestStore((s) => s.strategies);
  const { starting, progress, errorField, startSweep, startWalkForward, cancel } = useSweepStore();
  const [form, setForm] = useState<Form>({
    data: '', strategy: 'sma-cross', axes: axesFor('sma-cross'), metric: 'sharpe', workers: '', cash: 10_000, commission: 0.001, risk: true,
    train: '60d', test: '30d', anchored: false,
  });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setAxis = (i: number, patch: Partial<AxisRow>) => set('axes', form.axes.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const axes = toAxes(form.axes);
  const combos = axes.every((a) => [a.from, a.to, a.step].every(Number.isFinite) && a.step > 0) ? gridSize(axes) : Number.NaN;
  const running = starting || progress?.state === 'running';
  const submit = () => {
    const common = {
      data: form.data, strategy: form.strategy, axes, metric: form.metric,
      options: { cash: form.cash, commission: form.commission, ...(form.risk ? {} : { risk: false }) },
      ...(form.workers.trim() !== '' ? { workers: Number(form.workers) } : {}),
    };
    if (mode === 'sweep') void startSweep(common);
    else void startWalkForward({ ...common, train: form.train.trim(), test: form.test.trim(), anchored: form.anchored });
  };
  const field = errorField;
  return (
    <section className="panel" aria-label={mode === 'sweep' ? 'sweep settings' : 'walk-forward settings'}>
      <div className="row">
        <label>dataset{' '}
          <select value={form.data} onChange={(e) => set('data', e.target.value)} data-testid="sw-data" aria-invalid={invalid(field, 'data')}>
            <option value="">choose…</option>
            {datasets.map((d) => { const k = `${d.exchange}:${d.symbol}:${d.timeframe}`; return <option key={k} value={k}>{k}</option>; })}
          </select>
        </label>
        <label>strategy{' '}
          <select value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value, axes: axesFor(e.target.value) })} data-testid="sw-strategy" aria-invalid={invalid(field, 'strategy')}>
            {(strategies.length ? strategies : [form.strategy]).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>{mode === 'sweep' ? 'rank by' : 'pick by'}{' '}
          <select value={form.metric} onChange={(e) => set('metric', e.target.value as SweepMetric)} data-testid="sw-metric" aria-invalid={invalid(field, 'metric')}>
            {SWEEP_METRICS.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>workers{' '}
          <input type="number" min={1} max={256} value={form.workers} placeholder="all cores" onChange={(e) => set('workers', e.target.value)} className="sw-small" data-testid="sw-workers" aria-invalid={invalid(field, 'workers')} />
        </label>
      </div>
      <fieldset className="sw-axes" aria-invalid={field === 'axes' ? true : undefined} data-testid="sw-axes">
        <legend>Parameter grid</legend>
        {form.axes.map((a, i) => (
          <div className="row sw-axis" key={i} data-testid={`sw-axis-${i}`}>
            <label>parameter <input value={a.key} onChange={(e) => setAxis(i, { key: e.target.value })} data-testid={`sw-axis-${i}-key`} aria-invalid={invalid(field, `axes.${i}.key`)} /></label>
            {(['from', 'to', 'step'] as const).map((k) => (
              <label key={k}>{k} <input type="number" step="any" value={a[k]} onChange={(e) => setAxis(i, { [k]: e.target.value })} className="sw-small" data-testid={`sw-axis-${i}-${k}`} aria-invalid={invalid(field, `axes.${i}.${k}`)} /></label>
            ))}
            <button onClick={() => set('axes', form.axes.filter((_, j) => j !== i))} disabled={form.axes.length === 1} aria-label={`remove parameter ${a.key || i + 1}`}>✕</button>
          </div>
        ))}
        <div className="row">
          <button onClick={() => set('axes', [...form.axes, { key: '', from: '1', to: '10', step: '1' }])} disabled={form.axes.length >= 8} data-testid="sw-add-axis">Add parameter</button>
          <span className={combos > MAX_GRID ? 'error-text' : 'muted'} data-testid="sw-combos" aria-live="polite">
            {Number.isNaN(combos) ? 'check from, to and step' : `${combos} combination${combos === 1 ? '' : 's'}${combos > MAX_GRID ? ` (at most ${MAX_GRID})` : ''}${mode === 'walkforward' ? ' per window' : ''}`}
          </span>
        </div>
      </fieldset>
      <div className="row">
        {mode === 'walkforward' && <>
          <label>train <input value={form.train} onChange={(e) => set('train', e.target.value)} title="30d, 12h, 2w or a bar count" className="sw-small" data-testid="wf-train" aria-invalid={invalid(field, 'train')} /></label>
          <label>test <input value={form.test} onChange={(e) => set('test', e.target.value)} title="7d, 12h, 2w or a bar count" className="sw-small" data-testid="wf-test" aria-invalid={invalid(field, 'test')} /></label>
          <label><input type="checkbox" checked={form.anchored} onChange={(e) => set('anchored', e.target.checked)} data-testid="wf-anchored" /> anchored</label>
        </>}
        <label>cash <input type="number" value={form.cash} onChange={(e) => set('cash', Number(e.target.value))} className="sw-small" aria-invalid={invalid(field, 'options.cash')} /></label>
        <label>commission <input type="number" step="0.0001" value={form.commission} onChange={(e) => set('commission', Number(e.target.value))} className="sw-small" aria-invalid={invalid(field, 'options.commission')} /></label>
        <label><input type="checkbox" checked={form.risk} onChange={(e) => set('risk', e.target.checked)} /> apply risk limits</label>
        {running
          ? <button onClick={() => void cancel()} disabled={starting} data-testid="sw-cancel">Cancel</button>
          : <button disabled={!form.data} onClick={submit} data-testid="sw-run">{mode === 'sweep' ? 'Run sweep' : 'Run walk-forward'}</button>}
      </div>
    </section>
  );
}
