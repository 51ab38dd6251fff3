// Boards on real SQLite files for the measures tests: restart = a new connection and a new board on the same file.
import { afterEach } from 'vitest';
import { BreakerBoard } from '../../../electron/engine/risk/breakers/breaker-board';
import { ConsecutiveLossesBreaker } from '../../../electron/engine/risk/breakers/consecutive-losses';
import { DailyLossBreaker } from '../../../electron/engine/risk/breakers/daily-loss';
import { MaxDrawdownBreaker } from '../../../electron/engine/risk/breakers/max-drawdown';
import type { BreakerRearmed, BreakerTripped, CircuitBreaker } from '../../../electron/engine/risk/breakers/types';
import type { Database } from '../../../electron/engine/store/database';
import { openDb } from './helpers';

export const HOUR = 3_600_000;

export const drawdown = (pct = 20, cooldownMs = HOUR): CircuitBreaker => new MaxDrawdownBreaker({ maxDrawdownPct: pct, cooldownMs });
export const dailyLoss = (pct = 5, cooldownMs = 0): CircuitBreaker => new DailyLossBreaker({ maxDailyLossPct: pct, cooldownMs });
export const lossStreak = (max = 3, cooldownMs = HOUR): CircuitBreaker => new ConsecutiveLossesBreaker({ maxConsecutiveLosses: max, cooldownMs });

export interface Started {
  board: BreakerBoard;
  db: Database;
  trips: BreakerTripped[];
  rearms: BreakerRearmed[];
}

const opened: Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));

/** Opens the file and starts a board on it at `now`, recording every trip and re-arm. */
export function start(path: string, breakers: CircuitBreaker[], now: number, scope = 'paper:binance'): Started {
  const db = openDb(path);
  opened.push(db);
  const board = new BreakerBoard(db, breakers, scope, now);
  const trips: BreakerTripped[] = [];
  const rearms: BreakerRearmed[] = [];
  board.onBreakerTripped((e) => trips.push(e));
  board.onBreakerRearmed((e) => rearms.push(e));
  return { board, db, trips, rearms };
}

/** The measures column as stored, parsed, by breaker name. */
export function storedMeasures(db: Database, scope = 'paper:binance'): Record<string, unknown> {
  const rows = db.prepare('SELECT name, measures FROM breaker_state WHERE scope = ?').all(scope) as { name: string; measures: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.measures === null ? null : JSON.parse(r.measures)]));
}
