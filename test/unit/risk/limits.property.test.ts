// Property: no sequence of orders the risk manager accepts ever pushes an exposure measure past its limit.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Side } from '../../../electron/engine/model/order';
import { RiskManager, type RiskLimits } from '../../../electron/engine/risk';
import { dbPath, FakeAccount, intent, openDb, tempDbDir } from './helpers';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const STRATEGY = ['trend', 'trend', 'mean'];
const CASH = 10_000;

const db = openDb(dbPath(tempDbDir()));
afterAll(() => db.close());
let account = new FakeAccount();
const risk = new RiskManager({ db, context: () => account });

const cap = (notional: [number, number], pct: [number, number]) =>
  fc.record({
    maxNotional: fc.integer({ min: notional[0], max: notional[1] }),
    maxPctOfEquity: fc.integer({ min: pct[0], max: pct[1] }),
  });

const limitsArb: fc.Arbitrary<RiskLimits> = fc.record({
  position: cap([100, 20_000], [5, 150]),
  strategy: cap([100, 30_000], [5, 200]),
  portfolio: cap([100, 40_000], [5, 300]),
  maxOrderNotional: fc.integer({ min: 50, max: 20_000 }),
  maxOpenOrders: fc.integer({ min: 1, max: 6 }),
  maxLeverage: fc.double({ min: 0.1, max: 3, noNaN: true }),
});

const orderArb = fc.record({
  kind: fc.constant('order' as const),
  symbol: fc.integer({ min: 0, max: SYMBOLS.length - 1 }),
  side: fc.constantFrom<Side>('buy', 'sell'),
  amount: fc.integer({ min: 1, max: 4000 }).map((n) => n / 100),
  reduceOnly: fc.boolean(),
  resting: fc.boolean(),
});
const actionArb = fc.oneof(
  { weight: 6, arbitrary: orderArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('fill' as const, 'cancel' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), symbol: fc.nat(2), factor: fc.double({ min: 0.5, max: 2, noNaN: true }) }) },
);
type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

/** The measures as the test understands them, computed independently of the risk module. */
function measures(a: FakeAccount) {
  const perSymbol = new Map<string, number>();
  const perStrategy = new Map<string, number>();
  for (const [i, symbol] of SYMBOLS.entries()) {
    const price = a.marks.get(symbol) as number;
    const size = a.sizes.get(symbol) ?? 0;
    const plain = a.orders.filter((o) => o.symbol === symbol && !o.reduceOnly);
    const buys = plain.filter((o) => o.side === 'buy').reduce((t, o) => t + o.amount, 0);
    const sells = plain.filter((o) => o.side === 'sell').reduce((t, o) => t + o.amount, 0);
    perSymbol.set(symbol, Math.max(Math.abs(size + buys), Math.abs(size - sells), buys, sells) * price);
    const worst = perSymbol.get(symbol) as number;
    perStrategy.set(STRATEGY[i], (perStrategy.get(STRATEGY[i]) ?? 0) + worst);
  }
  const gross = [...perSymbol.values()].reduce((t, v) => t + v, 0);
  return { perSymbol, perStrategy, gross, equity: a.equity(), open: a.orders.length };
}

/** Every measure with its limit, so "within" and "not increased" can be checked alike. */
function bounded(a: FakeAccount, l: RiskLimits): [string, number, number][] {
  const m = measures(a);
  const out: [string, number, number][] = [['open orders', m.open, l.maxOpenOrders]];
  const pct = (p: number) => (m.equity * p) / 100;
  for (const [s, v] of m.perSymbol) out.push([`position ${s}`, v, Math.min(l.position.maxNotional, pct(l.position.maxPctOfEquity))]);
  for (const [s, v] of m.perStrategy) out.push([`strategy ${s}`, v, Math.min(l.strategy.maxNotional, pct(l.strategy.maxPctOfEquity))]);
  out.push(['gross', m.gross, Math.min(l.portfolio.maxNotional, pct(l.portfolio.maxPctOfEquity))]);
  out.push(['leverage', m.gross / m.equity, l.maxLeverage]);
  return out;
}

const within = (value: number, limit: number) => value <= limit * (1 + 1e-6) + 1e-6;

/** Fills an order at the mark; a reduce-only order is capped at the position, as a venue does. */
function fill(a: FakeAccount, symbol: string, side: Side, amount: number, reduceOnly: boolean): void {
  if (!reduceOnly) return a.fill(symbol, side, amount);
  const size = a.sizes.get(symbol) ?? 0;
  if (size === 0 || (size > 0) === (side === 'buy')) return;
  a.fill(symbol, side, Math.min(amount, Math.abs(size)));
}

