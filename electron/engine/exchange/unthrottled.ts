// Work that must not queue behind reads in ccxt's client-side rate limiter (a kill-switch burst, the order a closed bar
// decided): the limiter is off for its duration, then back as it was. Nested and overlapping uses share one count.
import type { Exchange } from 'ccxt';

const active = new WeakMap<Exchange, { depth: number; was: boolean }>();

export async function unthrottled<T>(exchange: Exchange, work: () => Promise<T>): Promise<T> {
  let state = active.get(exchange);
  if (!state) active.set(exchange, (state = { depth: 0, was: exchange.enableRateLimit }));
  state.depth++;
  exchange.enableRateLimit = false;
  try {
    return await work();
  } finally {
    if (--state.depth === 0) {
      exchange.enableRateLimit = state.was;
      active.delete(exchange);
    }
  }
}
