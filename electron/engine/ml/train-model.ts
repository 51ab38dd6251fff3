// `quorum train` and the Models page: features and labels from a dataset, a model fitted on the older rows and scored
// on the newest (never shuffled), exported to ONNX and checked in onnxruntime against the trainer's own predictions
// (1e-5) before anything is written. Same data, kind, params and seed → the same bytes. The GRU learns from the
// T rows ending at each bar and is exported with ONNX's GRU operator, checked on its validation windows alike.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../../../shared/issues';
import { ModelManifestSchema, type ModelKind, type ModelManifest } from '../../../shared/model-manifest';
import { ModelError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { firstAtOrAfter } from '../model/time-search';
import { APP_VERSION } from '../version';
import { scoreClassifier, type ClassificationScores } from './evaluate/classification';
import { FEATURE_SCHEMA_VERSION, type FeatureMatrix } from './features';
import type { FeatureExtra } from './features/family';
import { dataFor, fitModel, predictData, rowsFor, type FitControl, type FittedModel, type ModelData, type TrainerParams, type TrainKind } from './fit-model';
import { manifestPath, reportPath, sha256 } from './model-library';
import { exportGruModel, exportTabularModel, OnnxRunner } from './onnx';
import { META } from './predictor/load-model';
import { trainingReport } from './reports/training-report';
import { forEachWindowChunk, isSequenceDataset } from './sequence';
import { DEFAULT_LABEL, labelSeries, type LabelledSeries, type LabelSpec } from './training-set';

export interface TrainRequest {
  name: string;
  kind: TrainKind;
  /** Where the candles came from (dataset name or file), for the manifest. */
  dataset: string;
  timeframe: string;
  series: CandleSeries;
  /** Kline columns beyond OHLCV (taker-buy volume, trade count), as long as the series: the model then reads them too. */
  extra?: FeatureExtra;
  label?: LabelSpec;
  /** Bar times (inclusive) of the rows to learn from; the whole series if absent. */
  from?: number;
  to?: number;
  /** Share of the newest rows kept for validation (default 0.2). */
  validationFraction?: number;
  params?: TrainerParams;
  seed?: number;
  /** The command line that makes this model again (for the manifest and report). */
  command: string;
  onProgress?: FitControl['onProgress'];
  signal?: AbortSignal;
}

export interface TrainedModel {
  model: FittedModel;
  bytes: Uint8Array;
  manifest: ModelManifest;
  validation: ClassificationScores;
  /** Largest |onnxruntime − trainer| over the validation rows. */
  exportError: number;
  report: string;
}

/** Train rows, an embargo of `horizon` rows, then validation rows: the newest share of the usable rows. */
export function splitRows(rows: Int32Array, fraction: number, horizon: number): { train: Int32Array; valid: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) throw new ModelError(`validation fraction must be in (0, 1), got ${fraction}`, 'MODEL_INVALID_OPTION', { field: 'validationFraction', value: fraction });
  const nValid = Math.floor(rows.length * fraction);
  const trainEnd = Math.max(0, rows.length - nValid - horizon);
  return { train: rows.subarray(0, trainEnd), valid: rows.subarray(rows.length - nValid) };
}

const MIN_ROWS = 200;

function checkRows(what: string, d: ModelData): void {
  if (d.rows < MIN_ROWS) throw new ModelError(`Too few ${what} rows to train on: ${d.rows} (at least ${MIN_ROWS}; use more data or a longer range)`, 'MODEL_TOO_FEW_ROWS', { field: what, value: d.rows });
}

/**
 * Exports the model and checks onnxruntime gives the trainer's probabilities (within 1e-5) on `check` rows (a GRU's on
 * its windows, gathered a chunk at a time). `predictions` are the trainer's reference probabilities of those rows.
 */
export async function exportChecked(model: FittedModel, metadata: Record<string, string>, check: ModelData): Promise<{ bytes: Uint8Array; error: number; predictions: Float64Array }> {
  const bytes = model.kind === 'gru' ? exportGruModel(model, { metadata }) : exportTabularModel(model, { metadata });
  const ours = predictData(model, check);
  const runner = await OnnxRunner.load(bytes, { timeoutMs: 120_000 });
  try {
    let error = 0;
    if (isSequenceDataset(check)) {
      await forEachWindowChunk(check, async (windows, first, count) => {
        const theirs = await runner.predict(windows, count);
        for (let r = 0; r < count; r++) error = Math.max(error, Math.abs(ours[first + r] - theirs[r]));
      });
    } else {
      const theirs = await runner.predict(check.values, check.rows);
      for (let r = 0; r < check.rows; r++) error = Math.max(error, Math.abs(ours[r] - theirs[r]));
    }
    if (!(error <= 1e-5)) throw new ModelError(`The exported model disagrees with the trainer by ${error} (more than 1e-5): not written`, 'MODEL_EXPORT_MISMATCH', { field: 'model', value: error });
    return { bytes, error, predictions: ours };
  } finally {
    await runner.close();
  }
}

