// Builds the panel's decision for one bar from its votes; the batch and live panels share it so they decide alike.
import type { Position } from '../model/order';
import { aggregate, sideOf, type Aggregate } from './aggregator';
import type { PanelSettings } from './settings';
import type { AgentStyle, PanelDecision, RegimeLabel, Vote } from './types';

export interface BarVotes {
  time: number;
  symbol: string;
  votes: Vote[];
  /** Style of each vote, same order. */
  styles: readonly AgentStyle[];
  regime: RegimeLabel;
  riskVeto: string | undefined;
  position: Position | undefined;
}

export function panelDecision(bar: BarVotes, settings: PanelSettings): PanelDecision {
  const agg = aggregate(bar.votes, bar.styles, bar.regime, sideOf(bar.position), bar.riskVeto, settings);
  return decisionOf(bar.time, bar.symbol, bar.votes, bar.regime, agg);
}

/** The decision object itself; the batch panel weighs from its columns and builds through here too, so shapes match. */
export function decisionOf(time: number, symbol: string, votes: Vote[], regime: RegimeLabel, agg: Aggregate): PanelDecision {
  const decision: PanelDecision = {
    time,
    symbol,
    action: agg.action,
    score: agg.score,
    votes,
    alignment: agg.alignment,
    regime,
    confidence: agg.confidence,
  };
  // Left out rather than undefined, so a decision round-trips through JSON and deep-equals its copy.
  if (agg.veto !== undefined) decision.veto = agg.veto;
  return decision;
}
