// `quorum evaluate`: a model kind judged walk-forward only. Each window trains on its past (ending `horizon` bars
// before the test, so no label reaches across) and is scored on the next span; then the panel is backtested on that
// same span without and with the window's model, beside buy & hold. Out-of-sample numbers only, pooled and per window.
// Every kind alike, the GRU included: its rows are the bars whose T-row window is complete (well inside any test span,
// whose windows reach back into the bars before it — inputs only, as a live session would have them).
import { AgentPanel } from '../../agents/panel';
import { parsePanelSettings, type PanelSettings, type PanelSettingsInput } from '../../agents/settings';
import { runBacktest } from '../../backtest';
import type { BacktestStats } from '../../backtest/metrics/types';
import { buildWindows, type Span } from '../../backtest/windows';
import { ConfigError, QuorumError } from '../../errors';
import { sliceSeries, type CandleSeries } from '../../model/candle-series';
import { dataFor, fitModel, predictData, rowsFor, type TrainerParams, type TrainKind } from '../fit-model';
import { OnnxRunner } from '../onnx';
import { OnnxPredictor } from '../predictor/onnx-predictor';
import { exportChecked, modelMetadata, splitRows } from '../train-model';
import { DEFAULT_LABEL, labelSeries, type LabelSpec } from '../training-set';
import { constantLogLoss } from '../reports/training-report';
import { scoreClassifier, type ClassificationScores } from './classification';

export interface EvaluateRequest {
  series: CandleSeries;
  symbol: string;
  kind: TrainKind;
  params?: TrainerParams;
  seed?: number;
  label?: LabelSpec;
  train: Span;
  test: Span;
  anchored?: boolean;
  /** Share of each train window's newest rows used for early stopping / ensemble weights (default 0.2). */
  validationFraction?: number;
  /** The panel's settings (the app's); the Predictor's gain comes from here. */
  panel?: PanelSettingsInput | PanelSettings;
  commission?: number;
  periodsPerYear?: number;
  onProgress?: (done: number, total: number, message: string) => void;
  signal?: AbortSignal;
}

export interface WindowEvaluation {
  index: number;
  /** Bar times, inclusive, and labelled rows used. */
  train: { from: number; to: number; rows: number };
  test: { from: number; to: number; rows: number };
  /** Share of "up" in the training rows: the no-skill answer. */
  priorUp: number;
  scores: ClassificationScores;
  /** Log-loss of always answering priorUp on the test rows. */
  baselineLogLoss: number;
  panel: BacktestStats;
  panelWithModel: BacktestStats;
  buyHoldPct: number;
}

export interface WalkForwardEvaluation {
  kind: TrainKind;
  label: LabelSpec;
  windows: WindowEvaluation[];
  /** Every test row of every window scored together. */
  pooled: ClassificationScores;
  pooledBaselineLogLoss: number;
  /** Window returns compounded in sequence: the stitched out-of-sample return of each. */
  compounded: { panel: number; panelWithModel: number; buyHold: number };
}

function compound(returnsPct: number[]): number {
  return (returnsPct.reduce((acc, r) => acc * (1 + r / 100), 1) - 1) * 100;
}

