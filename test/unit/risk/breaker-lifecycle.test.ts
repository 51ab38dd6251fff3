// Every breaker inside the RiskManager: trip persists then emits, blocks entries not exits, survives a restart, re-arms.
import { afterEach, describe, expect, it } from 'vitest';
import { RiskError } from '../../../electron/engine/errors';
import { RiskManager, type BreakerSettingsInput, type BreakerTripped } from '../../../electron/engine/risk';
import type { Database } from '../../../electron/engine/store/database';
import { dbPath, exit, FakeAccount, intent, openDb, tempDbDir } from './helpers';

const dir = tempDbDir();
const T0 = Date.UTC(2025, 0, 6, 10);
const HOUR = 3_600_000;
const OFF = { enabled: false };
const ALL_OFF = { maxDrawdown: OFF, dailyLoss: OFF, consecutiveLosses: OFF, exchangeErrors: OFF, staleData: OFF, priceGap: OFF };

interface Case {
  name: string;
  settings: BreakerSettingsInput;
  /** Feeds the manager until the breaker trips at `time`. */
  trip(risk: RiskManager, time: number): void;
  rearmAt: number;
  reason: RegExp;
}

const cases: Case[] = [
  {
    name: 'max-drawdown',
    settings: { ...ALL_OFF, maxDrawdown: { maxDrawdownPct: 10, cooldownMs: HOUR } },
    trip: (r, t) => [10_000, 9_000].forEach((e, i) => r.onEquity(t - 1 + i, e)),
    rearmAt: T0 + HOUR,
    reason: /drawdown 10\.0% from peak 10,000\.00 USDT/,
  },
  {
    name: 'daily-loss',
    settings: { ...ALL_OFF, dailyLoss: { maxDailyLossPct: 5, cooldownMs: 0 } },
    trip: (r, t) => [10_000, 9_000].forEach((e, i) => r.onEquity(t - 1 + i, e)),
    rearmAt: Date.UTC(2025, 0, 7),
    reason: /daily loss 1,000\.00 USDT = 10\.0%/,
  },
  {
    name: 'consecutive-losses',
    settings: { ...ALL_OFF, consecutiveLosses: { maxConsecutiveLosses: 2, cooldownMs: HOUR } },
    trip: (r, t) => [-5, -5].forEach((pnl) => r.onTradeClosed(pnl, t)),
    rearmAt: T0 + HOUR,
    reason: /2 consecutive losing trades/,
  },
  {
    name: 'exchange-errors',
    settings: { ...ALL_OFF, exchangeErrors: { maxErrorRatePct: 50, minCalls: 2, cooldownMs: HOUR } },
    trip: (r, t) => [true, false].forEach((ok) => r.onExchangeCall(ok, t)),
    rearmAt: T0 + HOUR,
    reason: /exchange errors 1\/2 calls = 50\.0%/,
  },
  {
    name: 'stale-data',
    settings: { ...ALL_OFF, staleData: { timeframeMs: 60_000, maxBarsMissed: 2, cooldownMs: HOUR } },
    trip: (r, t) => {
      r.onMarketData('BTC/USDT', t - 120_000, 100);
      r.onClock(t);
    },
    rearmAt: T0 + HOUR,
    reason: /no market data for BTC\/USDT for 2m/,
  },
  {
    name: 'price-gap',
    settings: { ...ALL_OFF, priceGap: { maxGapPct: 5, cooldownMs: HOUR } },
    trip: (r, t) => r.onMarketData('BTC/USDT', t, 106, 100),
    rearmAt: T0 + HOUR,
    reason: /price gap BTC\/USDT 6\.0%/,
  },
];

const opened: Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));

function build(path: string, c: Case, account = new FakeAccount()): RiskManager {
  const db = openDb(path);
  opened.push(db);
  return new RiskManager({ db, breakers: c.settings, context: () => account, now: () => T0 });
}

