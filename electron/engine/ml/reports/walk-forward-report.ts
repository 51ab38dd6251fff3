// The `quorum evaluate` report: a model kind judged walk-forward, out-of-sample only. Per window the scores next to the
// constant-prior baseline and the panel's return without and with the window's model beside buy & hold; then every
// test row pooled, the calibration, the returns compounded, and a verdict in plain words — a model that does not beat
// the baseline is reported as such.
import type { WalkForwardEvaluation, WindowEvaluation } from '../evaluate/walk-forward';
import { calibrationRows } from './training-report';
import { day, fix, mdTable, pct } from './markdown';

export interface WalkForwardContext {
  /** The candles' dataset name or file. */
  data: string;
  symbol: string;
  timeframe?: string;
  /** e.g. "30d", "500 bars". */
  train: string;
  test: string;
  anchored: boolean;
  seed: number;
  params?: Readonly<Record<string, number | string | boolean>>;
  /** The panel backtests' commission, a fraction (0.001 = 0.1 %). */
  commission: number;
  /** The command line that runs this evaluation again. */
  command?: string;
}

/** A percentage already in percent units (the backtest's returnPct). */
const ret = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(2)} %` : 'n/a');

/** Does this window's model beat its baseline: log-loss below the constant prior's and AUC above 0.5. */
export function windowBeatsBaseline(w: WindowEvaluation): boolean {
  return w.scores.logLoss < w.baselineLogLoss && w.scores.auc > 0.5;
}

export function pooledBeatsBaseline(e: WalkForwardEvaluation): boolean {
  return e.pooled.logLoss < e.pooledBaselineLogLoss && e.pooled.auc > 0.5;
}

function windowRows(e: WalkForwardEvaluation): string[][] {
  return e.windows.map((w) => [
    String(w.index + 1),
    `${day(w.train.from)} → ${day(w.train.to)}`,
    `${day(w.test.from)} → ${day(w.test.to)}`,
    `${w.train.rows.toLocaleString('en-US')} / ${w.test.rows.toLocaleString('en-US')}`,
    fix(w.scores.accuracy, 4),
    `${fix(w.scores.logLoss, 4)} / ${fix(w.baselineLogLoss, 4)}`,
    fix(w.scores.auc, 3),
    windowBeatsBaseline(w) ? 'yes' : 'no',
    ret(w.panel.returnPct),
    ret(w.panelWithModel.returnPct),
    ret(w.buyHoldPct),
  ]);
}

/** Plain sentences: does the model have skill, and did it help the panel against the panel alone and buy & hold. */
export function walkForwardVerdict(e: WalkForwardEvaluation): string[] {
  const p = e.pooled;
  const n = e.windows.length;
  const beatWindows = e.windows.filter(windowBeatsBaseline).length;
  const lines: string[] = [];
  const baseline = `the ${fix(e.pooledBaselineLogLoss, 4)} of always answering each window's training share of "up"`;
  const tally = `${beatWindows} of ${n} windows beat their own baseline`;
  if (pooledBeatsBaseline(e)) {
    lines.push(
      `**The model beats the baseline.** Over all ${p.rows.toLocaleString('en-US')} test rows its log-loss ${fix(p.logLoss, 4)} is below ${baseline}, ` +
        `and its AUC ${fix(p.auc, 3)} is above 0.5 (${tally}). A small edge is normal for market data; check that it holds on other periods.`,
    );
  } else {
    const lossOk = p.logLoss < e.pooledBaselineLogLoss;
    const aucOk = p.auc > 0.5;
    const why = [
      ...(lossOk ? [] : [`its log-loss ${fix(p.logLoss, 4)} is not below ${baseline}`]),
      ...(aucOk ? [] : [`its AUC ${fix(p.auc, 3)} is not above 0.5 (no better than chance at ranking up above down)`]),
    ].join(', and ');
    const but = lossOk
      ? ` Its log-loss ${fix(p.logLoss, 4)} is below the baseline's, but that alone is not skill.`
      : aucOk
        ? ` Its AUC ${fix(p.auc, 3)} is above 0.5, but its probabilities are further from what happened than the constant prior's.`
        : '';
    lines.push(
      `**The model does not beat the baseline.** Over all ${p.rows.toLocaleString('en-US')} test rows ${why} (${tally}).${but} ` +
        'Its probabilities carry no usable skill on this data: treat its votes as noise.',
    );
  }
  const c = e.compounded;
  const helped = e.windows.filter((w) => w.panelWithModel.returnPct > w.panel.returnPct).length;
  const same = e.windows.filter((w) => w.panelWithModel.returnPct === w.panel.returnPct).length;
  const vsPanel =
    c.panelWithModel > c.panel
      ? `**The panel with the model did better than without it:** ${ret(c.panelWithModel)} against ${ret(c.panel)} compounded over the test windows`
      : c.panelWithModel < c.panel
        ? `**The panel with the model did worse than without it:** ${ret(c.panelWithModel)} against ${ret(c.panel)} compounded over the test windows`
        : `**The model made no difference to the panel:** ${ret(c.panelWithModel)} with it and without it, compounded over the test windows`;
  lines.push(`${vsPanel} (better in ${helped} of ${n} windows${same > 0 ? `, the same in ${same}` : ''}).`);
  const vsHold = c.panelWithModel > c.buyHold ? 'beat' : 'did not beat';
  const panelHold = c.panel > c.buyHold ? 'beat' : 'did not beat';
  lines.push(`Against buy & hold (${ret(c.buyHold)}): the panel with the model ${vsHold} it, the panel alone ${panelHold} it.`);
  if (n < 4 || p.rows < 5_000) {
    lines.push(`With ${n} window${n === 1 ? '' : 's'} and ${p.rows.toLocaleString('en-US')} test rows these numbers are noisy: evaluate on more data before trusting either answer.`);
  }
  return lines;
}

