// Cumulative VWAP of typical price (h+l+c)/3. Anchoring: sessionHours = 0 accumulates over the whole series;
// sessionHours = h (a divisor of 24) restarts at every UTC boundary of h hours (24 = daily UTC reset), judged by bar open time.
// NaN while the session's cumulative volume is 0 (price is undefined without volume).
import { ConfigError } from '../errors';
import { checkSameLength, nanArray } from './params';
import type { Bar } from './types';

const HOUR_MS = 3_600_000;
const SESSION_CHOICES = [0, 1, 2, 3, 4, 6, 8, 12, 24];

function checkSession(sessionHours: number): void {
  if (!SESSION_CHOICES.includes(sessionHours)) {
    throw new ConfigError(
      `indicator param sessionHours must be one of ${SESSION_CHOICES.join(', ')}, got ${String(sessionHours)}`,
      'CONFIG_INVALID',
      { field: 'sessionHours', value: sessionHours },
    );
  }
}

export interface VwapSeries {
  time: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function vwap(s: VwapSeries, sessionHours = 0): Float64Array {
  const stream = new VwapStream(sessionHours);
  const n = checkSameLength(s.time, s.high, s.low, s.close, s.volume);
  const out = nanArray(n);
  for (let i = 0; i < n; i++) out[i] = stream.step(s.time[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
  return out;
}

export class VwapStream {
  private readonly sessionMs: number;
  private session = NaN;
  private pv = 0;
  private vol = 0;

  constructor(readonly sessionHours = 0) {
    checkSession(sessionHours);
    this.sessionMs = sessionHours * HOUR_MS;
  }

  update(bar: Pick<Bar, 'time' | 'high' | 'low' | 'close' | 'volume'>): number {
    return this.step(bar.time, bar.high, bar.low, bar.close, bar.volume);
  }

  step(time: number, high: number, low: number, close: number, volume: number): number {
    if (this.sessionMs > 0) {
      const session = Math.floor(time / this.sessionMs);
      if (session !== this.session) {
        this.session = session;
        this.pv = 0;
        this.vol = 0;
      }
    }
    this.pv += ((high + low + close) / 3) * volume;
    this.vol += volume;
    return this.vol !== 0 ? this.pv / this.vol : NaN;
  }
}
