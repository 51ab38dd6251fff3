// What the tray and the quit dialog need to know about the engine, read in one place.
import type { Engine } from '../engine/engine';
import type { TrayState } from './tray-menu';
import type { AtStake } from './update-policy';

export function atStake(engine: Engine): AtStake {
  const sessions = engine.desk.status().sessions.filter((s) => s.status !== 'stopped');
  return {
    liveSessions: sessions.filter((s) => s.request.mode === 'live').length,
    openPositions: sessions.filter((s) => (s.position?.size ?? 0) !== 0).length,
  };
}

/** Equity now minus equity at the start of the UTC day, over the accounts whose daily-loss breaker measures it. */
export function pnlToday(engine: Engine): number | undefined {
  let total: number | undefined;
  for (const account of engine.desk.openAccounts()) {
    const measures = account.risk.breakers.measuresOf('daily-loss') as { dayStart?: number } | undefined;
    const equity = account.equity();
    if (measures?.dayStart === undefined || !Number.isFinite(equity)) continue;
    total = (total ?? 0) + equity - measures.dayStart;
  }
  return total;
}

export function trayStateOf(engine: Engine): TrayState {
  const status = engine.status();
  const risk = engine.safety.state();
  return { mode: status.mode, liveArmed: status.liveArmed, risk, pnlToday: pnlToday(engine), ...atStake(engine) };
}
