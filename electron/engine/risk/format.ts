// Number formatting for veto and trip reasons, so a trader reads the same figures the limits are written in.

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** 12340 → "12,340.00 USDT". */
export function fmtMoney(value: number, currency: string): string {
  return `${money.format(value)} ${currency}`;
}

/** A measured percentage: 61.73 → "61.7%". */
export function fmtPct(value: number): string {
  return `${pct.format(value)}%`;
}

/** A configured figure exactly as written: 50 → "50", 0.5 → "0.5". */
export function fmtLimit(value: number): string {
  return plain.format(value);
}

/** 190000 → "3m 10s"; used for stale-data and cooldown reasons. */
export function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
}

/** Measured against a limit with a little room for float noise, so an order exactly at a limit is not vetoed. */
export function exceeds(value: number, limit: number): boolean {
  return value > limit + Math.abs(limit) * 1e-9 + 1e-12;
}