export async function evaluateWalkForward(req: EvaluateRequest): Promise<WalkForwardEvaluation> {
  const label = req.label ?? DEFAULT_LABEL;
  const settings = parsePanelSettings(req.panel);
  const ls = labelSeries(req.series, label);
  const windows = buildWindows(req.series, req.train, req.test, req.anchored ?? false);
  if (windows.length === 0) throw new ConfigError('No walk-forward window fits in the data: shorten --train or --test', 'MODEL_NO_WINDOWS', { field: 'train' });
  const out: WindowEvaluation[] = [];
  const pooledP: number[] = [];
  const pooledY: number[] = [];
  let baselineSum = 0;
  const time = req.series.time;
  for (const w of windows) {
    if (req.signal?.aborted) throw new QuorumError('Evaluation cancelled', 'CANCELLED');
    req.onProgress?.(w.index, windows.length, `window ${w.index + 1}: training`);
    // Training rows stop `horizon` bars before the test: their labels look that far ahead.
    const params = req.params ?? {};
    const trainRows = rowsFor(req.kind, ls, w.train.from, Math.max(w.train.from, w.test.from - label.horizon), params);
    const { train: fitRows, valid: validRows } = splitRows(trainRows, req.validationFraction ?? 0.2, label.horizon);
    const fit = dataFor(req.kind, ls, fitRows, params);
    const valid = dataFor(req.kind, ls, validRows, params);
    const model = await fitModel(req.kind, fit, valid, params, { seed: req.seed ?? 1, signal: req.signal });
    const testRows = rowsFor(req.kind, ls, w.test.from, w.test.to, params);
    const test = dataFor(req.kind, ls, testRows, params);
    // The export is checked on the test rows, which gives their reference probabilities too (computed once).
    const { bytes, predictions } = await exportChecked(model, modelMetadata(`wf-${w.index}`, req.kind, ls), test.rows > 0 ? test : valid);
    const p = test.rows > 0 ? predictions : predictData(model, test);
    const priorUp = fit.labels.reduce((a, y) => a + y, 0) / Math.max(1, fit.rows);
    const scores = scoreClassifier(p, test.labels);
    const baselineLogLoss = constantLogLoss(priorUp, scores.baseRate);
    for (let r = 0; r < test.rows; r++) {
      pooledP.push(p[r]);
      pooledY.push(test.labels[r]);
    }
    baselineSum += baselineLogLoss * test.rows;
    req.onProgress?.(w.index, windows.length, `window ${w.index + 1}: backtests`);
    const [panel, panelWithModel] = await panelRuns(req, settings, bytes, label, w.train.from, w.test.from, w.test.to);
    out.push({
      index: w.index,
      train: { from: time[w.train.from], to: time[w.train.to - 1], rows: fit.rows + valid.rows },
      test: { from: time[w.test.from], to: time[w.test.to - 1], rows: test.rows },
      priorUp, scores, baselineLogLoss, panel, panelWithModel,
      buyHoldPct: panel.buyHoldReturnPct,
    });
  }
  req.onProgress?.(windows.length, windows.length, 'done');
  const total = pooledY.length;
  return {
    kind: req.kind, label, windows: out,
    pooled: scoreClassifier(pooledP, pooledY),
    pooledBaselineLogLoss: total ? baselineSum / total : Number.NaN,
    compounded: {
      panel: compound(out.map((w) => w.panel.returnPct)),
      panelWithModel: compound(out.map((w) => w.panelWithModel.returnPct)),
      buyHold: compound(out.map((w) => w.buyHoldPct)),
    },
  };
}

/** The panel on the test span (bars before it only warm it up), without and with this window's model. */
async function panelRuns(req: EvaluateRequest, settings: PanelSettings, bytes: Uint8Array, label: LabelSpec, warmFrom: number, from: number, to: number): Promise<[BacktestStats, BacktestStats]> {
  const series = sliceSeries(req.series, warmFrom, to);
  const base = {
    series, symbol: req.symbol, commission: req.commission ?? 0.001, periodsPerYear: req.periodsPerYear,
    from: req.series.time[from], to: req.series.time[to - 1],
  };
  const without = await runBacktest({ ...base, strategy: new AgentPanel({ settings }) });
  const runner = await OnnxRunner.load(bytes, { timeoutMs: 120_000 });
  try {
    const predictor = new OnnxPredictor({ open: async () => ({ name: 'walk-forward', kind: req.kind, horizon: label.horizon, runner }), gain: settings.predictor.gain });
    const withModel = await runBacktest({ ...base, strategy: new AgentPanel({ settings, predictor }) });
    return [without.stats, withModel.stats];
  } finally {
    await runner.close();
  }
}
