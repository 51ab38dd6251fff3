// Which orders the kill switch and breakers let through, before any limit is looked at.
import type { OrderIntent } from '../model/order';
import type { BreakerState } from './breakers/types';
import { KILL_SWITCH_ORDER_REASON, type KillSwitchState } from './kill-switch-types';

/**
 * The gate before the limits; returns a veto reason, or undefined to go on.
 * - halt: no order at all (the executor cancels; it sends nothing).
 * - flatten: only the executor's own closing orders: reduce-only, reason 'flatten', shrinking a position.
 * - stop-entries or a tripped breaker: only exits (orders that shrink a position).
 */
export function safetyVeto(intent: OrderIntent, isExit: boolean, killSwitch: KillSwitchState, tripped: BreakerState | undefined): string | undefined {
  if (killSwitch.isTripped) {
    const why = `kill switch tripped (${killSwitch.mode}, ${killSwitch.source}: ${killSwitch.reason})`;
    if (killSwitch.mode === 'halt') return `${why}: no new orders while halted`;
    if (killSwitch.mode === 'flatten') {
      return isKillSwitchOrder(intent, isExit) ? undefined : `${why}: only the kill switch's own reduce-only '${KILL_SWITCH_ORDER_REASON}' orders may be sent`;
    }
    if (!isExit) return `${why}: no new entries, exits only`;
  }
  if (tripped && !isExit) return `circuit breaker ${tripped.name} tripped (${tripped.reason}): no new entries, exits only`;
  return undefined;
}

export function isKillSwitchOrder(intent: OrderIntent, isExit: boolean): boolean {
  return isExit && intent.reduceOnly === true && intent.reason === KILL_SWITCH_ORDER_REASON;
}
