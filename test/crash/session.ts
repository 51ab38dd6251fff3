// The crash harness's trading session: decisions numbered from the journal, orders placed through the live broker.
import type { Exchange } from 'ccxt';
import type { LiveBroker } from '../../electron/engine/execution/live';
import type { OrderJournal } from '../../electron/engine/execution/journal';
import type { OrderIntent } from '../../electron/engine/model/order';

export const SYMBOL = 'BTC/USDT';
const ID = /^crash:BTC\/USDT:(\d+)$/;

/** Loop-style client ids (':' and '/'), so every order goes out under a hashed wire id. */
export function decisionId(n: number): string {
  return `crash:${SYMBOL}:${n}`;
}

/** The next decision: one past the highest the journal has seen, so a restarted session never repeats one. */
export function nextDecision(journal: OrderJournal): number {
  let max = -1;
  for (const e of journal.entries()) {
    const m = ID.exec(e.clientOrderId);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** A fixed pseudo-random choice per decision, so a decision means the same order whichever run makes it. */
function roll(n: number): number {
  let x = (n + 1) * 0x9e3779b1;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return (x >>> 0) % 100;
}

export function intentFor(n: number, price: number): OrderIntent {
  const r = roll(n);
  const base = { clientOrderId: decisionId(n), symbol: SYMBOL, decisionTime: n, amount: 0.0005 };
  if (r < 35) return { ...base, side: 'buy', type: 'market' };
  if (r < 65) return { ...base, side: 'sell', type: 'market' };
  // Limits a little away from the price: some fill on later candles (possibly while the session is down).
  const away = 0.0005 + (r % 5) * 0.0005;
  if (r < 85) return { ...base, side: 'buy', type: 'limit', price: Number((price * (1 - away)).toFixed(2)) };
  return { ...base, side: 'sell', type: 'limit', price: Number((price * (1 + away)).toFixed(2)) };
}

async function cancelOldest(broker: LiveBroker): Promise<void> {
  const oldest = broker.knownOpenOrders()[0];
  if (oldest) await broker.cancelOrder(oldest.id, oldest.symbol);
}

/** One decision: every 7th cancels the oldest resting order, every 5th polls for fills, the rest place an order. */
export async function step(broker: LiveBroker, exchange: Exchange, n: number): Promise<void> {
  if (n % 7 === 6) await cancelOldest(broker);
  if (n % 5 === 4) await broker.sync();
  const ticker = await exchange.fetchTicker(SYMBOL);
  await broker.createOrder(intentFor(n, ticker.last ?? 60_000));
}
