// Contract schemas for the chart: candles of a dataset (columnar), runs, and decisions with every vote.
import { z } from 'zod';
import { DecisionSchema, RunKindSchema, TimeframeSchema } from './domain';
import { SeriesKeySchema } from './data-contract';
import { TimeMs } from './bounds';
import { Float32Column, Float64Column, sameLength, Uint8Column } from './typed-columns';

export const CandlesRequestSchema = SeriesKeySchema.extend({
  from: TimeMs.optional(),
  to: TimeMs.optional(),
  /** At most this many bars come back: the latest of the range at `resolution`, or the whole range at an automatic one. */
  maxBars: z.number().int().positive().max(200_000).default(5_000),
  /**
   * Bars aggregated to this timeframe (a whole multiple of the dataset's). Absent: the finest timeframe that shows the
   * whole range in at most `maxBars` bars — so five years of 1m candles open at once, and a zoomed-in range at 1m.
   */
  resolution: TimeframeSchema.optional(),
}).strict();

const candleColumns = { time: Float64Column, open: Float64Column, high: Float64Column, low: Float64Column, close: Float64Column, volume: Float64Column };

/** Typed columns, like the engine's: binary on the wire and direct to the chart. */
export const CandlesReplySchema = z.object({
  ...candleColumns,
  /** Bars of the dataset in the requested range, at its own timeframe. */
  total: z.number().int(),
  /** The timeframe of the bars returned. */
  resolution: TimeframeSchema,
}).refine((r) => sameLength({ time: r.time, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume }, 'time'), {
  message: 'candle columns differ in length', path: ['time'],
});
export type CandlesReply = z.infer<typeof CandlesReplySchema>;

export const RunSchema = z.object({
  id: z.number().int(),
  kind: RunKindSchema,
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()),
  symbol: z.string().nullable(),
  timeframe: z.string().nullable(),
  status: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const StoredDecisionSchema = DecisionSchema;
export type StoredDecision = z.infer<typeof StoredDecisionSchema>;

export const DecisionsRequestSchema = z
  .object({
    runId: z.number().int().positive(),
    from: TimeMs.optional(),
    to: TimeMs.optional(),
    limit: z.number().int().positive().max(100_000).default(5_000),
    /** Leave out 'hold' decisions (the chart marks only actions, then asks for a bar's votes on demand). */
    actionsOnly: z.boolean().default(false),
  })
  .strict();

/** A run's decision for every bar as columns, for the chart's vote strip; aggregated per `resolution` bucket when given. */
export const DecisionColumnsRequestSchema = z
  .object({
    runId: z.number().int().positive(),
    from: TimeMs.optional(),
    to: TimeMs.optional(),
    resolution: TimeframeSchema.optional(),
    maxBars: z.number().int().positive().max(1_000_000).default(200_000),
  })
  .strict();

export const DecisionColumnsReplySchema = z.object({
  /** Bar (or bucket) open times. */
  time: Float64Column,
  /** Index into ACTIONS (hold, buy, sell, exit); a bucket shows its last acting decision, else hold. */
  action: Uint8Column,
  /** The panel's aggregate score; a bucket's mean. */
  score: Float32Column,
  /** 1 when a veto applied (any bar of a bucket). */
  veto: Uint8Column,
  /** Decisions of the run in the range, before aggregation. */
  total: z.number().int(),
}).refine((r) => sameLength({ time: r.time, action: r.action, score: r.score, veto: r.veto }, 'time'), {
  message: 'decision columns differ in length', path: ['time'],
});
export type DecisionColumnsReply = z.infer<typeof DecisionColumnsReplySchema>;