describe.each(cases)('breaker $name', (c) => {
  it('trips once, persisting before it tells the listener', () => {
    const path = dbPath(dir);
    const risk = build(path, c);
    const heard: { event: BreakerTripped; row: unknown }[] = [];
    const spy = openDb(path);
    opened.push(spy);
    risk.onBreakerTripped((event) => heard.push({ event, row: spy.prepare('SELECT * FROM breaker_state WHERE name = ?').get(c.name) }));
    c.trip(risk, T0);
    c.trip(risk, T0);
    expect(heard).toHaveLength(1);
    expect(heard[0].event).toMatchObject({ name: c.name, time: T0, rearmAt: c.rearmAt, reason: expect.stringMatching(c.reason) });
    expect(heard[0].row).toMatchObject({ name: c.name, tripped: 1, tripped_at: T0, rearm_at: c.rearmAt, reason: heard[0].event.reason });
  });

  it('blocks entries but not exits while tripped', () => {
    const account = new FakeAccount();
    account.fill('BTC/USDT', 'buy', 10);
    const risk = build(dbPath(dir), c, account);
    expect(risk.check(intent('buy', 1), account.view())).toEqual({ accepted: true });
    c.trip(risk, T0);
    const verdict = risk.check(intent('buy', 1), account.view());
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringContaining(`circuit breaker ${c.name} tripped`) });
    expect(risk.check(exit('sell', 10), account.view())).toEqual({ accepted: true });
    expect(risk.state().tradingState).toBe('reducing');
  });

  it('is still tripped after the database is closed and reopened', () => {
    const path = dbPath(dir);
    c.trip(build(path, c), T0);
    opened.splice(0).forEach((db) => db.close());
    const again = build(path, c);
    expect(again.state().breakers).toEqual([expect.objectContaining({ name: c.name, isTripped: true, trippedAt: T0, rearmAt: c.rearmAt })]);
    expect(again.check(intent('buy', 1), new FakeAccount().view())).toMatchObject({ accepted: false });
  });

  it('re-arms itself when the cooldown is over, and not before', () => {
    const path = dbPath(dir);
    const risk = build(path, c);
    const rearmed: unknown[] = [];
    risk.onBreakerRearmed((e) => rearmed.push(e));
    c.trip(risk, T0);
    risk.onClock(c.rearmAt - 1);
    expect(risk.state().breakers[0].isTripped).toBe(true);
    risk.onClock(c.rearmAt);
    expect(risk.state().breakers[0]).toEqual({ name: c.name, isTripped: false });
    expect(rearmed).toEqual([{ name: c.name, time: c.rearmAt, by: 'cooldown' }]);
    expect(build(path, c).state().breakers[0].isTripped).toBe(false);
  });

  it('re-arms when the trader says so', () => {
    const risk = build(dbPath(dir), c);
    c.trip(risk, T0);
    expect(risk.rearm(c.name, T0 + 1)).toBe(true);
    expect(risk.state()).toMatchObject({ tradingState: 'active', breakers: [{ name: c.name, isTripped: false }] });
    expect(risk.rearm(c.name, T0 + 2)).toBe(false);
    expect(risk.check(intent('buy', 1), new FakeAccount().view())).toEqual({ accepted: true });
  });
});

describe('breaker board', () => {
  it('refuses to re-arm a breaker that does not exist', () => {
    const risk = build(dbPath(dir), cases[0]);
    expect(() => risk.rearm('moon-phase')).toThrow(RiskError);
  });

  it('lists every enabled breaker with the defaults', () => {
    const db = openDb(dbPath(dir));
    opened.push(db);
    const names = new RiskManager({ db }).state().breakers.map((b) => b.name);
    expect(names).toEqual(['max-drawdown', 'daily-loss', 'consecutive-losses', 'exchange-errors', 'stale-data', 'price-gap']);
  });

  it('keeps the trip on disk even when a listener throws', () => {
    const path = dbPath(dir);
    const risk = build(path, cases[5]);
    risk.onBreakerTripped(() => {
      throw new Error('notifier down');
    });
    expect(() => cases[5].trip(risk, T0)).toThrow('notifier down');
    expect(build(path, cases[5]).state().breakers[0].isTripped).toBe(true);
  });
});
