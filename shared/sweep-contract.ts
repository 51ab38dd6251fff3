// Contract schemas for the Sweep page: a parameter sweep or a walk-forward started as a job (progress per worker,
// cancel), and its result: ranked combinations, or windows with in-sample and out-of-sample kept apart.
import { z } from 'zod';
import { BacktestStartSchema } from './backtest-contract';
import { DatasetName, Identifier, text, TimeMs } from './bounds';
import { Float64Column } from './typed-columns';

/** The most combinations one sweep (or each walk-forward window) may run. */
export const MAX_GRID = 10_000;
/** The most values one axis may expand to. */
export const MAX_AXIS_VALUES = 10_000;
/** A walk-forward's windows × combinations: every one is a backtest on the train span. */
export const MAX_WALK_BACKTESTS = 200_000;
export const MAX_WALK_WINDOWS = 1_000;

/** What a sweep ranks by and a walk-forward picks with (the engine's metric aliases; see backtest/metric.ts). */
export const SWEEP_METRICS = [
  'sharpe', 'sortino', 'calmar', 'return', 'cagr', 'ann-return', 'final-equity', 'sqn', 'profit-factor', 'win-rate', 'expectancy',
  'max-drawdown', 'volatility',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

const ParamName = z.string().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'a parameter name such as "fast" or "thresholds.enterLong"');
const ParamNumber = z.number().min(-1e12).max(1e12);

/** One parameter's values: a range (from..to by step, as the CLI's `fast=5..20:5`) or a list. */
export const SweepAxisSchema = z.union([
  z.object({ key: ParamName, from: ParamNumber, to: ParamNumber, step: z.number().positive().max(1e12) }).strict(),
  z.object({ key: ParamName, values: z.array(z.union([ParamNumber, text(64), z.boolean()])).min(1).max(1_000) }).strict(),
]);
export type SweepAxis = z.infer<typeof SweepAxisSchema>;

/** How many values a range axis has (NaN when from > to); the engine and the form count alike. */
export function axisLength(axis: SweepAxis): number {
  if ('values' in axis) return axis.values.length;
  if (axis.to < axis.from) return Number.NaN;
  return Math.floor((axis.to - axis.from) / axis.step + 1e-9) + 1;
}

/** The axis's values; rounding keeps 0.1-steps from drifting into 0.30000000000000004. */
export function axisValues(axis: SweepAxis): (number | string | boolean)[] {
  if ('values' in axis) return axis.values;
  return Array.from({ length: axisLength(axis) }, (_, i) => Number((axis.from + i * axis.step).toPrecision(12)));
}

/** Combinations in the grid (the product of the axes' lengths). */
export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, a) => n * axisLength(a), 1);
}

const Axes = z
  .array(SweepAxisSchema)
  .min(1, 'at least one parameter axis')
  .max(8, 'at most 8 parameter axes')
  .superRefine((axes, ctx) => {
    const seen = new Set<string>();
    axes.forEach((a, i) => {
      if (seen.has(a.key)) ctx.addIssue({ code: 'custom', message: `parameter ${a.key} is given twice`, path: [i, 'key'] });
      seen.add(a.key);
      const n = axisLength(a);
      if (Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: `${a.key}: to must not be below from`, path: [i, 'to'] });
      else if (n > MAX_AXIS_VALUES) ctx.addIssue({ code: 'custom', message: `${a.key} expands to ${n} values (at most ${MAX_AXIS_VALUES})`, path: [i, 'step'] });
    });
    const total = gridSize(axes);
    if (total > MAX_GRID) ctx.addIssue({ code: 'custom', message: `the grid has ${total} combinations (at most ${MAX_GRID})`, path: [] });
  });

const Options = BacktestStartSchema.shape.options;

const sweepFields = {
  /** A stored dataset, "exchange:SYMBOL:timeframe". */
  data: DatasetName,
  strategy: Identifier(32),
  axes: Axes,
  metric: z.enum(SWEEP_METRICS, { error: `one of ${SWEEP_METRICS.join(', ')}` }),
  /** Costs and rules as backtest.start takes them. */
  options: Options,
  from: TimeMs.optional(),
  to: TimeMs.optional(),
  /** Threads to use: at most the engine's pool (one per core); the pool's size when absent. */
  workers: z.number().int().min(1).max(256).optional(),
};
const fromBeforeTo = (r: { from?: number; to?: number }) => r.from === undefined || r.to === undefined || r.from <= r.to;

export const SweepStartSchema = z.object(sweepFields).strict().refine(fromBeforeTo, { message: 'from must not be after to', path: ['from'] });
export type SweepStartRequest = z.infer<typeof SweepStartSchema>;

/** A walk-forward span: "30d", "12h", "90m", "2w", or a bar count ("500" or "500bars"). */
export const SpanText = z.string().max(12).regex(/^[1-9][0-9]{0,7}(m|h|d|w|bars)?$/, 'a span such as 30d, 12h, 90m, 2w or a bar count (500)');

