// Predictor hook: the panel's model agent (electron/engine/ml/predictor/onnx-predictor.ts implements it).
//
// Both forms are named 'Predictor' with style 'model':
//   new AgentPanel({ predictor })   // BatchAgent + preload(series): inference runs in the awaited preload, vote(i) reads
//   new LivePanel({ predictor })    // StreamAgent: update(candle) → Promise<Vote>
// The panels put its vote between Regime and RiskAudit (AGENT_ORDER), weigh it by settings.weights.agents.Predictor
// times settings.weights.modelShare in every regime, and (live) cut it off at its time budget
// (settings.budgets.perAgentMs.Predictor, default budgets.defaultMs) with an abstaining "timed out" vote.
// Its batch and streaming votes must be identical, like every other agent's (see test/integration/ml).
import type { CandleSeries } from '../model/candle-series';
import type { BatchAgent, StreamAgent } from './types';

export const PREDICTOR_NAME = 'Predictor' as const;

/** What a predictor must be: the batch agent form, named 'Predictor', with the 'model' style, and an async preload. */
export type PredictorAgent = BatchAgent & {
  readonly name: typeof PREDICTOR_NAME;
  readonly style: 'model';
  /** Model inference on these candles; the panel awaits it (through SignalSource.preload) before prepare(). */
  preload(series: CandleSeries): Promise<void>;
};
export type PredictorStream = StreamAgent & { readonly name: typeof PREDICTOR_NAME; readonly style: 'model' };
