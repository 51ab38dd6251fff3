// Closed candles from an exchange, polled: fetchOHLCV since the last one seen, the still-forming bar left out.
import { TIMEFRAME_MS } from '../../../shared/domain';
import type { SeriesKey } from '../data/candle-store/types';
import type { OhlcvClient } from '../data/download/download';
import { parseOhlcvPage } from '../data/download/ohlcv-page';
import { TIMEOUTS, withTimeout } from '../exchange/timeouts';
import type { CandleSeries } from '../model/candle-series';

export interface PollerOptions {
  now?: () => number;
  /** Told of every exchange call, for the error-rate circuit breaker. */
  onCall?: (ok: boolean) => void;
  limit?: number;
}

export class CandlePoller {
  private readonly now: () => number;

  constructor(
    private readonly client: OhlcvClient,
    private readonly key: SeriesKey,
    private readonly options: PollerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Closed bars with open time ≥ `since`, oldest first. */
  async closedSince(since: number): Promise<CandleSeries> {
    const step = TIMEFRAME_MS[this.key.timeframe];
    // A bar is closed once its whole span has passed; the exchange also returns the one still forming.
    const lastClosed = Math.floor(this.now() / step) * step - step;
    try {
      const rows = await withTimeout('fetchOHLCV', TIMEOUTS.ohlcv, () =>
        this.client.fetchOHLCV(this.key.symbol, this.key.timeframe, since, this.options.limit ?? 1000),
      );
      this.options.onCall?.(true);
      return parseOhlcvPage(rows, this.key.timeframe, since, lastClosed);
    } catch (err) {
      this.options.onCall?.(false);
      throw err;
    }
  }
}
