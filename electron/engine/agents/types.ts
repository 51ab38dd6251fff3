// The shapes every agent shares: batch and streaming forms of "candles so far in, Vote out", and the panel's decision.
import type { Decision, Vote } from '../../../shared/domain';
import type { Bar } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { ColumnCache } from './columns';

export type { Vote } from '../../../shared/domain';

/** Fixed vote order in every decision; Predictor sits between Regime and RiskAudit once it exists. */
export const AGENT_ORDER = ['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'Predictor', 'RiskAudit'] as const;
export type AgentName = (typeof AGENT_ORDER)[number];

/**
 * How the aggregator weighs an agent: trend-followers and mean-reverters get regime-dependent shares,
 * 'model' a fixed share, and a 'gate' (RiskAudit) never enters the score, it can only veto.
 */
export type AgentStyle = 'trend' | 'meanReversion' | 'model' | 'gate';

export type RegimeLabel = 'trending' | 'ranging' | 'volatile' | 'neutral';

/** Whether the Bull and Bear cases agree on a side (one dominates), oppose (both strong) or are both weak. */
export type Alignment = 'aligned' | 'opposed' | 'neutral';

/**
 * Batch form, used by backtests: prepare() computes indicator columns once over the whole series,
 * vote(i) reads them by index. vote(i) must depend only on bars 0..i.
 */
export interface BatchAgent {
  readonly name: AgentName;
  readonly style: AgentStyle;
  prepare(series: CandleSeries, cache: ColumnCache): void;
  vote(index: number): Vote;
}

/** Streaming form, used live: one closed candle in, the vote on it out, O(1) per bar. Must equal the batch vote. */
export interface StreamAgent {
  readonly name: AgentName;
  readonly style: AgentStyle;
  update(candle: Bar): Vote | Promise<Vote>;
}

/** The regime agent also reports the label the aggregator weighs by, for the bar it last voted on. */
export interface RegimeReporter {
  readonly lastRegime: RegimeLabel;
}

/** The risk gate also reports its veto reason (undefined = no objection) for the bar it last voted on. */
export interface VetoReporter {
  readonly lastVeto: string | undefined;
}

/**
 * What the risk manager tells the panel about limits; provided later by the risk manager. Every field
 * defaults to permissive, so a panel without a risk manager never vetoes on limits.
 */
export interface RiskState {
  /** Name of the tripped circuit breaker, if any. */
  breakerTripped?: string;
  openPositions: number;
  maxOpenPositions: number;
  /** Today's drawdown from the day's peak equity, in percent (positive). */
  dailyDrawdownPct: number;
  maxDailyDrawdownPct: number;
}

export const PERMISSIVE_RISK_STATE: Readonly<RiskState> = Object.freeze({
  openPositions: 0,
  maxOpenPositions: Number.POSITIVE_INFINITY,
  dailyDrawdownPct: 0,
  maxDailyDrawdownPct: Number.POSITIVE_INFINITY,
});

/** The panel's decision: the shared Decision plus what the decisions table and the UI show beside it. */
export interface PanelDecision extends Decision {
  alignment: Alignment;
  regime: RegimeLabel;
  /** Weighted mean confidence of the voting agents, 0..1. */
  confidence: number;
}

/** A vote that says nothing, e.g. during indicator warm-up; the aggregator skips it. */
export function abstain(agent: AgentName, reason: string): Vote {
  return { agent, direction: 0, confidence: 0, reasons: [reason], abstained: true };
}
