// `quorum evaluate`: a model kind judged walk-forward — each window trains on its past and is scored on the next span,
// against the constant-prior baseline, and the agent panel is backtested there without and with the window's model,
// beside buy & hold. Prints the markdown report (or --json), optionally written to --out; out-of-sample numbers only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatSpan, parseSpan } from '../../backtest/windows';
import { evaluateWalkForward } from '../../ml/evaluate/walk-forward';
import { pooledBeatsBaseline, walkForwardReport, type WalkForwardContext } from '../../ml/reports/walk-forward-report';
import { sliceSeries } from '../../model/candle-series';
import { parseFlags, type CliIO, type Command } from '../command';
import { isoTime } from '../format';
import { numberFlag } from './backtest-options';
import { DATA_OPTIONS, DATA_USAGE, formatSets, LABEL_OPTIONS, loadMlData, parseRange, parseTrainerFlags, rangeIndices, shellWord, TRAINER_OPTIONS } from './ml-shared';
import { createProgress } from './sweep-progress';

const OPTIONS = {
  ...DATA_OPTIONS, ...LABEL_OPTIONS, ...TRAINER_OPTIONS,
  train: { type: 'string' }, test: { type: 'string' }, anchored: { type: 'boolean' }, commission: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
} as const;

export const evaluate: Command = {
  path: ['evaluate'],
  summary: 'walk-forward evaluation of a model kind: out-of-sample scores vs the baseline, the panel with and without it',
  usage: `quorum evaluate ${DATA_USAGE} --model gbdt|rf|logreg|ensemble|gru [--train 30d] [--test 7d] [--anchored] [--seed N] [--horizon 5] [--dead-zone 0] [--validation 0.2] [--set key=value …] [--commission 0.001] [--out REPORT.md] [--json] [--db PATH]`,
  async run(argv, io: CliIO) {
    const { values } = parseFlags(argv, OPTIONS);
    const flags = parseTrainerFlags(values);
    const validation = numberFlag(values, 'validation', (n) => n > 0 && n < 1, 'a fraction in (0, 1) (0.2 = the newest 20 % of each train window)') ?? 0.2;
    const commission = numberFlag(values, 'commission', (n) => n >= 0 && n < 1, 'a fraction in [0, 1) (0.001 = 0.1 %)') ?? 0.001;
    const trainText = values.train ?? '30d';
    const testText = values.test ?? '7d';
    const train = parseSpan(trainText, 'train');
    const test = parseSpan(testText, 'test');
    const range = parseRange(values);
    const data = await loadMlData(values);
    // --from/--to cut the data the windows tile (both inclusive); bars outside are not used at all.
    const { a, b } = rangeIndices(data.series.time, range);
    const series = a === 0 && b === data.series.length ? data.series : sliceSeries(data.series, a, b);
    const anchored = values.anchored ?? false;
    io.err(`Evaluating ${flags.kind} walk-forward on ${data.name} (${series.length.toLocaleString('en-US')} bars): ${anchored ? 'anchored' : 'rolling'}, train ${formatSpan(train)}, test ${formatSpan(test)}, seed ${flags.seed}`);
    let progress: ReturnType<typeof createProgress> | undefined;
    const evaluation = await evaluateWalkForward({
      series, symbol: data.symbol, kind: flags.kind, params: flags.params, seed: flags.seed, label: flags.label, train, test, anchored,
      validationFraction: validation, commission,
      onProgress: (done, total, message) => {
        progress ??= createProgress('evaluate', total, io.err);
        progress.update(done, message);
      },
    }).finally(() => progress?.end());
    const words = ['quorum', 'evaluate', '--data', values.data as string, '--model', flags.kind, '--train', trainText, '--test', testText, ...(anchored ? ['--anchored'] : []),
      '--seed', String(flags.seed), '--horizon', String(flags.label.horizon), '--dead-zone', String(flags.label.deadZone), '--validation', String(validation),
      '--commission', String(commission), ...(range.from !== undefined ? ['--from', isoTime(range.from)] : []), ...(range.to !== undefined ? ['--to', isoTime(range.to)] : []),
      ...formatSets(flags.params).flatMap((s) => ['--set', s])];
    const context: WalkForwardContext = {
      data: data.name, symbol: data.symbol, timeframe: data.timeframe, train: formatSpan(train), test: formatSpan(test), anchored, seed: flags.seed,
      params: flags.params, commission, command: words.map(shellWord).join(' '),
    };
    const report = walkForwardReport(evaluation, context);
    if (values.out !== undefined) {
      const path = resolve(values.out);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, report);
      io.err(`Wrote the report to ${values.out}`);
    }
    if (values.json) {
      const c = evaluation.compounded;
      const verdict = { beatsBaseline: pooledBeatsBaseline(evaluation), modelHelpsPanel: c.panelWithModel > c.panel, beatsBuyHold: c.panelWithModel > c.buyHold };
      io.out(JSON.stringify({ context, ...evaluation, verdict }, null, 2));
    } else {
      io.out(report);
    }
    return 0;
  },
};