export function walkForwardReport(e: WalkForwardEvaluation, ctx: WalkForwardContext): string {
  const params = Object.entries(ctx.params ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults';
  const p = e.pooled;
  const first = e.windows[0];
  const last = e.windows[e.windows.length - 1];
  return [
    `# Walk-forward evaluation: ${e.kind} on ${ctx.symbol}${ctx.timeframe ? ` ${ctx.timeframe}` : ''}`,
    '',
    `- Data: ${ctx.data}${first && last ? `; tested ${day(first.test.from)} → ${day(last.test.to)}` : ''}.`,
    `- Model: ${e.kind}, seed ${ctx.seed}, trainer parameters: ${params}.`,
    `- Label: up when the close ${e.label.horizon} bars ahead is above this close by more than ${pct(e.label.deadZone)}.`,
    `- Windows: ${e.windows.length}, ${ctx.anchored ? 'anchored (each trains from the start of the data)' : 'rolling'}: train ${ctx.train}, test ${ctx.test}. ` +
      `Each model trains on its window only, stopping ${e.label.horizon} bars before the test so no label reaches into it, and is scored on the test window it never saw.`,
    '- Baseline: always answering the training window\'s share of "up" (the constant prior).',
    `- Panel: the agent panel with default settings, backtested on each test window without and with that window's model as the Predictor (${pct(ctx.commission)} commission).`,
    '',
    '## Verdict',
    '',
    ...walkForwardVerdict(e).flatMap((line) => [line, '']),
    '## Windows (out of sample)',
    '',
    mdTable(
      ['#', 'train', 'test', 'rows train / test', 'accuracy', 'log-loss / baseline', 'AUC', 'beats baseline', 'panel', 'panel + model', 'buy & hold'],
      windowRows(e),
    ),
    '',
    '## Pooled scores (every test row)',
    '',
    mdTable(
      ['rows', 'share up', 'accuracy', 'log-loss', 'baseline log-loss', 'AUC', 'Brier'],
      [[p.rows.toLocaleString('en-US'), fix(p.baseRate, 4), fix(p.accuracy, 4), fix(p.logLoss, 4), fix(e.pooledBaselineLogLoss, 4), fix(p.auc, 4), fix(p.brier, 4)]],
    ),
    '',
    '### Calibration (pooled test rows)',
    '',
    mdTable(['P(up) bin', 'rows', 'mean predicted', 'share up'], calibrationRows(p.calibration)),
    '',
    '## Returns (test windows compounded in order)',
    '',
    mdTable(['panel', 'panel + model', 'buy & hold'], [[ret(e.compounded.panel), ret(e.compounded.panelWithModel), ret(e.compounded.buyHold)]]),
    '',
    ...(ctx.command ? ['## Reproduce', '', '```', ctx.command, '```', ''] : []),
  ].join('\n');
}
