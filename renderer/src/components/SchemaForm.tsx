// A form built from one of the engine's zod schemas (the settings' risk limits, breakers, agent panel): a field per
// number, switch, choice or text, grouped as the schema nests, each validated by the same schema as the trader
// types, with the error at its field. The engine validates again on save; what it refuses is shown by the page.
// Embedded in another form (a strategy's parameters on the Backtest page) it has no save button and reports each draft.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';

type Schema = z.ZodType;
type Value = unknown;
type Path = readonly (string | number)[];

/** The zod def fields this form reads (zod v4's public `_zod.def`). */
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  entries?: Record<string, string | number>;
}

const def = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its defaults and optionality: what the field holds. */
function unwrap(s: Schema): Schema {
  let t = s;
  for (let d = def(t); d.innerType && ['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch'].includes(d.type); d = def(t)) t = d.innerType;
  return t;
}

/** "maxDrawdownPct" → "max drawdown %", "maxPctOfEquity" → "max % of equity", "cooldownMs" → "cooldown (ms)". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.replace(/\bpct\b/g, '%').replace(/ ms$/, ' (ms)');
}

const pathKey = (path: Path) => path.join('.');

function setIn(value: Value, path: Path, next: Value): Value {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const base = (value && typeof value === 'object' ? value : {}) as Record<string | number, Value>;
  return { ...base, [head]: setIn(base[head], rest, next) };
}

function getIn(value: Value, path: Path): Value {
  return path.reduce<Value>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, Value>)[k] : undefined), value);
}

interface FieldProps {
  schema: Schema;
  path: Path;
  draft: Value;
  errors: ReadonlyMap<string, string>;
  onChange(path: Path, value: Value): void;
  idPrefix: string;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? <span className="field-error" id={id} data-testid={`${id}`}>{error}</span> : null;
}

function Leaf({ schema, path, draft, errors, onChange, idPrefix }: FieldProps) {
  const inner = unwrap(schema);
  const d = def(inner);
  const key = pathKey(path);
  const id = `${idPrefix}-${key.replace(/\./g, '-')}`;
  const error = errors.get(key);
  const value = getIn(draft, path);
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined, 'data-testid': id };
  const label = fieldLabel(String(path[path.length - 1]));
  // A schema's .describe() text (on the field or under its default) says what the number means.
  const help = (schema as { description?: string }).description ?? (inner as { description?: string }).description;
  let control;
  if (d.type === 'boolean') {
    control = <input type="checkbox" checked={value === true} onChange={(e) => onChange(path, e.target.checked)} {...common} />;
  } else if (d.type === 'enum') {
    control = (
      <select value={String(value ?? '')} onChange={(e) => onChange(path, e.target.value)} {...common}>
        {Object.values(d.entries ?? {}).map((o) => <option key={String(o)} value={String(o)}>{String(o)}</option>)}
      </select>
    );
  } else if (d.type === 'number') {
    const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
    // What the trader typed stays as typed while it is not a number, so the schema can say what is wrong with it.
    control = (
      <input type="number" step={n.isInt ? 1 : 'any'} min={n.minValue ?? undefined} max={n.maxValue ?? undefined} value={typeof value === 'number' ? value : String(value ?? '')}
        onChange={(e) => onChange(path, e.target.value === '' || !Number.isFinite(e.target.valueAsNumber) ? e.target.value : e.target.valueAsNumber)} {...common} />
    );
  } else if (d.type === 'string') {
    control = <input value={String(value ?? '')} onChange={(e) => onChange(path, e.target.value)} {...common} />;
  } else {
    // Lists and maps: edited as JSON in place (rare in settings); text that is not JSON is kept and refused.
    control = <JsonLeaf value={value} onChange={(v) => onChange(path, v)} common={common} />;
  }
  return (
    <div className="schema-field">
      <label htmlFor={id} title={help}>{label}</label>
      {control}
      {help && <span className="muted field-help" data-testid={`${id}-help`}>{help}</span>}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

function JsonLeaf({ value, onChange, common }: { value: Value; onChange(v: Value): void; common: Record<string, unknown> }) {
  const [text, setText] = useState(() => JSON.stringify(value));
  return (
    <input className="mono" value={text} onChange={(e) => {
      setText(e.target.value);
      try {
        onChange(JSON.parse(e.target.value));
      } catch {
        onChange(e.target.value);
      }
    }} {...common} />
  );
}

function Fields(props: FieldProps & { depth: number }) {
  const shape = def(unwrap(props.schema)).shape ?? {};
  const keys = Object.keys(shape);
  const leaves = keys.filter((k) => def(unwrap(shape[k])).type !== 'object');
  const groups = keys.filter((k) => def(unwrap(shape[k])).type === 'object');
  return (
    <>
      {leaves.length > 0 && (
        <div className="schema-leaves">
          {leaves.map((k) => <Leaf key={k} {...props} schema={shape[k]} path={[...props.path, k]} />)}
        </div>
      )}
      {groups.map((k) => {
        const path = [...props.path, k];
        const bad = [...props.errors.keys()].some((e) => e === pathKey(path) || e.startsWith(`${pathKey(path)}.`));
        // Top-level groups fold away (the panel has many); a group holding an error opens by itself.
        return props.depth === 0 ? (
          <details key={k} className="schema-group" open={bad || undefined} data-testid={`${props.idPrefix}-group-${k}`}>
            <summary>{fieldLabel(k)}{bad ? ' — check the fields marked' : ''}</summary>
            <Fields {...props} schema={shape[k]} path={path} depth={props.depth + 1} />
          </details>
        ) : (
          <fieldset key={k} className="schema-group">
            <legend>{fieldLabel(k)}</legend>
            <Fields {...props} schema={shape[k]} path={path} depth={props.depth + 1} />
          </fieldset>
        );
      })}
    </>
  );
}

export interface SchemaFormProps {
  /** Prefix of every field's id and test id (e.g. "risk" → risk-limits-maxOpenOrders). */
  id: string;
  title: string;
  help?: string;
  schema: Schema;
  value: Value;
  /** A form of its own (settings): a save button, enabled when the draft changed and is valid. */
  onSave?(value: Value): void;
  /** Embedded in another form: every draft as the schema parses it (defaults filled) when valid, else as typed. */
  onChange?(value: Value, valid: boolean): void;
}

