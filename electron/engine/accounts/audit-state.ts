// What RiskAudit reads of an account in paper/live: a tripped breaker, open positions, today's drawdown against the
// daily-loss limit — so its "limits near" veto means what it says instead of seeing permissive defaults.
import type { Settings } from '../../../shared/settings';
import type { RiskState as AuditRiskState } from '../agents/types';
import type { Account } from './account';

export function auditStateOf(account: Account, settings: Settings['risk']): Partial<AuditRiskState> {
  const tripped = account.risk.breakers.firstTripped();
  const daily = settings.breakers.dailyLoss;
  const state: Partial<AuditRiskState> = {
    openPositions: new Set(account.positions().map((p) => p.symbol)).size,
    dailyDrawdownPct: account.dailyDrawdownPct(),
    ...(daily.enabled ? { maxDailyDrawdownPct: daily.maxDailyLossPct } : {}),
  };
  if (tripped) state.breakerTripped = tripped.name;
  return state;
}
