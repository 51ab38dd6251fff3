// Each built-in strategy's parameters as one zod schema with defaults, bounds and descriptions: the engine's
// strategies validate their params with these, and the Backtest page builds its parameter form from them.
// The agent panel has none here: its per-run params are its settings (shared/panel-settings.ts) by dotted path.
import { z } from 'zod';

// Messages finish "<strategy>: param <field> …, got <value>" in the engine and stand alone under the form's field.
const integer = (min: number, fallback: number, description: string) => {
  const want = `must be an integer >= ${min}`;
  return z.number({ error: want }).int(want).min(min, want).default(fallback).describe(description);
};

const level = (lo: number, hi: number, fallback: number, description: string) => {
  const want = `must be a number in [${lo}, ${hi}]`;
  return z.number({ error: want }).min(lo, want).max(hi, want).default(fallback).describe(description);
};

/** Two averages whose cross is a signal: fast must be the shorter, or "crossed above" would mean the opposite. */
function maCross(kind: string, fast: number, slow: number) {
  return z
    .object({
      fast: integer(1, fast, `Bars in the fast ${kind} of close`),
      slow: integer(1, slow, `Bars in the slow ${kind} of close (more than fast)`),
    })
    .superRefine((p, ctx) => {
      if (p.fast >= p.slow) ctx.addIssue({ code: 'custom', path: ['fast'], message: `must be less than slow (${p.slow})` });
    });
}

export const SmaCrossParamsSchema = maCross('simple moving average', 10, 20);
export const EmaCrossParamsSchema = maCross('exponential moving average', 12, 26);

export const PriceSmaCrossParamsSchema = z.object({
  period: integer(1, 15, 'Bars in the simple moving average the close crosses'),
});

export const RsiRevertParamsSchema = z
  .object({
    period: integer(2, 14, 'Bars in the RSI (Wilder smoothing)'),
    low: level(0, 100, 30, 'RSI level whose downward cross buys the dip when flat'),
    high: level(0, 100, 70, 'RSI level whose upward cross closes the long (above low)'),
  })
  .superRefine((p, ctx) => {
    if (p.low >= p.high) ctx.addIssue({ code: 'custom', path: ['low'], message: `must be below high (${p.high})` });
  });

export type SmaCrossParams = z.infer<typeof SmaCrossParamsSchema>;
export type EmaCrossParams = z.infer<typeof EmaCrossParamsSchema>;
export type PriceSmaCrossParams = z.infer<typeof PriceSmaCrossParamsSchema>;
export type RsiRevertParams = z.infer<typeof RsiRevertParamsSchema>;

/** The parameter schema of each built-in strategy that has one (every one but the panel). */
export const STRATEGY_PARAM_SCHEMAS = {
  'sma-cross': SmaCrossParamsSchema,
  'ema-cross': EmaCrossParamsSchema,
  'price-sma-cross': PriceSmaCrossParamsSchema,
  'rsi-revert': RsiRevertParamsSchema,
} as const;

export type StrategyParamSchema = (typeof STRATEGY_PARAM_SCHEMAS)[keyof typeof STRATEGY_PARAM_SCHEMAS];

/** The schema of `strategy`'s params; undefined for the panel (its settings) and for unknown names. */
export function strategyParamSchema(strategy: string): StrategyParamSchema | undefined {
  return Object.hasOwn(STRATEGY_PARAM_SCHEMAS, strategy) ? STRATEGY_PARAM_SCHEMAS[strategy as keyof typeof STRATEGY_PARAM_SCHEMAS] : undefined;
}

/** Every parameter at its default: what the form opens on. */
export function defaultStrategyParams(strategy: string): Record<string, number> | undefined {
  return strategyParamSchema(strategy)?.parse({});
}