/** The ONNX metadata of a model trained on `ls` (the inputs key only when it reads more than OHLCV). */
export function modelMetadata(name: string, kind: ModelKind, ls: Pick<LabelledSeries, 'features' | 'label' | 'inputs'>): Record<string, string> {
  const meta: Record<string, string> = { [META.featureHash]: ls.features.schemaHash, [META.kind]: kind, [META.horizon]: String(ls.label.horizon), [META.name]: name };
  if (ls.inputs.length > 0) meta[META.inputs] = ls.inputs.join(',');
  return meta;
}

function manifestFeatures(features: FeatureMatrix, inputs: LabelledSeries['inputs']): ModelManifest['features'] {
  return { version: FEATURE_SCHEMA_VERSION, hash: features.schemaHash, count: features.cols, ...(inputs.length > 0 ? { inputs } : {}) };
}

export async function trainModel(req: TrainRequest, labelled?: LabelledSeries): Promise<TrainedModel> {
  const label = req.label ?? DEFAULT_LABEL;
  const seed = req.seed ?? 1;
  const ls = labelled ?? labelSeries(req.series, label, req.extra);
  const times = req.series.time;
  const from = req.from === undefined ? 0 : firstAtOrAfter(times, req.from);
  const to = req.to === undefined ? times.length : firstAtOrAfter(times, req.to + 1);
  const params = req.params ?? {};
  const { train: trainRows, valid: validRows } = splitRows(rowsFor(req.kind, ls, from, to, params), req.validationFraction ?? 0.2, label.horizon);
  const train = dataFor(req.kind, ls, trainRows, params);
  const valid = dataFor(req.kind, ls, validRows, params);
  checkRows('training', train);
  checkRows('validation', valid);
  const model = await fitModel(req.kind, train, valid, params, { seed, onProgress: req.onProgress, signal: req.signal });
  const { bytes, error, predictions } = await exportChecked(model, modelMetadata(req.name, req.kind, ls), valid);
  const validation = scoreClassifier(predictions, valid.labels);
  const range = (rows: Int32Array) => ({ from: times[rows[0]], to: times[rows[rows.length - 1]], rows: rows.length });
  const manifest: ModelManifest = {
    format: 1,
    name: req.name,
    kind: req.kind,
    features: manifestFeatures(ls.features, ls.inputs),
    label,
    data: { dataset: req.dataset, timeframe: req.timeframe, train: range(trainRows), validation: range(validRows) },
    params: { ...req.params },
    seed,
    metrics: { validation: jsonScores(validation) },
    onnxSha256: sha256(bytes),
    command: req.command,
    quorumVersion: APP_VERSION,
  };
  // A manifest the library would later refuse (a data name or command too long for it) fails here, before any file.
  const checked = ModelManifestSchema.safeParse(manifest);
  if (!checked.success) {
    const issue = describeIssues(checked.error);
    throw new ModelError(`The model's manifest would be invalid: ${issue.message}`, 'MODEL_MANIFEST_INVALID', { field: issue.field ?? 'manifest' });
  }
  return { model, bytes, manifest, validation, exportError: error, report: trainingReport(manifest, validation, error) };
}

/** Scores as the manifest keeps them (NaN → null: JSON has no NaN). */
export function jsonScores(s: ClassificationScores): ModelManifest['metrics']['validation'] {
  const n = (v: number) => (Number.isFinite(v) ? v : null);
  return { rows: s.rows, baseRate: n(s.baseRate), accuracy: n(s.accuracy), logLoss: n(s.logLoss), auc: n(s.auc), brier: n(s.brier) };
}

/** Writes NAME.onnx, NAME.manifest.json and NAME.report.md into `dir`; returns the model's path. */
export function writeModelFiles(dir: string, trained: TrainedModel): string {
  const path = join(dir, `${trained.manifest.name}.onnx`);
  writeFileSync(path, trained.bytes);
  writeFileSync(manifestPath(path), `${JSON.stringify(trained.manifest, null, 2)}\n`);
  writeFileSync(reportPath(path), trained.report);
  return path;
}
