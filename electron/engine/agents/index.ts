// Public surface of the agent panel: re-exports only.
export * from './types';
export * from './settings';
export { aggregate, alignmentOf, chooseAction, sideOf, weighVotes, type Aggregate, type PositionSide } from './aggregator';
export { evaluateWithBudget, failedVote, timedOutVote, type Evaluable, type TimedVote } from './budget';
export { ColumnCache } from './columns';
export { panelDecision, type BarVotes } from './decision';
export { QuantAnalyst, QuantAnalystStream, quantText, quantVote } from './quant-analyst';
export { Bull, Bear, BullStream, BearStream, caseVote } from './bull-bear';
export { Regime, RegimeStream, classifyRegime, regimeVote } from './regime';
export { RiskAudit, RiskAuditStream, auditBar, type RiskAuditOptions } from './risk-audit';
export { PREDICTOR_NAME, type PredictorAgent, type PredictorStream } from './predictor';
export { AgentPanel, type PanelOptions } from './panel';
export { LivePanel, type AgentTiming, type LivePanelOptions } from './live-panel';
export { SortedWindow } from './sorted-window';
