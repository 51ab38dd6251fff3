// A trained model's manifest (models/NAME.manifest.json): what it reads, what it was trained on, how it scored, and how
// to make it again. The Predictor refuses a model whose feature schema hash is not the code's; the Models page shows it.
import { z } from 'zod';
import { Identifier, text, TimeMs } from './bounds';

export const MODEL_KINDS = ['gbdt', 'rf', 'logreg', 'ensemble', 'gru'] as const;
export const ModelKindSchema = z.enum(MODEL_KINDS);

/** Kline columns a model may read besides OHLCV (only files carry them: stored datasets and exchange candles do not). */
export const FEATURE_INPUTS = ['takerBuyVolume', 'trades'] as const;
export const FeatureInputSchema = z.enum(FEATURE_INPUTS);
export type FeatureInput = z.infer<typeof FeatureInputSchema>;
export type ModelKind = z.infer<typeof ModelKindSchema>;

/** NaN (e.g. AUC with one class) is written to JSON as null. */
const Score = z.number().nullable();

/** Out-of-sample scores of one model (accuracy, log-loss, AUC, Brier) over labelled rows. */
export const ModelScoresSchema = z.object({
  rows: z.number().int().nonnegative(),
  baseRate: Score,
  accuracy: Score,
  logLoss: Score,
  auc: Score,
  brier: Score,
});
export type ModelScores = z.infer<typeof ModelScoresSchema>;

const Range = z.object({ from: TimeMs, to: TimeMs, rows: z.number().int().nonnegative() });

export const ModelManifestSchema = z.object({
  format: z.literal(1),
  name: Identifier(64),
  kind: ModelKindSchema,
  /** The feature schema the model reads, by version and hash; a different hash means different inputs. */
  features: z.object({
    version: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    count: z.number().int().positive(),
    /** Per-bar inputs beyond OHLCV it reads (Binance klines' taker-buy volume and trade count); absent for candles only. */
    inputs: z.array(FeatureInputSchema).min(1).optional(),
  }),
  /** What "up" means: the close `horizon` bars ahead above this one by more than `deadZone` (a fraction). */
  label: z.object({ horizon: z.number().int().positive(), deadZone: z.number().nonnegative() }),
  /** The candles it learned from: the dataset, and the train and validation (early stopping) ranges in bar time. */
  data: z.object({ dataset: text(200), timeframe: text(8), train: Range, validation: Range }),
  /** The trainer's parameters as given (seed included). */
  params: z.record(z.string().max(64), z.union([z.number(), z.string().max(200), z.boolean()])),
  seed: z.number().int(),
  /** Scores on the validation range, and the walk-forward out-of-sample summary when one was run. */
  metrics: z.object({ validation: ModelScoresSchema, walkForward: ModelScoresSchema.optional() }),
  /** sha256 of the .onnx bytes: a changed file is noticed. */
  onnxSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The command that makes this model again, byte for byte. */
  command: text(1000),
  quorumVersion: text(40),
});
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

/** A model as listed: where it lives (the app's own, or trained by the user) and its manifest. */
export const ModelEntrySchema = z.object({
  name: Identifier(64),
  origin: z.enum(['shipped', 'user']),
  sizeBytes: z.number().int().nonnegative(),
  manifest: ModelManifestSchema.optional(),
  /** Why the model cannot be used (no or bad manifest, feature schema mismatch); absent when usable. */
  problem: text(500).optional(),
  /** The report's markdown, when one was written. */
  hasReport: z.boolean(),
});
export type ModelEntry = z.infer<typeof ModelEntrySchema>;
