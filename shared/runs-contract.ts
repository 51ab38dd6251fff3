// Contract schemas for the chart: candles of a dataset (columnar), runs, and decisions with every vote.
import { z } from 'zod';
import { DecisionSchema, RunKindSchema } from './domain';
import { SeriesKeySchema } from './data-contract';
import { TimeMs } from './bounds';

export const CandlesRequestSchema = SeriesKeySchema.extend({
  from: TimeMs.optional(),
  to: TimeMs.optional(),
  /** The latest bars of the range are returned, at most this many. */
  maxBars: z.number().int().positive().max(200_000).default(5_000),
}).strict();

/** Columnar, like the engine's typed arrays: compact on the wire and direct to chart. */
export const CandlesReplySchema = z.object({
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
  total: z.number().int(),
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
