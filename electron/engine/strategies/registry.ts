// Built-in strategies by name, so a backtest (or the CLI) can pick one with loose params.
import { AgentPanel } from '../agents/panel';
import { panelSettingsFromParams } from '../agents/panel-params';
import type { RiskAuditOptions } from '../agents/risk-audit';
import { PREDICTOR_NAME } from '../agents/predictor';
import { budgetFor, type PanelSettings } from '../agents/settings';
import type { ModelLibrary } from '../ml/model-library';
import type { LineMemo } from '../indicators/line-memo';
import { LazyPredictor } from './lazy-predictor';
import { ConfigError } from '../errors';
import type { SignalSource } from '../model/signal';
import { EmaCross } from './ema-cross';
import type { StrategyParams } from './params';
import { PriceSmaCross } from './price-sma-cross';
import { RsiRevert } from './rsi-revert';
import { SmaCross } from './sma-cross';

/** What a strategy may start from besides its params: the app's stored settings, and in paper/live the wall clock and risk state. */
export interface StrategyBase {
  panel?: PanelSettings;
  /** Paper/live: RiskAudit judges staleness by the wall clock and vetoes near the account's limits. */
  audit?: RiskAuditOptions;
  /** Where the Predictor's model (panel setting predictor.model) is found; the default data folder's library if absent. */
  models?: ModelLibrary;
  /** A sweep's indicator lines, shared by its jobs on one series (see LineMemo); absent: each strategy computes its own. */
  lines?: LineMemo;
}

/** The panel's Predictor when its settings name a model: loaded on the first preload, live failures abstain. */
function predictorFor(settings: PanelSettings, base: StrategyBase): LazyPredictor | undefined {
  const { model, gain } = settings.predictor;
  if (model === '') return undefined;
  const timeoutMs = budgetFor(settings, PREDICTOR_NAME);
  return new LazyPredictor(async () => {
    const [{ OnnxPredictor }, { defaultModelLibrary }, { openModel }] = await Promise.all([
      import('../ml/predictor/onnx-predictor'), import('../ml/model-library'), import('../ml/predictor/load-model'),
    ]);
    const library = base.models ?? defaultModelLibrary();
    const open = () => openModel(library, model, { timeoutMs });
    return new OnnxPredictor({ open, gain, timeoutMs, onError: base.audit ? 'abstain' : 'throw' });
  });
}

const BUILT_IN: Readonly<Record<string, (params: StrategyParams, base: StrategyBase) => SignalSource>> = {
  'sma-cross': (p, base) => new SmaCross(p, base.lines),
  'price-sma-cross': (p, base) => new PriceSmaCross(p, base.lines),
  'rsi-revert': (p, base) => new RsiRevert(p, base.lines),
  'ema-cross': (p, base) => new EmaCross(p, base.lines),
  // The agent panel: params are its settings by dotted path, e.g. thresholds.enterLong=0.25, weights.agents.QuantAnalyst=2.
  panel: (p, base) => {
    const settings = panelSettingsFromParams(p, base.panel);
    return new AgentPanel({ ...base.audit, settings, predictor: predictorFor(settings, base) });
  },
};

export const STRATEGY_NAMES = Object.keys(BUILT_IN);

export function createStrategy(name: string, params: StrategyParams = {}, base: StrategyBase = {}): SignalSource {
  const make = BUILT_IN[name];
  if (!make) {
    throw new ConfigError(`unknown strategy '${name}' (built-in: ${STRATEGY_NAMES.join(', ')})`, 'CONFIG_INVALID', {
      field: 'strategy',
      value: name,
    });
  }
  return make(params, base);
}
