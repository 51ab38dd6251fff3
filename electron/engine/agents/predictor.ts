// Predictor hook: the ONNX model agent arrives in a later issue; until then it is absent from the panel, never faked.
//
// To plug it in, implement both forms under the name 'Predictor' with style 'model' and pass them to the panels:
//   new AgentPanel({ predictor: new OnnxPredictor(...) })        // BatchAgent: prepare(series, cache) + vote(i)
//   new LivePanel({ predictor: new OnnxPredictorStream(...) })   // StreamAgent: update(candle) → Promise<Vote>
// The panels then put its vote between Regime and RiskAudit (AGENT_ORDER), weigh it by settings.weights.agents.Predictor
// times settings.weights.modelShare in every regime, and (live) cut it off at its time budget
// (settings.budgets.perAgentMs.Predictor, default budgets.defaultMs) with an abstaining "timed out" vote.
// Its batch and streaming votes must be identical, like every other agent's (see test/integration/agents).
import type { BatchAgent, StreamAgent } from './types';

export const PREDICTOR_NAME = 'Predictor' as const;

/** What a predictor must be: the common agent forms, named 'Predictor', with the 'model' style. */
export type PredictorAgent = BatchAgent & { readonly name: typeof PREDICTOR_NAME; readonly style: 'model' };
export type PredictorStream = StreamAgent & { readonly name: typeof PREDICTOR_NAME; readonly style: 'model' };
