// Time budgets for every external call, and a race that turns an overrun into ExchangeTimeoutError.
import { ExchangeTimeoutError } from '../errors';

export const TIMEOUTS = {
  ohlcv: 30_000,
  ticker: 10_000,
  order: 15_000,
  agent: 60_000,
} as const;

export async function withTimeout<T>(operation: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExchangeTimeoutError(operation, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work(), overrun]);
  } finally {
    clearTimeout(timer);
  }
}
