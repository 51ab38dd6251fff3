// Contract schemas for the chart's indicators: the engine's registry as a list (with where each one is drawn), and one
// indicator computed over a dataset's candles at a resolution, as typed columns aligned with `candles.get`.
import { z } from 'zod';
import { TimeframeSchema } from './domain';
import { SeriesKeySchema } from './data-contract';
import { TimeMs } from './bounds';
import { Float64Column, sameLength } from './typed-columns';

/** Where the chart draws an indicator: over the candles (same price scale) or in a pane of its own under them. */
export const IndicatorKindSchema = z.enum(['overlay', 'pane']);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const IndicatorInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  kind: IndicatorKindSchema,
  /** Output column names, in the registry's order (e.g. macd, signal, hist). */
  outputs: z.array(z.string()),
  /** Defaults; also every param the indicator accepts. */
  params: z.record(z.string(), z.number()),
});
export type IndicatorInfo = z.infer<typeof IndicatorInfoSchema>;

/** An indicator's params by name; unknown names and bad values are refused by the engine, naming the param. */
export const IndicatorParamsSchema = z
  .record(z.string().max(32).regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a param name such as "period"'), z.number().min(-1e6).max(1e6))
  .refine((p) => Object.keys(p).length <= 8, 'at most 8 params');

export const IndicatorSeriesRequestSchema = SeriesKeySchema.extend({
  from: TimeMs.optional(),
  to: TimeMs.optional(),
  /** The chart's resolution (a whole multiple of the dataset's timeframe); absent: as `candles.get` would pick. */
  resolution: TimeframeSchema.optional(),
  /** The latest bars of the range, as `candles.get` cuts them, so both line up bar for bar. */
  maxBars: z.number().int().positive().max(200_000).default(5_000),
  name: z.string().min(1).max(32).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an indicator name such as "rsi"'),
  params: IndicatorParamsSchema.default({}),
}).strict();
export type IndicatorSeriesRequest = z.input<typeof IndicatorSeriesRequestSchema>;

export const IndicatorSeriesReplySchema = z.object({
  name: z.string(),
  kind: IndicatorKindSchema,
  /** The params used: defaults overlaid with the request's. */
  params: z.record(z.string(), z.number()),
  resolution: TimeframeSchema,
  /** Bar open times, the same bars `candles.get` returns for the range at this resolution. */
  time: Float64Column,
  /** One column per output (NaN where the indicator has no value yet). */
  outputs: z.array(z.object({ name: z.string(), values: Float64Column })),
  /** Bars before `from` the engine computed over so the first value shown is already settled. */
  warmUpBars: z.number().int().nonnegative(),
}).refine((r) => sameLength({ time: r.time, ...Object.fromEntries(r.outputs.map((o) => [o.name, o.values])) }, 'time'), {
  message: 'indicator columns differ in length', path: ['time'],
});
export type IndicatorSeriesReply = z.infer<typeof IndicatorSeriesReplySchema>;