export function SchemaForm({ id, title, help, schema, value, onSave, onChange }: SchemaFormProps) {
  const [draft, setDraft] = useState<Value>(value);
  useEffect(() => setDraft(value), [value]);
  const parsed = useMemo(() => schema.safeParse(draft), [schema, draft]);
  const errors = useMemo(() => {
    const out = new Map<string, string>();
    if (!parsed.success) for (const issue of parsed.error.issues) if (!out.has(pathKey(issue.path as Path))) out.set(pathKey(issue.path as Path), issue.message);
    return out;
  }, [parsed]);
  // The latest callback in a ref, so a parent passing a fresh closure each render does not re-fire the report.
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => report.current?.(parsed.success ? parsed.data : draft, parsed.success), [parsed, draft]);
  const changed = JSON.stringify(draft) !== JSON.stringify(value);
  return (
    <section className={onSave ? 'panel schema-form' : 'schema-form'} aria-label={title} data-testid={`${id}-form`}>
      <h3>{title}</h3>
      {help && <p className="muted">{help}</p>}
      <Fields schema={schema} path={[]} draft={draft} errors={errors} onChange={(path, v) => setDraft((d: Value) => setIn(d, path, v))} idPrefix={id} depth={0} />
      <div className="row">
        {onSave && <button onClick={() => onSave(draft)} disabled={!changed || errors.size > 0} data-testid={`${id}-form-save`}>Save {title.toLowerCase()}</button>}
        <button onClick={() => setDraft(value)} disabled={!changed} data-testid={`${id}-form-reset`}>{onSave ? 'Undo changes' : 'Reset'}</button>
        {errors.size > 0 && <span className="field-error" role="status" data-testid={`${id}-form-errors`}>{errors.size} field{errors.size > 1 ? 's' : ''} to fix{onSave ? ' before saving' : ''}</span>}
      </div>
    </section>
  );
}
