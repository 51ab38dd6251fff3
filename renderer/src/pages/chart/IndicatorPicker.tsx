// Adds and removes the chart's indicator studies, chosen from the engine's registry: overlays go on the price, the rest
// in panes of their own. Params start at the registry's defaults; the engine checks them and names a bad one.
import { useState } from 'react';
import type { IndicatorInfo } from '../../../../shared/indicators-contract';
import type { Study } from '../../state/chart-store';

export const studyLabel = (s: Study) => s.id.replace(/^[a-z]+/, (n) => n.toUpperCase());

export function IndicatorPicker({ catalog, studies, error, onAdd, onRemove }: {
  catalog: readonly IndicatorInfo[];
  studies: readonly Study[];
  error?: string;
  onAdd: (name: string, params: Record<string, number>) => void;
  onRemove: (id: string) => void;
}) {
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [local, setLocal] = useState<string>();
  const chosen = catalog.find((i) => i.name === name);
  const choose = (next: string) => {
    setName(next);
    setLocal(undefined);
    const info = catalog.find((i) => i.name === next);
    setValues(info ? Object.fromEntries(Object.entries(info.params).map(([k, v]) => [k, String(v)])) : {});
  };
  const add = () => {
    if (!chosen) return;
    const params: Record<string, number> = {};
    for (const key of Object.keys(chosen.params)) {
      const v = Number(values[key]);
      if (values[key]?.trim() === '' || !Number.isFinite(v)) return setLocal(`${key} must be a number, got "${values[key] ?? ''}"`);
      params[key] = v;
    }
    setLocal(undefined);
    onAdd(chosen.name, params);
  };
  const group = (kind: IndicatorInfo['kind']) => catalog.filter((i) => i.kind === kind).map((i) => (
    <option key={i.name} value={i.name} title={i.description}>{i.name.toUpperCase()}</option>
  ));
  return (
    <div className="row study-picker" role="group" aria-label="Indicators">
      <select value={name} aria-label="indicator" data-testid="chart-indicator" onChange={(e) => choose(e.target.value)} disabled={catalog.length === 0}>
        <option value="">add an indicator…</option>
        <optgroup label="On the price">{group('overlay')}</optgroup>
        <optgroup label="In a pane">{group('pane')}</optgroup>
      </select>
      {chosen && Object.keys(chosen.params).map((key) => (
        <label key={key} className="study-param">
          {key}
          <input type="number" step="any" value={values[key] ?? ''} aria-label={`${chosen.name} ${key}`} data-testid={`chart-indicator-param-${key}`}
            onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} onKeyDown={(e) => { if (e.key === 'Enter') add(); }} />
        </label>
      ))}
      {chosen && <button onClick={add} data-testid="chart-indicator-add">Add {chosen.name.toUpperCase()}</button>}
      <ul className="study-chips" aria-label="Indicators on the chart">
        {studies.map((s) => (
          <li key={s.id} data-testid={`chart-study-${s.id}`}>
            {studyLabel(s)}
            <button className="link" onClick={() => onRemove(s.id)} aria-label={`Remove ${studyLabel(s)}`}>×</button>
          </li>
        ))}
      </ul>
      {(local ?? error) && <p className="error" role="alert" data-testid="chart-indicator-error">{local ?? error}</p>}
    </div>
  );
}