/** The test's own reading of "exit": opposite side, and fits the position (with pending same-side orders) unless reduce-only. */
function isExit(a: FakeAccount, symbol: string, side: Side, amount: number, reduceOnly: boolean): boolean {
  const size = a.sizes.get(symbol) ?? 0;
  if (size === 0 || (size > 0) === (side === 'buy')) return false;
  const pending = a.orders.filter((o) => o.symbol === symbol && o.side === side).reduce((t, o) => t + o.amount, 0);
  return reduceOnly || amount + pending <= Math.abs(size) * (1 + 1e-9);
}

function run(limits: RiskLimits, actions: Action[], movePrices: boolean): void {
  account = new FakeAccount(CASH, { 'BTC/USDT': 100, 'ETH/USDT': 10, 'SOL/USDT': 1 });
  SYMBOLS.forEach((s, i) => account.strategies.set(s, STRATEGY[i]));
  risk.setLimits(limits);
  for (const action of actions) {
    if (action.kind === 'move') {
      if (movePrices) account.marks.set(SYMBOLS[action.symbol], (account.marks.get(SYMBOLS[action.symbol]) as number) * action.factor);
      continue;
    }
    if (action.kind !== 'order') {
      const o = account.orders.shift();
      if (o && action.kind === 'fill') fill(account, o.symbol, o.side, o.amount, o.reduceOnly === true);
      continue;
    }
    const symbol = SYMBOLS[action.symbol];
    const before = bounded(account, limits);
    const wasExit = isExit(account, symbol, action.side, action.amount, action.reduceOnly);
    const verdict = risk.check(intent(action.side, action.amount, { symbol, reduceOnly: action.reduceOnly }), account.view());
    if (!verdict.accepted) continue;
    if (action.resting) account.orders.push({ symbol, side: action.side, amount: action.amount, reduceOnly: action.reduceOnly, strategy: account.strategies.get(symbol) });
    else fill(account, symbol, action.side, action.amount, action.reduceOnly);
    for (const [i, [name, value, limit]] of bounded(account, limits).entries()) {
      // Exits are exempt from the open-order cap (a full book must never trap a position); they cannot add exposure.
      if (wasExit && name === 'open orders') continue;
      // A market move may push a measure over its limit; an accepted order must then at least not add to it.
      const ok = within(value, limit) || (movePrices && within(value, before[i][2] === limit ? before[i][1] : value));
      if (!ok) expect.fail(`${name} = ${value} > ${limit} after accepted ${JSON.stringify(action)}`);
    }
  }
}

describe('risk limits hold for every accepted order sequence', () => {
  it('at fixed prices, every measure stays within its limit', () => {
    fc.assert(fc.property(limitsArb, fc.array(actionArb, { minLength: 10, maxLength: 80 }), (limits, actions) => run(limits, actions, false)), { numRuns: 500 });
  });

  it('with moving prices, an accepted order never adds to a measure already over its limit', () => {
    fc.assert(fc.property(limitsArb, fc.array(actionArb, { minLength: 10, maxLength: 80 }), (limits, actions) => run(limits, actions, true)), { numRuns: 500 });
  });

  it('never vetoes an exit that shrinks a position, whatever the limits', () => {
    const state = fc.record({
      limits: limitsArb,
      size: fc.integer({ min: -5000, max: 5000 }).filter((n) => n !== 0).map((n) => n / 10),
      pending: fc.array(fc.record({ symbol: fc.constantFrom(...SYMBOLS), side: fc.constantFrom<Side>('buy', 'sell'), amount: fc.integer({ min: 1, max: 500 }) }), { maxLength: 8 }),
      share: fc.double({ min: 0.01, max: 3, noNaN: true }),
      reduceOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(state, ({ limits, size, pending, share, reduceOnly }) => {
        account = new FakeAccount(50, { 'BTC/USDT': 100, 'ETH/USDT': 10, 'SOL/USDT': 1 });
        account.fill('BTC/USDT', size > 0 ? 'buy' : 'sell', Math.abs(size));
        // Only orders on the other side, so the exit alone must fit the position.
        const exitSide: Side = size > 0 ? 'sell' : 'buy';
        account.orders = pending.filter((o) => o.symbol !== 'BTC/USDT' || o.side !== exitSide);
        risk.setLimits(limits);
        const amount = reduceOnly ? Math.abs(size) * share : Math.abs(size) * Math.min(share, 1);
        expect(risk.check(intent(exitSide, amount, { reduceOnly }), account.view())).toEqual({ accepted: true });
      }),
      { numRuns: 500 },
    );
  });
});
