// Each exposure limit vetoes with its numbers; exits always pass; the schema has sane defaults and names bad fields.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { DEFAULT_RISK_LIMITS, parseRiskLimits, RiskManager, type RiskLimitsInput } from '../../../electron/engine/risk';
import type { Database } from '../../../electron/engine/store/database';
import { Portfolio } from '../../../electron/engine/trading/portfolio';
import { dbPath, exit, FakeAccount, intent, openDb, tempDbDir } from './helpers';

const dir = tempDbDir();
const open: Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function manager(account: FakeAccount, limits: RiskLimitsInput = {}): RiskManager {
  const db = openDb(dbPath(dir));
  open.push(db);
  return new RiskManager({ db, limits, context: () => account });
}

describe('risk limits schema', () => {
  it('defaults to spot without leverage', () => {
    expect(DEFAULT_RISK_LIMITS).toEqual({
      position: { maxNotional: 100_000, maxPctOfEquity: 100 },
      strategy: { maxNotional: 250_000, maxPctOfEquity: 100 },
      portfolio: { maxNotional: 250_000, maxPctOfEquity: 100 },
      maxOrderNotional: 50_000,
      maxOpenOrders: 20,
      maxLeverage: 1,
    });
  });

  it('fills partial input with defaults', () => {
    expect(parseRiskLimits({ position: { maxPctOfEquity: 50 } }).position).toEqual({ maxNotional: 100_000, maxPctOfEquity: 50 });
  });

  it('rejects a bad value with a ConfigError naming the field', () => {
    const fail = () => parseRiskLimits({ position: { maxPctOfEquity: -5 } });
    expect(fail).toThrow(ConfigError);
    expect(fail).toThrow(/position\.maxPctOfEquity/);
    try {
      fail();
    } catch (err) {
      expect((err as ConfigError).details.field).toBe('position.maxPctOfEquity');
    }
  });
});

describe('limit vetoes', () => {
  it('names the position, its notional and share of equity', () => {
    const account = new FakeAccount(20_000, { 'BTC/USDT': 1234 });
    const verdict = manager(account, { position: { maxPctOfEquity: 50 } }).check(intent('buy', 10), account.view());
    expect(verdict).toEqual({ accepted: false, reason: 'position BTC/USDT would be 12,340.00 USDT = 61.7% of equity > 50% limit' });
  });

  it('accepts an order exactly at the limit', () => {
    const account = new FakeAccount(20_000, { 'BTC/USDT': 1000 });
    expect(manager(account, { position: { maxPctOfEquity: 50 } }).check(intent('buy', 10), account.view())).toEqual({ accepted: true });
  });

  it('caps the position notional in quote currency', () => {
    const account = new FakeAccount(1_000_000);
    const verdict = manager(account, { position: { maxNotional: 5_000 } }).check(intent('buy', 60), account.view());
    expect(verdict).toMatchObject({ reason: 'position BTC/USDT would be 6,000.00 USDT > 5,000.00 USDT limit' });
  });

  it('caps a single order', () => {
    const account = new FakeAccount(1_000_000);
    const verdict = manager(account, { maxOrderNotional: 1_000 }).check(intent('buy', 11), account.view());
    expect(verdict).toMatchObject({ reason: 'order BTC/USDT notional 1,100.00 USDT > 1,000.00 USDT limit' });
  });

  it('caps open orders, the new one included', () => {
    const account = new FakeAccount();
    account.orders = [{ symbol: 'BTC/USDT', side: 'buy', amount: 1, price: 90 }, { symbol: 'BTC/USDT', side: 'buy', amount: 1, price: 80 }];
    const verdict = manager(account, { maxOpenOrders: 2 }).check(intent('buy', 1), account.view());
    expect(verdict).toMatchObject({ reason: 'open orders would be 3 > 2 limit' });
  });

  it('counts pending entries in the worst case', () => {
    const account = new FakeAccount(10_000);
    account.orders = [{ symbol: 'BTC/USDT', side: 'buy', amount: 40, price: 100 }];
    const verdict = manager(account, { position: { maxPctOfEquity: 50 } }).check(intent('buy', 20), account.view());
    expect(verdict).toMatchObject({ reason: 'position BTC/USDT would be 6,000.00 USDT = 60.0% of equity > 50% limit' });
  });

  it('caps a strategy across its symbols', () => {
    const account = new FakeAccount(10_000, { 'BTC/USDT': 100, 'ETH/USDT': 10 });
    account.strategies.set('BTC/USDT', 'trend').set('ETH/USDT', 'trend');
    account.fill('BTC/USDT', 'buy', 30);
    const verdict = manager(account, { strategy: { maxPctOfEquity: 40 } }).check(intent('buy', 200, { symbol: 'ETH/USDT' }), account.view());
    expect(verdict).toMatchObject({ reason: 'strategy trend would hold 5,000.00 USDT = 50.0% of equity > 40% limit' });
  });

  it('caps gross portfolio exposure, shorts included', () => {
    const account = new FakeAccount(10_000, { 'BTC/USDT': 100, 'ETH/USDT': 10 });
    account.fill('BTC/USDT', 'sell', 50);
    const verdict = manager(account, { portfolio: { maxPctOfEquity: 80 } }).check(intent('buy', 400, { symbol: 'ETH/USDT' }), account.view());
    expect(verdict).toMatchObject({ reason: 'portfolio gross exposure would be 9,000.00 USDT = 90.0% of equity > 80% limit' });
  });

  it('caps leverage', () => {
    const account = new FakeAccount(10_000, { 'BTC/USDT': 100, 'ETH/USDT': 10 });
    account.fill('BTC/USDT', 'buy', 80);
    const limits = { portfolio: { maxPctOfEquity: 1000 }, maxLeverage: 1 };
    const verdict = manager(account, limits).check(intent('buy', 300, { symbol: 'ETH/USDT' }), account.view());
    expect(verdict).toMatchObject({ reason: 'leverage would be 1.10x (gross 11,000.00 USDT / equity 10,000.00 USDT) > 1x limit' });
  });

  it('vetoes an entry it cannot value', () => {
    const account = new FakeAccount(10_000, {});
    expect(manager(account).check(intent('buy', 1), account.view())).toMatchObject({ reason: 'cannot value buy BTC/USDT: no price known' });
  });

  it('vetoes entries while equity is not positive', () => {
    const account = new FakeAccount(-5);
    expect(manager(account).check(intent('buy', 1), account.view())).toMatchObject({ accepted: false, reason: expect.stringMatching(/equity ≤ 0/) });
  });
});

