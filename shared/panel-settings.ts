// Every weight, period and threshold of the agent panel as one zod schema with defaults (part of the app settings).
import { z } from 'zod';

// Every number has a range, so a settings update cannot store a value no agent could use (1e308, a 10^9-bar period).
const period = (value: number) => z.number().int().min(1).max(10_000).default(value);
const positive = (value: number) => z.number().positive().max(1e6).default(value);
const unit = (value: number) => z.number().min(0).max(1).default(value);
const weight = (value: number) => z.number().min(0).max(1_000).default(value);

/** Factor weights must leave something to weigh, or every vote would be 0/0. */
const someWeight = (w: Record<string, number>) => Object.values(w).some((v) => v > 0);

export const QuantSettingsSchema = z.object({
  rsiPeriod: period(14),
  rsiOversold: z.number().min(0).max(100).default(30),
  rsiOverbought: z.number().min(0).max(100).default(70),
  macdFast: period(12),
  macdSlow: period(26),
  macdSignal: period(9),
  /** MACD histogram in Bollinger σ units that counts as a full-strength (±1) factor. */
  macdSigmaScale: positive(0.5),
  bbPeriod: period(20),
  bbStdDev: positive(2),
  weights: z
    .object({ rsi: weight(0.4), macd: weight(0.3), bollinger: weight(0.3) })
    .prefault({})
    .refine(someWeight, 'at least one QuantAnalyst weight must be > 0'),
}).refine((q) => q.rsiOversold < q.rsiOverbought, 'rsiOversold must be below rsiOverbought')
  .refine((q) => q.macdFast <= q.macdSlow, 'macdFast must not exceed macdSlow');

/** The four factors Bull and Bear argue from; each is scaled in ATRs so one setting fits every timeframe. */
export const TrendCaseSettingsSchema = z.object({
  emaPeriod: period(20),
  slopeBars: period(5),
  /** EMA rise over slopeBars, in ATRs, that counts as a full-strength slope. */
  slopeAtr: positive(1),
  smaPeriod: period(50),
  /** Close distance from the SMA, in ATRs, that counts as full strength. */
  distanceAtr: positive(2),
  rocPeriod: period(10),
  /** Close change over rocPeriod, in ATRs, that counts as full strength. */
  rocAtr: positive(2),
  /** MACD histogram (12/26/9), in ATRs, that counts as full strength. */
  histAtr: positive(0.25),
  atrPeriod: period(14),
  volumeBars: period(20),
  donchianPeriod: period(20),
  weights: z
    .object({ trend: weight(0.25), momentum: weight(0.25), volume: weight(0.25), structure: weight(0.25) })
    .prefault({})
    .refine(someWeight, 'at least one Bull/Bear factor weight must be > 0'),
});

export const RegimeSettingsSchema = z.object({
  adxPeriod: period(14),
  atrPeriod: period(14),
  bbPeriod: period(20),
  bbStdDev: positive(2),
  /** Bars of history the ATR and Bollinger-width percentiles are ranked against (the current bar included). */
  lookback: z.number().int().min(2).max(100_000).default(100),
  trendAdx: z.number().min(0).max(100).default(25),
  rangeAdx: z.number().min(0).max(100).default(20),
  /** ATR percentile at or above which the market is called volatile, whatever the ADX says. */
  volatilePercentile: unit(0.9),
  /** Ranging also needs the Bollinger width percentile at or below this (quiet bands). */
  rangeWidthPercentile: unit(0.6),
}).refine((r) => r.rangeAdx <= r.trendAdx, 'rangeAdx must not exceed trendAdx');

export const RiskAuditSettingsSchema = z.object({
  /** Bars before the current one whose median true range is the yardstick for a spike. */
  spikeLookback: z.number().int().min(2).max(100_000).default(50),
  /** A bar whose true range exceeds this multiple of the median is a volatility spike. */
  spikeMultiple: positive(5),
  /** Data is stale when the last closed bar closed more than this many bars before now (live only). */
  staleBars: positive(2),
  /** Daily drawdown at this fraction of its limit already vetoes entries ("limits near"). */
  drawdownNearFraction: unit(0.9),
});

