// Starting grids per built-in strategy, so the form opens on something worth running.
export interface AxisRow {
  key: string;
  from: string;
  to: string;
  step: string;
}

const row = (key: string, from: number, to: number, step: number): AxisRow => ({ key, from: String(from), to: String(to), step: String(step) });

export const DEFAULT_AXES: Readonly<Record<string, AxisRow[]>> = {
  'sma-cross': [row('fast', 5, 20, 5), row('slow', 30, 60, 10)],
  'ema-cross': [row('fast', 8, 16, 4), row('slow', 20, 40, 10)],
  'price-sma-cross': [row('period', 10, 50, 10)],
  'rsi-revert': [row('period', 7, 21, 7), row('low', 20, 35, 5)],
  panel: [row('thresholds.enterLong', 0.2, 0.5, 0.1)],
};

export const axesFor = (strategy: string): AxisRow[] => (DEFAULT_AXES[strategy] ?? [row('', 1, 10, 1)]).map((r) => ({ ...r }));

/** The form's rows as the contract's axes (numbers as typed; the engine checks them and names the field at fault). */
export function toAxes(rows: readonly AxisRow[]) {
  return rows.map((r) => ({ key: r.key.trim(), from: Number(r.from), to: Number(r.to), step: Number(r.step) }));
}
