// The statistics' labels and formats (shared with the renderer), and the rows the CLI and the HTML report print.
import { formatStat, STAT_LABELS } from '../../../shared/stat-labels';
import type { BacktestStats } from './metrics/types';

export { formatDuration, formatStat, isoTime, STAT_LABELS } from '../../../shared/stat-labels';

// Every label names a real statistic: a renamed field fails to compile here.
const FIELDS: readonly (keyof BacktestStats)[] = STAT_LABELS.map(([field]) => field);

/** [label, formatted value] for every statistic, in display order. */
export function statRows(stats: BacktestStats): [string, string][] {
  return STAT_LABELS.map(([, label, kind], i) => [label, formatStat(kind, stats[FIELDS[i]])]);
}
