// RiskManager as the UI sees it: the trading-state summary and live limit changes.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { DEFAULT_RISK_LIMITS, RiskManager } from '../../../electron/engine/risk';
import type { Database } from '../../../electron/engine/store/database';
import { dbPath, FakeAccount, intent, openDb, tempDbDir } from './helpers';

const dir = tempDbDir();
const opened: Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function manager(account = new FakeAccount()): RiskManager {
  const db = openDb(dbPath(dir));
  opened.push(db);
  return new RiskManager({ db, context: () => account, now: () => 1_000 });
}

describe('risk state summary', () => {
  it('starts active with every breaker armed, the kill switch off and the limits in force', () => {
    const state = manager().state();
    expect(state.tradingState).toBe('active');
    expect(state.killSwitch).toEqual({ isTripped: false });
    expect(state.breakers.every((b) => !b.isTripped)).toBe(true);
    expect(state.limits).toEqual(DEFAULT_RISK_LIMITS);
  });

  it('reports halted over reducing when both apply', () => {
    const risk = manager();
    risk.onMarketData('BTC/USDT', 0, 100, 50);
    expect(risk.state().tradingState).toBe('reducing');
    risk.killSwitch.trip('halt', 'x', 'ui');
    expect(risk.state().tradingState).toBe('halted');
  });
});

describe('limits at run time', () => {
  it('applies new limits to the next check', () => {
    const account = new FakeAccount();
    const risk = manager(account);
    expect(risk.check(intent('buy', 60), account.view())).toEqual({ accepted: true });
    risk.setLimits({ position: { maxPctOfEquity: 50 } });
    expect(risk.check(intent('buy', 60), account.view())).toMatchObject({ accepted: false });
  });

  it('keeps the old limits when the new ones are invalid', () => {
    const risk = manager();
    expect(() => risk.setLimits({ maxOpenOrders: 0 })).toThrow(ConfigError);
    expect(risk.state().limits.maxOpenOrders).toBe(20);
  });

  it('vetoes an intent without a positive amount', () => {
    const account = new FakeAccount();
    expect(manager(account).check(intent('buy', 0), account.view())).toMatchObject({ accepted: false, reason: 'order amount 0 must be a number > 0' });
  });
});
