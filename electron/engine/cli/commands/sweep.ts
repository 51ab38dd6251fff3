// `quorum sweep`: backtests every combination of a parameter grid over worker threads and ranks them by a metric.
import { formatParams } from '../../backtest/param-grid';
import { runSweep, type SweepReport } from '../../backtest/sweep';
import { parseFlags, type CliIO, type Command } from '../command';
import { table } from '../format';
import { LazyStore, loadRunData, numberFlag, parseRunFlags, RUN_USAGE, sweepBase } from './backtest-options';
import { cell, GRID_OPTIONS, GRID_USAGE, parseGridFlags } from './sweep-shared';
import { describeRisk } from './stored-risk';
import { createProgress } from './sweep-progress';

function printReport(report: SweepReport, top: number, io: CliIO): void {
  const { metric } = report;
  const rows = report.ranked.slice(0, top).map((r) => [
    r.rank, formatParams(r.params), cell(r.stats[metric.field], 3), cell(r.stats.returnPct), cell(r.stats.sharpe, 3), cell(r.stats.maxDrawdownPct), r.stats.trades,
  ]);
  // The metric is its own column, so its name heads it even when it is also one of the fixed columns.
  io.out(`Ranked by ${metric.name} (${metric.field}, ${metric.direction > 0 ? 'higher' : 'lower'} is better); ${report.ranked.length} of ${report.combos} combinations ran${report.ranked.length > top ? `, top ${top} shown` : ''}:`);
  io.out(table(['rank', 'params', metric.name, 'return %', 'sharpe', 'max DD %', 'trades'], rows));
  if (report.skipped.length > 0) {
    io.out(`Skipped ${report.skipped.length} invalid combinations, e.g. ${formatParams(report.skipped[0].params)}: ${report.skipped[0].reason}`);
  }
  for (const e of report.errors) io.out(`FAILED ${formatParams(e.params)}: ${e.error}`);
}

export const sweep: Command = {
  path: ['sweep'],
  summary: 'backtest a parameter grid in parallel and rank the combinations by a metric',
  usage: `quorum sweep ${RUN_USAGE.replace(' [--param k=v …]', '')} ${GRID_USAGE} [--top N] [--json]`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...GRID_OPTIONS, top: { type: 'string' } });
    const flags = parseRunFlags(values);
    const grid = parseGridFlags(values);
    const top = numberFlag(values, 'top', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
    const store = new LazyStore(values);
    let data;
    try {
      data = await loadRunData(flags, store);
    } finally {
      store.close();
    }
    io.err(`Sweeping ${grid.grid.length} combinations of ${flags.strategy} on ${data.name} (${data.series.length} bars) with ${grid.workers} worker${grid.workers === 1 ? '' : 's'}; risk: ${describeRisk(flags.base.risk)}`);
    const progress = createProgress('sweep', grid.grid.length, io.err);
    const report = await runSweep({
      series: data.series, base: sweepBase(flags, data), grid: grid.grid, metric: grid.metric, workers: grid.workers,
      from: flags.from, to: flags.to, onOutcome: (_o, done) => progress.update(done),
    });
    progress.end();
    if (values.json) io.out(JSON.stringify({ ...report, ranked: report.ranked.slice(0, top ?? report.ranked.length) }, null, 2));
    else printReport(report, top ?? 20, io);
    return report.errors.length > 0 ? 1 : 0;
  },
};
