// A stored run's statistics as the page shows them: the shared labels and formats (same as the CLI and the report);
// NaN and infinities arrive as null or text over JSON.
import { formatStat, STAT_LABELS, type StatKey } from '../../../../shared/stat-labels';

export type StatValues = Record<string, unknown> | null | undefined;

export function statNumber(stats: StatValues, key: string): number {
  const v = stats?.[key];
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number.NaN;
}

export function statText(stats: StatValues, key: StatKey): string {
  const kind = STAT_LABELS.find(([k]) => k === key)?.[2] ?? 'ratio';
  return formatStat(kind, statNumber(stats, key));
}

/** The statistics a trader reads first; the rest are one click away. */
export const KEY_STATS: readonly StatKey[] = [
  'returnPct', 'buyHoldReturnPct', 'annReturnPct', 'maxDrawdownPct', 'sharpe', 'sortino', 'calmar', 'trades', 'winRatePct', 'profitFactor',
  'exposurePct', 'finalEquity', 'feesPaid',
];

export { STAT_LABELS };
