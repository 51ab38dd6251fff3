// The risk check every order intent passes before any broker sees it; the real risk manager plugs in here.
import type { OrderIntent, Position } from '../model/order';

export type RiskVerdict = { accepted: true } | { accepted: false; reason: string };

/** What a risk check may read of the account. */
export interface PortfolioView {
  readonly cash: number;
  equity(): number;
  position(symbol: string): Position | undefined;
}

export interface RiskGate {
  check(intent: OrderIntent, portfolio: PortfolioView): RiskVerdict;
}

export const ACCEPTED: RiskVerdict = Object.freeze({ accepted: true });

export function vetoed(reason: string): RiskVerdict {
  return { accepted: false, reason };
}

/** Accepts everything: the default until the risk manager (limits, breakers, kill switch) is wired in. */
export const permissiveRiskGate: RiskGate = {
  check: () => ACCEPTED,
};
