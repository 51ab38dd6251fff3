// The HTML report of a stored run, the same self-contained page `quorum backtest --report` writes, for the Backtest
// page's export button: facts from the run's row (strategy, params, data, range), stats, plots and trades.
import { DataError } from '../errors';
import { renderReport } from './report-html';
import type { LoadedRun } from './service';
import { isoTime } from './stat-labels';

export interface RunReport {
  /** A file name to save it under: quorum-run-ID-STRATEGY-SYMBOL.html. */
  fileName: string;
  html: string;
}

function paramsText(params: Record<string, unknown>): string {
  return Object.keys(params).sort().map((k) => `${k}=${String(params[k])}`).join(' ');
}

export function storedRunReport(loaded: LoadedRun): RunReport {
  const { run, stats, trades, equity } = loaded;
  if (!stats) throw new DataError(`Run #${run.id} has no statistics (status ${run.status}): nothing to report`, 'RUN_NOT_FOUND', { field: 'runId', value: run.id });
  const source = run.source;
  const data = source
    ? `${source.name ?? source.kind} (${source.bars} bars, ${isoTime(source.first)} .. ${isoTime(source.last)})`
    : `${run.symbol ?? '?'} ${run.timeframe ?? ''}`.trim();
  const facts: [string, string][] = [
    ['Run', `#${run.id} ${run.kind}, ${run.status}, started ${isoTime(run.startedAt)}`],
    ['Strategy', `${run.strategy} ${paramsText(run.params)}`.trim()],
    ['Data', data],
  ];
  const title = `${run.strategy} on ${run.symbol ?? '?'}${run.timeframe ? ` ${run.timeframe}` : ''} — run #${run.id}`;
  const html = renderReport({ title, facts, stats, trades, time: equity.time, equity: equity.value });
  const slug = `${run.strategy}-${run.symbol ?? ''}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+$/, '');
  return { fileName: `quorum-run-${run.id}-${slug}.html`, html };
}
