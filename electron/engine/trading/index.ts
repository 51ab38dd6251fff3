// Public surface of the trading loop: re-exports only.
export { TradingSession, type TradingSessionOptions } from './session';
export { Portfolio, PositionState } from './portfolio';
export { allIn, allInUnits, fixedSize, fractionOfEquity, parseSizing, type Sizer, type SizingContext } from './sizer';
export { ACCEPTED, permissiveRiskGate, vetoed, type PortfolioView, type RiskGate, type RiskVerdict } from './risk-gate';
export { MemoryRecorder, type Recorder, type RunInfo, type RunStatus, type Vetoed } from './recorder';
export { SqliteRecorder } from './sqlite-recorder';
export { clientOrderId, targetDirection } from './order-plan';
