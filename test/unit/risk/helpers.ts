// Shared fixtures for the risk tests: real SQLite stores in a temp dir, intents, and a hand-built RiskContext.
import { join } from 'node:path';
import { openStore } from '../../../electron/engine/store/database';
import type { Database } from '../../../electron/engine/store/database';
import type { OrderIntent, Side } from '../../../electron/engine/model/order';
import type { HeldPosition, PendingOrder, RiskContext } from '../../../electron/engine/risk/context';
import type { PortfolioView } from '../../../electron/engine/trading/risk-gate';
import { tempDir } from '../../support/temp';

let counter = 0;

/** A fresh database file path in this test file's temp dir. */
export function dbPath(dir: string, name = 'risk'): string {
  counter++;
  return join(dir, `${name}-${counter}.db`);
}

/** Opens (or reopens) a store; the caller closes it. */
export function openDb(path: string): Database {
  return openStore(path).db;
}

export function tempDbDir(): string {
  return tempDir('quorum-risk-');
}

export function intent(side: Side, amount: number, extra: Partial<OrderIntent> = {}): OrderIntent {
  counter++;
  return { clientOrderId: `t-${counter}`, symbol: 'BTC/USDT', side, type: 'market', amount, decisionTime: 0, reason: 'entry', ...extra };
}

/** An exit as the trading loop sends it: reduce-only market order closing `amount`. */
export function exit(side: Side, amount: number, extra: Partial<OrderIntent> = {}): OrderIntent {
  return intent(side, amount, { reduceOnly: true, reason: 'exit', ...extra });
}

/** A mutable account the tests steer directly: cash, positions, marks, resting orders. */
export class FakeAccount implements RiskContext {
  cash: number;
  readonly sizes = new Map<string, number>();
  readonly marks = new Map<string, number>();
  orders: PendingOrder[] = [];
  strategies = new Map<string, string>();

  constructor(cash = 10_000, marks: Record<string, number> = { 'BTC/USDT': 100 }) {
    this.cash = cash;
    for (const [s, p] of Object.entries(marks)) this.marks.set(s, p);
  }

  equity(): number {
    let value = this.cash;
    for (const [s, size] of this.sizes) value += size * (this.marks.get(s) ?? 0);
    return value;
  }

  positions(): HeldPosition[] {
    return [...this.sizes].filter(([, size]) => size !== 0).map(([symbol, size]) => ({ symbol, size, strategy: this.strategies.get(symbol) }));
  }

  openOrders(): PendingOrder[] {
    return this.orders;
  }

  markPrice(symbol: string): number | undefined {
    return this.marks.get(symbol);
  }

  strategyOf(i: OrderIntent): string | undefined {
    return this.strategies.get(i.symbol);
  }

  /** Buys or sells at the mark: cash moves, equity does not. */
  fill(symbol: string, side: Side, amount: number): void {
    const signed = side === 'buy' ? amount : -amount;
    this.sizes.set(symbol, (this.sizes.get(symbol) ?? 0) + signed);
    this.cash -= signed * (this.marks.get(symbol) as number);
  }

  /** The PortfolioView the trading loop would pass; the context provider ignores it and reads this account. */
  view(): PortfolioView {
    return {
      cash: this.cash,
      equity: () => this.equity(),
      position: (symbol) => {
        const size = this.sizes.get(symbol) ?? 0;
        return size === 0 ? undefined : { symbol, size, entryPrice: this.marks.get(symbol) ?? 0, openedAt: 0 };
      },
    };
  }
}
