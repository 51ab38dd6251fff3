// NAME.report.md: what a trained model is, what it learned from, and how it scored on the newest rows it never saw in
// training — said plainly next to the baseline of always answering the training share of "up".
import type { ModelManifest } from '../../../../shared/model-manifest';
import type { CalibrationBin, ClassificationScores } from '../evaluate/classification';
import { mdTable, pct, fix, day } from './markdown';

/** Log-loss of always answering `p` on rows whose up share is `rate`: the no-skill baseline. */
export function constantLogLoss(p: number, rate: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return -(rate * Math.log(q) + (1 - rate) * Math.log(1 - q));
}

export function calibrationRows(bins: CalibrationBin[]): string[][] {
  return bins.filter((b) => b.rows > 0).map((b) => [`${fix(b.from, 1)}–${fix(b.to, 1)}`, String(b.rows), fix(b.predicted, 3), fix(b.observed, 3)]);
}

/** A sentence on whether the scores beat saying the base rate every time. */
export function skillVerdict(s: ClassificationScores, priorUp: number): string {
  const baseline = constantLogLoss(priorUp, s.baseRate);
  const beatsLoss = s.logLoss < baseline;
  const beatsAuc = s.auc > 0.5;
  if (beatsLoss && beatsAuc) return `It beats the baseline: log-loss ${fix(s.logLoss, 4)} against ${fix(baseline, 4)} for always answering ${fix(priorUp, 3)}, and AUC ${fix(s.auc, 3)} above 0.5.`;
  return `It does not beat the baseline: log-loss ${fix(s.logLoss, 4)} against ${fix(baseline, 4)} for always answering ${fix(priorUp, 3)}, AUC ${fix(s.auc, 3)}. Treat its votes as noise.`;
}

export function trainingReport(m: ModelManifest, v: ClassificationScores, exportError: number): string {
  const { train, validation } = m.data;
  const params = Object.entries(m.params).map(([k, x]) => `${k}=${x}`).join(', ') || 'defaults';
  return [
    `# Model ${m.name}`,
    '',
    `- Kind: ${m.kind}; seed ${m.seed}; trainer parameters: ${params}.`,
    `- Label: up when the close ${m.label.horizon} bars ahead is above this close by more than ${pct(m.label.deadZone)}.`,
    `- Features: ${m.features.count} (schema v${m.features.version}, hash ${m.features.hash.slice(0, 16)}…).`,
    `- Data: ${m.data.dataset} (${m.data.timeframe}). Trained on ${train.rows.toLocaleString('en-US')} rows ${day(train.from)} → ${day(train.to)}; ` +
      `validated on the newest ${validation.rows.toLocaleString('en-US')} rows ${day(validation.from)} → ${day(validation.to)}, never seen in training ` +
      `(${m.label.horizon} rows between them left out, so no label reaches across).`,
    `- ONNX export checked in onnxruntime on every validation row: largest difference from the trainer ${exportError.toExponential(2)}.`,
    '',
    '## Validation scores',
    '',
    mdTable(['accuracy', 'log-loss', 'AUC', 'Brier', 'share up'], [[fix(v.accuracy, 4), fix(v.logLoss, 4), fix(v.auc, 4), fix(v.brier, 4), fix(v.baseRate, 4)]]),
    '',
    skillVerdict(v, v.baseRate),
    '',
    'A single validation window says little about a market model: run `quorum evaluate` for walk-forward numbers and the',
    'panel backtested with and without this model.',
    '',
    '## Calibration (validation rows)',
    '',
    mdTable(['P(up) bin', 'rows', 'mean predicted', 'share up'], calibrationRows(v.calibration)),
    '',
    '## Reproduce',
    '',
    '```',
    m.command,
    '```',
    '',
  ].join('\n');
}