describe('exits', () => {
  it('passes a reduce-only exit even when every limit is already exceeded', () => {
    const account = new FakeAccount(10_000);
    account.fill('BTC/USDT', 'buy', 90);
    const tight = { position: { maxNotional: 10, maxPctOfEquity: 1 }, maxOrderNotional: 1, maxOpenOrders: 1, maxLeverage: 0.01 };
    account.orders = [{ symbol: 'ETH/USDT', side: 'buy', amount: 1, price: 1 }];
    expect(manager(account, tight).check(exit('sell', 90), account.view())).toEqual({ accepted: true });
  });

  it('treats a plain order that only shrinks the position as an exit', () => {
    const account = new FakeAccount(10_000);
    account.fill('BTC/USDT', 'sell', 50);
    expect(manager(account, { maxOrderNotional: 1 }).check(intent('buy', 50), account.view())).toEqual({ accepted: true });
  });

  it('checks a plain order that would flip the position like an entry', () => {
    const account = new FakeAccount(10_000);
    account.fill('BTC/USDT', 'buy', 50);
    expect(manager(account, { maxOrderNotional: 1 }).check(intent('sell', 51), account.view())).toMatchObject({ accepted: false });
  });

  it('checks exits that together with pending ones would flip the position', () => {
    const account = new FakeAccount(10_000);
    account.fill('BTC/USDT', 'buy', 50);
    account.orders = [{ symbol: 'BTC/USDT', side: 'sell', amount: 30, price: 110, reduceOnly: true }];
    expect(manager(account, { maxOrderNotional: 1 }).check(intent('sell', 30), account.view())).toMatchObject({ accepted: false });
  });
});

describe('default context from the trading loop portfolio', () => {
  it('values a market entry at the last marked price and sees the open position', () => {
    const db = openDb(dbPath(dir));
    open.push(db);
    const risk = new RiskManager({ db, limits: { position: { maxPctOfEquity: 50 } } });
    const portfolio = new Portfolio(10_000);
    portfolio.mark('BTC/USDT', 100);
    expect(risk.check(intent('buy', 60), portfolio)).toMatchObject({ reason: 'position BTC/USDT would be 6,000.00 USDT = 60.0% of equity > 50% limit' });
    expect(risk.check(intent('buy', 40), portfolio)).toEqual({ accepted: true });
    portfolio.applyFill({ orderId: '1', clientOrderId: 'c', symbol: 'BTC/USDT', side: 'buy', time: 0, price: 100, amount: 40, fee: 0 });
    expect(risk.check(intent('buy', 20), portfolio)).toMatchObject({ accepted: false });
    expect(risk.check(exit('sell', 40), portfolio)).toEqual({ accepted: true });
  });
});
