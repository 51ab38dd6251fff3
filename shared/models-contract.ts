// Contract schemas for the Models page: list the models with their manifests, read a report, train one on a stored
// dataset and evaluate one walk-forward (jobs with progress events and cancel), as the backtest channels do.
import { z } from 'zod';
import { DatasetName, Identifier, text, TimeMs } from './bounds';
import { ModelEntrySchema } from './model-manifest';

/** The kinds the app trains: tabular models on one feature row per bar, and the GRU over the last rows. */
export const TRAINABLE_KINDS = ['gbdt', 'rf', 'logreg', 'ensemble', 'gru'] as const;
export type TrainableKind = (typeof TRAINABLE_KINDS)[number];

/** A model's name: also its file name (NAME.onnx), so letters, digits, dot, dash, underscore; at most 64. */
export const ModelName = Identifier(64);

/** Trainer options by name (`nEstimators`, or `gbdt.nEstimators` for an ensemble member), at most 32. */
export const TrainerParamsSchema = z
  .record(
    z.string().max(64).regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/, 'a trainer option such as "nEstimators" or "gbdt.maxDepth"'),
    z.union([z.number().min(-1e9).max(1e9), text(32), z.boolean()]),
  )
  .refine((p) => Object.keys(p).length <= 32, 'at most 32 trainer options');

/** A walk-forward span: "30d", "12h", "90m", "2w", or a bar count ("5000"). */
const SpanText = z.string().max(12).regex(/^[1-9][0-9]{0,7}(m|h|d|w|bars)?$/, 'a span such as 30d, 12h, 90m, 2w or a bar count');

export const ModelsTrainSchema = z
  .object({
    /** A stored dataset, "exchange:SYMBOL:timeframe" (never a file). */
    dataset: DatasetName,
    kind: z.enum(TRAINABLE_KINDS, { error: `one of ${TRAINABLE_KINDS.join(', ')}` }),
    name: ModelName,
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    /** Bars ahead the label looks (default 5). */
    horizon: z.number().int().min(1).max(10_000).optional(),
    /** Moves within ±deadZone (a fraction) are left unlabelled (default 0). */
    deadZone: z.number().min(0).max(0.5).optional(),
    /** Share of the newest rows kept for validation (default 0.2). */
    validationFraction: z.number().min(0.01).max(0.9).optional(),
    /** Bar times (inclusive) of the rows to learn from; the whole dataset if absent. */
    from: TimeMs.optional(),
    to: TimeMs.optional(),
    params: TrainerParamsSchema.optional(),
    /** Overwrite a user model of this name (or shadow a shipped one); refused otherwise. */
    replace: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
export type ModelsTrainRequest = z.infer<typeof ModelsTrainSchema>;
export type ModelsTrainInput = z.input<typeof ModelsTrainSchema>;

export const ModelsEvaluateSchema = z
  .object({
    name: ModelName,
    /** Walk-forward spans; by default 30d/7d, or sized to the data when it is shorter than 44 days. */
    train: SpanText.optional(),
    test: SpanText.optional(),
  })
  .strict();

export const ModelsNameSchema = z.object({ name: ModelName }).strict();
export const ModelsCancelSchema = z.object({ jobId: Identifier(64) }).strict();

/** A model as listed, and whether a walk-forward evaluation (NAME.evaluation.md) was written for it. */
export const ModelListEntrySchema = ModelEntrySchema.extend({ hasEvaluation: z.boolean() });
export type ModelListEntry = z.infer<typeof ModelListEntrySchema>;

export const ModelReportSchema = z.object({
  /** NAME.report.md (or a short summary of the manifest when the model has no report). */
  markdown: z.string().max(2_000_000),
  /** NAME.evaluation.md, when the model was evaluated. */
  evaluation: z.string().max(2_000_000).optional(),
});
export type ModelReport = z.infer<typeof ModelReportSchema>;

export const ModelJobSchema = z.object({ jobId: z.string().max(64) });

export const ModelsProgressSchema = z.object({
  jobId: z.string().max(64),
  kind: z.enum(['train', 'evaluate']),
  state: z.enum(['running', 'finished', 'failed', 'cancelled']),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** What the job is doing, in words ("tree 40/300", "window 2: backtests"). */
  message: z.string().max(500),
  error: z.string().max(2_000).optional(),
  /** The model trained or evaluated. */
  name: z.string().max(64).optional(),
});
export type ModelsProgress = z.infer<typeof ModelsProgressSchema>;
