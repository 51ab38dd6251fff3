// Domain types both the engine and the renderer need; zod schemas are the single source, types are inferred.
import { z } from 'zod';

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export const TimeframeSchema = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof TimeframeSchema>;

/**
 * Milliseconds in one bar of each timeframe (calendar-free: 1w is 7 days, aligned to the UTC epoch's Thursday).
 * 1M (calendar month) is nominal, 30 days: good enough to spot a missing month, never used to align buckets.
 */
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
  '1M': 2_592_000_000,
};

/** One OHLCV bar; `time` is the bar's open time in ms since the UTC epoch. */
export const CandleSchema = z.object({
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type Candle = z.infer<typeof CandleSchema>;

export const TradingModeSchema = z.enum(['paper', 'live']);
export type TradingMode = z.infer<typeof TradingModeSchema>;

export const RunKindSchema = z.enum(['backtest', 'paper', 'live']);
export type RunKind = z.infer<typeof RunKindSchema>;

/** An agent's opinion on one closed candle. direction: -1 strongly short … +1 strongly long. */
export const VoteSchema = z.object({
  agent: z.string(),
  direction: z.number().min(-1).max(1),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  abstained: z.boolean().optional(),
});
export type Vote = z.infer<typeof VoteSchema>;

export const DecisionActionSchema = z.enum(['buy', 'sell', 'hold', 'exit']);
export type DecisionAction = z.infer<typeof DecisionActionSchema>;

export const DecisionSchema = z.object({
  time: z.number().int(),
  symbol: z.string(),
  action: DecisionActionSchema,
  score: z.number(),
  votes: z.array(VoteSchema),
  veto: z.string().optional(),
  /** Whether the bull and bear cases agree (the agent panel sets it; single strategies leave it out). */
  alignment: z.enum(['aligned', 'opposed', 'neutral']).optional(),
  /** Market regime the panel weighed the votes under. */
  regime: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const AlertLevelSchema = z.enum(['info', 'warning', 'critical']);
export const AlertSchema = z.object({
  id: z.number().int(),
  time: z.number().int(),
  level: AlertLevelSchema,
  source: z.string(),
  message: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;
