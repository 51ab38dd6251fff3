// Number and parameter formatting shared by the sweep tables and the heatmap.
export const fmt = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '—' : v.toFixed(digits));

export const paramsText = (p: Record<string, number | string | boolean> | undefined): string =>
  p ? Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(' ') : '(no valid candidate)';
