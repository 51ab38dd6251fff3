// Rate of change as TA-Lib ROC: ((value / value[period ago]) - 1) * 100, first at index period; 0 if the old value is 0.
import { checkPeriod, nanArray } from './params';
import { RingBuffer } from './ring';
import type { ValueStream } from './types';

function rocValue(value: number, past: number): number {
  return past !== 0 ? (value / past - 1.0) * 100.0 : 0;
}

export function roc(values: Float64Array, period = 10): Float64Array {
  checkPeriod('period', period);
  const n = values.length;
  const out = nanArray(n);
  for (let i = period; i < n; i++) out[i] = rocValue(values[i], values[i - period]);
  return out;
}

export class RocStream implements ValueStream {
  private readonly window: RingBuffer;

  constructor(readonly period = 10) {
    checkPeriod('period', period);
    this.window = new RingBuffer(period);
  }

  update(value: number): number {
    const past = this.window.push(value);
    return Number.isNaN(past) ? NaN : rocValue(value, past);
  }
}
