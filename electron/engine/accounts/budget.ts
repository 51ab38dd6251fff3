// How much of an account's equity a new session may use: an explicit budget, or a conservative share of what is
// not yet allocated to other sessions. Budgets never add up to more than the account holds.
import { RiskError } from '../errors';
import type { SessionRequest } from './session-request';

/** A new session gets this share of the unallocated equity unless the trader names a budget. */
export const DEFAULT_BUDGET_SHARE = 0.25;

export function budgetFor(request: SessionRequest, equity: number, allocated: number, account: string): number {
  const free = equity - allocated;
  const budget = request.budget ?? Math.floor(free * DEFAULT_BUDGET_SHARE * 100) / 100;
  if (!(budget > 0) || budget > free + 1e-9) {
    throw new RiskError(
      `Session budget ${fmt(budget)} does not fit ${account}: equity ${fmt(equity)}, already allocated to running sessions ${fmt(allocated)}, free ${fmt(free)}`,
      'BUDGET_TOO_LARGE', { field: 'budget', value: budget });
  }
  return budget;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
