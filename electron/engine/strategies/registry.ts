// Built-in strategies by name, so a backtest (or the CLI) can pick one with loose params.
import { AgentPanel } from '../agents/panel';
import { panelSettingsFromParams } from '../agents/panel-params';
import type { RiskAuditOptions } from '../agents/risk-audit';
import type { PanelSettings } from '../agents/settings';
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
}

const BUILT_IN: Readonly<Record<string, (params: StrategyParams, base: StrategyBase) => SignalSource>> = {
  'sma-cross': (p) => new SmaCross(p),
  'price-sma-cross': (p) => new PriceSmaCross(p),
  'rsi-revert': (p) => new RsiRevert(p),
  'ema-cross': (p) => new EmaCross(p),
  // The agent panel: params are its settings by dotted path, e.g. thresholds.enterLong=0.25, weights.agents.QuantAnalyst=2.
  panel: (p, base) => new AgentPanel({ ...base.audit, settings: panelSettingsFromParams(p, base.panel) }),
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