export const WalkForwardStartSchema = z
  .object({ ...sweepFields, train: SpanText, test: SpanText, anchored: z.boolean().optional() })
  .strict()
  .refine(fromBeforeTo, { message: 'from must not be after to', path: ['from'] });
export type WalkForwardStartRequest = z.infer<typeof WalkForwardStartSchema>;

export const SweepJobRequestSchema = z.object({ jobId: Identifier(64) }).strict();

export const SweepStartedSchema = z.object({
  jobId: z.string().max(64),
  /** Combinations in the grid, and the backtests the job will run (walk-forward: windows × combinations). */
  combos: z.number().int(),
  total: z.number().int(),
  /** Threads the job uses, and the engine's pool size. */
  workers: z.number().int(),
  poolSize: z.number().int(),
  windows: z.number().int().optional(),
});
export type SweepStarted = z.infer<typeof SweepStartedSchema>;

export const SweepProgressSchema = z.object({
  jobId: z.string().max(64),
  kind: z.enum(['sweep', 'walkforward']),
  state: z.enum(['running', 'finished', 'failed', 'cancelled']),
  /** Backtests finished and in all. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Backtests finished by each thread the job uses (index = worker). */
  perWorker: z.array(z.number().int().nonnegative()).max(256),
  poolSize: z.number().int(),
  /** Walk-forward: windows finished and in all. */
  windows: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  /** Walk-forward, after the windows: the out-of-sample runs replayed again for the stitched curve. */
  phase: z.enum(['windows', 'stitching']).optional(),
  error: z.string().max(2_000).optional(),
});
export type SweepProgress = z.infer<typeof SweepProgressSchema>;

/** A number that may be NaN or infinite travels as null (JSON has no NaN). */
const Num = z.number().nullable();
const Params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));

const MetricSchema = z.object({ name: z.string(), field: z.string(), direction: z.union([z.literal(1), z.literal(-1)]) });

/** The key stats of one backtest, as a row of the ranked table or one side of a window. */
export const KeyStatsSchema = z.object({
  /** The ranking metric's value. */
  score: Num,
  returnPct: Num,
  sharpe: Num,
  maxDrawdownPct: Num,
  trades: z.number().int(),
  winRatePct: Num,
  profitFactor: Num,
  finalEquity: Num,
});
export type KeyStats = z.infer<typeof KeyStatsSchema>;

export const SweepRowSchema = KeyStatsSchema.extend({ rank: z.number().int(), index: z.number().int(), params: Params });
export type SweepRow = z.infer<typeof SweepRowSchema>;

const SweepResultSchema = z.object({
  kind: z.literal('sweep'),
  metric: MetricSchema,
  /** The axes, as requested: the heatmap's rows and columns. */
  axes: z.array(SweepAxisSchema),
  combos: z.number().int(),
  /** Best first; rows whose metric is undefined come last. */
  rows: z.array(SweepRowSchema),
  /** Invalid combinations (the strategy refused them, e.g. fast ≥ slow), with the first reason. */
  skipped: z.number().int(),
  skippedExample: z.string().optional(),
  errors: z.array(z.object({ params: Params, error: z.string() })),
});

const Side = z.object({
  windows: z.number().int(),
  meanMetric: Num,
  meanReturnPct: Num,
  compoundedReturnPct: Num,
  worstDrawdownPct: Num,
  trades: z.number().int(),
  positiveWindows: z.number().int(),
});
export type WalkSide = z.infer<typeof Side>;

const Span = z.object({ from: z.number(), to: z.number(), bars: z.number().int() });

export const WalkWindowSchema = z.object({
  index: z.number().int(),
  train: Span,
  test: Span,
  /** The train window's winner; absent when no combination had a defined metric there. */
  best: Params.optional(),
  inSample: KeyStatsSchema.optional(),
  outOfSample: KeyStatsSchema.optional(),
  candidates: z.number().int(),
  skipped: z.number().int(),
});
export type WalkWindow = z.infer<typeof WalkWindowSchema>;

const WalkForwardResultSchema = z.object({
  kind: z.literal('walkforward'),
  metric: MetricSchema,
  anchored: z.boolean(),
  train: z.string(),
  test: z.string(),
  combos: z.number().int(),
  windows: z.array(WalkWindowSchema),
  inSample: Side,
  outOfSample: Side,
  /** Out-of-sample equity, the test windows chained (each starts with what the last ended with); thinned for the chart. */
  stitched: z.object({ time: Float64Column, value: Float64Column }),
  /** The stitched out-of-sample return, % (the test windows' returns compounded in order). */
  stitchedReturnPct: Num,
});

export const SweepJobResultSchema = z.discriminatedUnion('kind', [SweepResultSchema, WalkForwardResultSchema]);
export type SweepJobResult = z.infer<typeof SweepJobResultSchema>;
export type SweepResult = z.infer<typeof SweepResultSchema>;
export type WalkForwardResult = z.infer<typeof WalkForwardResultSchema>;
