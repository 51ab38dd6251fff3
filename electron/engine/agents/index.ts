// Public surface of the agent panel: re-exports only.
export * from './types';
export * from './settings';
export {
  agentWeight, aggregate, alignmentOf, alignmentOfCases, chooseAction, sideOf, weighedScore, weighVotes, type Aggregate, type PositionSide,
} from './aggregator';
export { evaluateWithBudget, failedVote, timedOutVote, type Evaluable, type TimedVote } from './budget';
export { ColumnCache } from './columns';
export { decisionOf, panelDecision, type BarVotes } from './decision';
export { QuantAnalyst, QuantAnalystStream, QuantFactors, quantReasons, quantText, quantVote, scoreQuant } from './quant-analyst';
export { Bull, Bear, BullStream, BearStream, caseVote } from './bull-bear';
export { Regime, RegimeStream, REGIME_LABELS, classifyRegime, regimeVote } from './regime';
export { RiskAudit, RiskAuditStream, auditBar, type RiskAuditOptions } from './risk-audit';
export { PREDICTOR_NAME, type PredictorAgent, type PredictorStream } from './predictor';
export { AgentPanel, type PanelOptions } from './panel';
export { LivePanel, type AgentTiming, type LivePanelOptions } from './live-panel';
export { SortedWindow } from './sorted-window';
export { isColumnAgent, voteAt, voteColumns, type ColumnAgent, type VoteColumns } from './vote-columns';
