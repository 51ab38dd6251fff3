// The kill switch's vocabulary: modes (ordered by severity), who may pull it, its state and its events.

/** Ordered mildest first: escalation moves right, never left. */
export const KILL_MODES = ['stop-entries', 'halt', 'flatten'] as const;
export type KillMode = (typeof KILL_MODES)[number];

export const KILL_SOURCES = ['ui', 'tray', 'hotkey', 'webhook', 'breaker', 'cli'] as const;
export type KillSource = (typeof KILL_SOURCES)[number];

/** The word the trader must type (or the UI must send) to re-arm a latched kill switch. */
export const REARM_CONFIRMATION = 'REARM';

/** The reason the kill-switch executor puts on its own closing orders; the only orders 'flatten' lets through. */
export const KILL_SWITCH_ORDER_REASON = 'flatten';

export interface KillSwitchState {
  isTripped: boolean;
  mode?: KillMode;
  trippedAt?: number;
  reason?: string;
  source?: KillSource;
}

/** A halt or flatten is latched: nothing may trade until the trader re-arms (stop-entries only blocks entries). */
export function haltsTrading(state: KillSwitchState): boolean {
  return state.isTripped && state.mode !== 'stop-entries';
}

/** Emitted after the trip is on disk; the executor cancels orders (halt) and closes positions (flatten). */
export interface KillSwitchTripped {
  mode: KillMode;
  reason: string;
  source: KillSource;
  time: number;
  /** Set when this trip raised an already tripped switch to a stricter mode. */
  escalatedFrom?: KillMode;
}

export interface KillSwitchRearmed {
  time: number;
  /** The mode that was latched until now. */
  mode: KillMode;
}

/** 'unchanged': already tripped at this mode or a stricter one (a kill switch is never downgraded by a trip). */
export type TripOutcome = 'tripped' | 'escalated' | 'unchanged';

export function severity(mode: KillMode): number {
  return KILL_MODES.indexOf(mode);
}
