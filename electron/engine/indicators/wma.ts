// Linearly weighted moving average using TA-Lib's running periodSum/periodSub recurrence (O(1) per value).
import { checkPeriod, nanArray } from './params';
import { RingBuffer } from './ring';
import type { ValueStream } from './types';

export function wma(values: Float64Array, period: number): Float64Array {
  checkPeriod('period', period);
  const n = values.length;
  const out = nanArray(n);
  // The recurrence drifts for period 1 ((a+b)-a != b), so TA-Lib copies the input instead; so do we.
  if (period === 1) {
    out.set(values);
    return out;
  }
  if (n < period) return out;
  const divider = (period * (period + 1)) / 2;
  let periodSub = 0;
  let periodSum = 0;
  let i = 0;
  for (; i < period - 1; i++) {
    periodSub += values[i];
    periodSum += values[i] * (i + 1);
  }
  let trailingValue = 0;
  let trailing = 0;
  for (; i < n; i++) {
    const v = values[i];
    periodSub += v;
    periodSub -= trailingValue;
    periodSum += v * period;
    trailingValue = values[trailing++];
    out[i] = periodSum / divider;
    periodSum -= periodSub;
  }
  return out;
}

export class WmaStream implements ValueStream {
  private readonly window: RingBuffer;
  private readonly divider: number;
  private periodSub = 0;
  private periodSum = 0;
  private trailingValue = 0;
  private count = 0;

  constructor(readonly period: number) {
    checkPeriod('period', period);
    this.window = new RingBuffer(period);
    this.divider = (period * (period + 1)) / 2;
  }

  update(value: number): number {
    if (this.period === 1) return value;
    this.window.push(value);
    this.count++;
    if (this.count < this.period) {
      this.periodSub += value;
      this.periodSum += value * this.count;
      return NaN;
    }
    this.periodSub += value;
    this.periodSub -= this.trailingValue;
    this.periodSum += value * this.period;
    this.trailingValue = this.window.oldest();
    const out = this.periodSum / this.divider;
    this.periodSum -= this.periodSub;
    return out;
  }
}
