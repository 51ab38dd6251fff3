// The backtest form: data, strategy and its params, costs, fills, sizing. A strategy's params are a form built from
// its schema (shared/strategy-params.ts, the one the engine checks them with); the agent panel, whose params are its
// settings by dotted path, takes overrides as text.
import { useMemo, useState } from 'react';
import { defaultStrategyParams, strategyParamSchema } from '../../../../shared/strategy-params';
import { SchemaForm } from '../../components/SchemaForm';
import { useBacktestStore, type BacktestForm } from '../../state/backtest-store';
import { useDataStore } from '../../state/data-store';

/** Override text a strategy without a schema opens on. */
const DEFAULT_PARAM_TEXT: Record<string, string> = { panel: 'thresholds.enterLong=0.3' };

/** The schema form's latest report, tagged with its strategy so a switch never sends the previous one's values. */
interface ParamDraft {
  strategy: string;
  value: unknown;
  valid: boolean;
}

export function parseParamText(text: string): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const pair of text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const [k, v = ''] = pair.split('=').map((x) => x.trim());
    out[k] = v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

export function BacktestFormPanel() {
  const datasets = useDataStore((s) => s.datasets);
  const { strategies, start, cancel, progress } = useBacktestStore();
  const [form, setForm] = useState<Omit<BacktestForm, 'params'> & { paramText: string }>({
    data: '', strategy: 'sma-cross', paramText: '', cash: 10_000, commission: 0.001, slippage: 'none', fill: 'next-open', sizing: 'all-in', allowShort: false,
  });
  const schema = strategyParamSchema(form.strategy);
  // One object per strategy: the form resets its draft whenever `value` changes identity.
  const defaults = useMemo(() => defaultStrategyParams(form.strategy), [form.strategy]);
  const [draft, setDraft] = useState<ParamDraft>();
  const current = draft?.strategy === form.strategy ? draft : { strategy: form.strategy, value: defaults, valid: true };
  const running = progress?.state === 'running' || progress?.state === 'loading';
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  const submit = () => {
    const { paramText, ...rest } = form;
    void start({ ...rest, params: schema ? (current.value as BacktestForm['params']) : parseParamText(paramText) });
  };
  return (
    <section className="panel">
      <div className="row">
        <select value={form.data} onChange={(e) => set('data', e.target.value)} aria-label="data" data-testid="bt-data">
          <option value="">dataset…</option>
          {datasets.map((d) => { const k = `${d.exchange}:${d.symbol}:${d.timeframe}`; return <option key={k} value={k}>{k}</option>; })}
        </select>
        <select value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value, paramText: DEFAULT_PARAM_TEXT[e.target.value] ?? '' })} aria-label="strategy" data-testid="bt-strategy">
          {strategies.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        {!schema && (
          <input value={form.paramText} onChange={(e) => set('paramText', e.target.value)} placeholder="overrides: thresholds.enterLong=0.25, weights.agents.Bull=2" aria-label="parameters" data-testid="bt-params" />
        )}
      </div>
      {schema ? (
        <SchemaForm key={form.strategy} id="bt-param" title={`${form.strategy} parameters`} schema={schema} value={defaults}
          onChange={(value, valid) => setDraft({ strategy: form.strategy, value, valid })} />
      ) : form.strategy === 'panel' && (
        <p className="muted" data-testid="bt-panel-note">The agent panel runs with its settings from the Settings page; override any of them for this run by dotted path.</p>
      )}
      <div className="row">
        <label>from (UTC day) <input type="date" value={form.fromDay ?? ''} onChange={(e) => set('fromDay', e.target.value)} data-testid="bt-from" /></label>
        <label>to <input type="date" value={form.toDay ?? ''} onChange={(e) => set('toDay', e.target.value)} data-testid="bt-to" /></label>
        <span className="muted">empty: the whole dataset; bars before “from” still warm the indicators up</span>
      </div>
      <div className="row">
        <label>cash <input type="number" value={form.cash} onChange={(e) => set('cash', Number(e.target.value))} data-testid="bt-cash" /></label>
        <label>commission <input type="number" step="0.0001" value={form.commission} onChange={(e) => set('commission', Number(e.target.value))} /></label>
        <label>slippage <input value={form.slippage} onChange={(e) => set('slippage', e.target.value)} title="none, 5bps, range:0.1" /></label>
        <label>fill <select value={form.fill} onChange={(e) => set('fill', e.target.value as BacktestForm['fill'])}><option>next-open</option><option>close</option></select></label>
        <label>sizing <input value={form.sizing} onChange={(e) => set('sizing', e.target.value)} title="all-in-units, all-in, fixed:Q, fraction:F" data-testid="bt-sizing" /></label>
        <label><input type="checkbox" checked={form.allowShort} onChange={(e) => set('allowShort', e.target.checked)} /> shorts</label>
        {running
          ? <button onClick={() => void cancel()} data-testid="bt-cancel">Cancel</button>
          : <button disabled={!form.data || !current.valid} onClick={submit} data-testid="bt-run">Run backtest</button>}
      </div>
    </section>
  );
}
