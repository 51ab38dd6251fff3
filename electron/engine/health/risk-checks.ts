// The safety net's own state: the kill switch's latch and every account's circuit breakers. Both raise their own
// alerts when they trip; here they are shown, so the Health panel and `quorum health` tell the whole story.
import type { BreakerState, KillSwitchState } from '../risk';
import type { HealthCheckResult } from './types';

export interface RiskView {
  killSwitch: KillSwitchState;
  breakers: readonly BreakerState[];
}

/** Checks whose trips are alerted where they happen (kill switch, breakers): the health service does not alert them again. */
export const SELF_ALERTING_CHECKS: ReadonlySet<string> = new Set(['kill-switch', 'breakers']);

export function checkKillSwitch(ks: KillSwitchState): HealthCheckResult {
  const name = 'kill-switch';
  if (!ks.isTripped) return { name, status: 'ok', detail: 'armed (not tripped)', measured: { tripped: false, mode: null } };
  const since = ks.trippedAt ? ` since ${new Date(ks.trippedAt).toISOString()}` : '';
  const what = `latched: ${ks.mode} by ${ks.source ?? '?'}${since} (${ks.reason ?? 'no reason'})`;
  // stop-entries lets exits and running sessions go on; halt and flatten stop all trading until re-armed.
  const status = ks.mode === 'stop-entries' ? 'warn' : 'bad';
  const advice = status === 'bad' ? ': nothing trades until the trader re-arms it' : ': no new entries until re-armed';
  return { name, status, detail: `${what}${advice}`, measured: { tripped: true, mode: ks.mode ?? null } };
}

export function checkBreakers(breakers: readonly BreakerState[], now: number): HealthCheckResult {
  const name = 'breakers';
  const tripped = breakers.filter((b) => b.isTripped);
  const accounts = new Set(breakers.map((b) => b.account ?? 'global'));
  if (breakers.length === 0) return { name, status: 'ok', detail: 'none tripped (no breaker has saved a state yet)', measured: { tripped: 0, watched: 0 } };
  if (tripped.length === 0) {
    return { name, status: 'ok', detail: `none tripped (${breakers.length} watched on ${accounts.size} board${accounts.size === 1 ? '' : 's'})`, measured: { tripped: 0, watched: breakers.length } };
  }
  const lines = tripped.map((b) => {
    const rearm = b.rearmAt === undefined ? 're-arm by hand' : b.rearmAt <= now ? 'cool-down over' : `re-arms ${new Date(b.rearmAt).toISOString()}`;
    return `${b.name}${b.account ? ` on ${b.account}` : ''} (${b.reason ?? 'no reason'}; ${rearm})`;
  });
  return { name, status: 'warn', detail: `${tripped.length} tripped, new entries stopped there: ${lines.join('; ')}`, measured: { tripped: tripped.length, watched: breakers.length } };
}
