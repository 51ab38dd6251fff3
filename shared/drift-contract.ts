// Contract schemas of the drift report: a paper or live run replayed through the backtester on the same bars, and
// compared decision by decision, fill by fill and in equity (see electron/engine/drift/).
import { z } from 'zod';
import { DecisionActionSchema } from './domain';

export const DriftRequestSchema = z.object({ runId: z.number().int().positive() }).strict();

/** Why a bar's decision or trades differ between the run and its replay. */
export const DRIFT_REASONS = ['data revision', 'time-box abstention', 'risk veto', 'rejected order', 'unexplained'] as const;
export const DriftReasonSchema = z.enum(DRIFT_REASONS);
export type DriftReason = z.infer<typeof DriftReasonSchema>;

export const DriftDecisionSchema = z.object({
  /** Open time of the bar the decision was made on. */
  time: z.number(),
  runAction: DecisionActionSchema.nullable(),
  replayAction: DecisionActionSchema.nullable(),
  runScore: z.number().nullable(),
  replayScore: z.number().nullable(),
  /** Sides of the orders that traded on this bar, in order ('sell buy'; '' for none). */
  runTrades: z.string(),
  replayTrades: z.string(),
  reason: DriftReasonSchema,
  detail: z.string(),
  /** Set when the difference follows from an earlier one (the books already differed): that bar's time. */
  since: z.number().optional(),
});
export type DriftDecision = z.infer<typeof DriftDecisionSchema>;

export const DriftFillSchema = z.object({
  /** Bar of the decision the order came from, and the bar it was sent on (later for a retry). */
  decisionTime: z.number(),
  sentTime: z.number(),
  clientOrderId: z.string(),
  side: z.enum(['buy', 'sell']),
  role: z.string().nullable(),
  runPrice: z.number(),
  runAmount: z.number(),
  /** In the quote currency. */
  runFee: z.number(),
  modelPrice: z.number().nullable(),
  modelAmount: z.number().nullable(),
  modelFee: z.number().nullable(),
  /** (run − model) / model in bps, signed so that positive is worse for the trader (a buy paid more, a sell got less). */
  slippageBps: z.number().nullable(),
  /** Fee as bps of the fill's notional, run and model. */
  runFeeBps: z.number(),
  modelFeeBps: z.number().nullable(),
  /** Retry attempt (2, 3, …) when the run's order went out on a later bar than its decision; not in the slippage statistics. */
  attempt: z.number().int(),
  note: z.string().optional(),
});
export type DriftFill = z.infer<typeof DriftFillSchema>;

export const DistributionSchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  /** The value worst for the trader (the largest). */
  worst: z.number().nullable(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const DriftRejectedSchema = z.object({
  decisionTime: z.number(),
  clientOrderId: z.string(),
  side: z.enum(['buy', 'sell']),
  status: z.string(),
  error: z.string().nullable(),
  /** 'risk veto' when the run's risk gate refused it, else 'rejected order' (the venue refused it or sending failed). */
  reason: DriftReasonSchema,
});

export const DriftReportSchema = z.object({
  run: z.object({
    id: z.number().int(),
    kind: z.enum(['paper', 'live']),
    status: z.string(),
    account: z.string(),
    sessionId: z.number().int(),
    symbol: z.string(),
    timeframe: z.string(),
    strategy: z.string(),
    params: z.record(z.string(), z.unknown()),
    /** First and last decision bar (open times) and how many bars the run decided on. */
    from: z.number().nullable(),
    to: z.number().nullable(),
    bars: z.number().int(),
  }),
  /** What the replay was run with: the run's own settings. */
  replay: z.object({
    cash: z.number(),
    commission: z.number(),
    sizing: z.string(),
    fill: z.string(),
    amountStep: z.number(),
    marketFrom: z.enum(['given', 'stored instrument', 'inferred from the run\'s orders', 'default']),
    risk: z.string(),
    warmupBars: z.number().int(),
  }),
  summary: z.object({
    barsCompared: z.number().int(),
    differing: z.number().int(),
    byReason: z.record(DriftReasonSchema, z.number().int()),
    runFills: z.number().int(),
    modelFills: z.number().int(),
    pairedFills: z.number().int(),
    runFees: z.number(),
    modelFees: z.number(),
    /** Fees of the paired fills only, run and model. */
    pairedRunFees: z.number(),
    pairedModelFees: z.number(),
    finalRunEquity: z.number().nullable(),
    finalReplayEquity: z.number().nullable(),
    finalGap: z.number().nullable(),
    finalGapPct: z.number().nullable(),
    maxAbsGap: z.number().nullable(),
  }),
  slippageBps: DistributionSchema,
  feeBps: z.object({ run: DistributionSchema, model: DistributionSchema }),
  decisions: z.array(DriftDecisionSchema),
  /** Differing bars beyond the list's cap. */
  decisionsLeftOut: z.number().int(),
  fills: z.array(DriftFillSchema),
  /** The replay's fills with no run fill for the same decision. */
  modelOnly: z.array(z.object({ decisionTime: z.number(), side: z.enum(['buy', 'sell']), price: z.number(), amount: z.number(), fee: z.number() })),
  rejected: z.array(DriftRejectedSchema),
  /** Equity at each bar's close (downsampled for long runs): run, replay and their gap (run − replay). */
  equity: z.object({ time: z.array(z.number()), run: z.array(z.number()), replay: z.array(z.number()), gap: z.array(z.number()) }),
  notes: z.array(z.string()),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;
