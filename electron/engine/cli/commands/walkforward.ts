// `quorum walkforward`: rolling or anchored train/test windows; in-sample and out-of-sample reported side by side, never mixed.
import { createProgress } from './sweep-progress';
import { buildWindows } from '../../backtest/windows';
import { formatParams } from '../../backtest/param-grid';
import { isoTime } from '../../backtest/stat-labels';
import type { SideSummary, WalkForwardReport } from '../../backtest/walk-forward';
import { runWalkForward } from '../../backtest/walk-forward';
import { clipSeries, formatSpan, parseSpan } from '../../backtest/windows';
import { parseFlags, requireString, type CliIO, type Command } from '../command';
import { table } from '../format';
import { LazyStore, loadRunData, parseRunFlags, RUN_USAGE, sweepBase } from './backtest-options';
import { cell, GRID_OPTIONS, GRID_USAGE, parseGridFlags } from './sweep-shared';
import { describeRisk } from './stored-risk';


const day = (ms: number) => isoTime(ms).slice(0, 16).replace('T', ' ');

function windowTable(r: WalkForwardReport): string {
  const f = r.metric.field;
  return table(
    ['#', 'train', 'test', 'best params', `IS ${r.metric.name}`, 'IS return %', `OOS ${r.metric.name}`, 'OOS return %', 'OOS trades'],
    r.windows.map((w) => [
      w.index + 1, `${day(w.train.from)} .. ${day(w.train.to)}`, `${day(w.test.from)} .. ${day(w.test.to)}`,
      w.best ? formatParams(w.best) : '(no valid candidate)',
      cell(w.inSample?.[f] ?? Number.NaN, 3), cell(w.inSample?.returnPct ?? Number.NaN),
      cell(w.outOfSample?.[f] ?? Number.NaN, 3), cell(w.outOfSample?.returnPct ?? Number.NaN), w.outOfSample?.trades ?? '—',
    ]),
  );
}

function sideLines(title: string, s: SideSummary, metric: string, compounded: boolean): string[] {
  return [
    title,
    `  windows ${s.windows}, mean ${metric} ${cell(s.meanMetric, 3)}, mean return ${cell(s.meanReturnPct)} %, positive windows ${s.positiveWindows}/${s.windows}`,
    ...(compounded ? [`  stitched return ${cell(s.compoundedReturnPct)} % (test windows compounded in order)`] : []),
    `  worst window drawdown ${cell(s.worstDrawdownPct)} %, trades ${s.trades}`,
  ];
}

function printReport(r: WalkForwardReport, io: CliIO): void {
  io.out(windowTable(r));
  io.out('');
  for (const line of sideLines('In-sample (train windows, best params per window — the fit, not a forecast):', r.inSample, r.metric.name, false)) io.out(line);
  for (const line of sideLines('Out-of-sample (test windows only — what walk-forward would have earned):', r.outOfSample, r.metric.name, true)) io.out(line);
}

export const walkforward: Command = {
  path: ['walkforward'],
  summary: 'walk-forward optimisation: sweep each train window, test the winner on the next window',
  usage: `quorum walkforward ${RUN_USAGE.replace(' [--param k=v …]', '')} ${GRID_USAGE} --train 30d|N --test 7d|N [--anchored] [--json]`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...GRID_OPTIONS, train: { type: 'string' }, test: { type: 'string' }, anchored: { type: 'boolean' } });
    const flags = parseRunFlags(values);
    const grid = parseGridFlags(values);
    const train = parseSpan(requireString(values, 'train'), 'train');
    const test = parseSpan(requireString(values, 'test'), 'test');
    const store = new LazyStore(values);
    let data;
    try {
      data = await loadRunData(flags, store);
    } finally {
      store.close();
    }
    io.err(`Walk-forward ${values.anchored ? 'anchored' : 'rolling'}: train ${formatSpan(train)}, test ${formatSpan(test)}, ${grid.grid.length} combinations, ${grid.workers} workers; risk: ${describeRisk(flags.base.risk)}`);
    const series = clipSeries(data.series, flags.from, flags.to);
    const anchored = values.anchored ?? false;
    // One bar over every in-sample run of every window; out-of-sample runs are one per window and quick.
    const progress = createProgress('walk-forward', buildWindows(series, train, test, anchored).length * grid.grid.length, io.err);
    let finishedWindows = 0;
    const report = await runWalkForward({
      series, base: sweepBase(flags, data), grid: grid.grid, metric: grid.metric, workers: grid.workers, train, test, anchored,
      onOutcome: (_o, done) => progress.update(finishedWindows * grid.grid.length + done),
      onWindow: (w, n) => {
        finishedWindows++;
        io.err(`window ${w.index + 1}/${n} done${w.best ? `: best ${formatParams(w.best)}` : ''}`);
      },
    });
    progress.end();
    if (report.windows.length === 0) io.err('No complete train+test window fits in the data: shorten --train or --test.');
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printReport(report, io);
    return 0;
  },
};