const shares = (trend: number, meanReversion: number) =>
  z.object({ trend: weight(trend), meanReversion: weight(meanReversion) }).prefault({});

export const PanelWeightsSchema = z.object({
  /** Base weight of each voting agent; RiskAudit is a gate and never weighs in the score. */
  agents: z
    .object({
      QuantAnalyst: weight(1),
      Bull: weight(1),
      Bear: weight(1),
      Regime: weight(0.5),
      Predictor: weight(1),
    })
    .prefault({}),
  /** Multiplier on each agent's base weight by its style, per regime (trend-followers vs mean reversion). */
  regimeShares: z
    .object({
      trending: shares(0.6, 0.4),
      ranging: shares(0.4, 0.6),
      volatile: shares(0.5, 0.5),
      neutral: shares(0.5, 0.5),
    })
    .prefault({}),
  /** Multiplier for agents with no style preference (the future Predictor), in every regime. */
  modelShare: weight(0.5),
});

export const ThresholdsSchema = z.object({
  enterLong: z.number().min(-1).max(1).default(0.3),
  exitLong: z.number().min(-1).max(1).default(-0.1),
  enterShort: z.number().min(-1).max(1).default(-0.3),
  exitShort: z.number().min(-1).max(1).default(0.1),
  /** Weighted mean confidence of the voters below which an entry is vetoed. */
  minConfidence: unit(0.1),
}).refine((t) => t.exitLong < t.enterLong, 'exitLong must be below enterLong')
  .refine((t) => t.exitShort > t.enterShort, 'exitShort must be above enterShort');

export const AlignmentSettingsSchema = z.object({
  /** Both cases weaker than this: nobody is arguing, the tag is neutral. */
  minCase: unit(0.2),
  /** The weaker case at least this fraction of the stronger one: the cases are opposed. */
  opposedRatio: unit(0.5),
});

export const BudgetSettingsSchema = z.object({
  /** Live time budget per agent evaluation, in ms. */
  defaultMs: z.number().int().min(1).max(3_600_000).default(60_000),
  perAgentMs: z
    .record(z.string().max(32).regex(/^[A-Za-z][A-Za-z0-9]*$/, 'an agent name'), z.number().int().min(1).max(3_600_000))
    .refine((m) => Object.keys(m).length <= 16, 'at most 16 agents')
    .default({}),
});

export const PredictorSettingsSchema = z.object({
  /** The model (by name, from the models folder) the Predictor runs; '' leaves the Predictor out of the panel. */
  model: z.string().max(64).regex(/^$|^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a model name: letters, digits, dot, dash, underscore').default(''),
  /** The vote's direction is gain × (2·P(up) − 1), clipped to ±1: a model rarely strays far from 50 %. */
  gain: positive(4),
});

export const PanelSettingsSchema = z.object({
  quant: QuantSettingsSchema.prefault({}),
  trendCase: TrendCaseSettingsSchema.prefault({}),
  regime: RegimeSettingsSchema.prefault({}),
  risk: RiskAuditSettingsSchema.prefault({}),
  weights: PanelWeightsSchema.prefault({}),
  thresholds: ThresholdsSchema.prefault({}),
  alignment: AlignmentSettingsSchema.prefault({}),
  budgets: BudgetSettingsSchema.prefault({}),
  predictor: PredictorSettingsSchema.prefault({}),
  allowShort: z.boolean().default(false),
  /** What a risk veto does to an open position: keep it ('hold') or close it ('exit'). Flat stays flat either way. */
  vetoAction: z.enum(['hold', 'exit']).default('hold'),
});
export type PanelSettings = z.infer<typeof PanelSettingsSchema>;
export type PanelSettingsInput = z.input<typeof PanelSettingsSchema>;

export const DEFAULT_PANEL_SETTINGS: PanelSettings = PanelSettingsSchema.parse({});
