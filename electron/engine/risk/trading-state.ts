// The one-word trading state the UI shows (NautilusTrader's ACTIVE / REDUCING / HALTED) and the summary behind it.
import type { AccountRiskUse } from '../../../shared/risk-contract';
import type { BreakerState } from './breakers/types';
import { haltsTrading, type KillSwitchState } from './kill-switch-types';
import type { RiskLimits } from './limits';

/**
 * active: every order is checked against the limits.
 * reducing: only exits (orders that shrink a position) pass — a breaker or the stop-entries kill switch is tripped.
 * halted: nothing passes but the kill switch's own flattening orders.
 */
export type TradingState = 'active' | 'reducing' | 'halted';

export interface RiskState {
  tradingState: TradingState;
  breakers: BreakerState[];
  killSwitch: KillSwitchState;
  limits: RiskLimits;
  /** Every open account's use of each limit (the safety desk's state; a lone RiskManager leaves it out). */
  usage?: AccountRiskUse[];
}

export function tradingStateOf(killSwitch: KillSwitchState, breakers: readonly BreakerState[]): TradingState {
  if (haltsTrading(killSwitch)) return 'halted';
  if (killSwitch.isTripped || breakers.some((b) => b.isTripped)) return 'reducing';
  return 'active';
}
