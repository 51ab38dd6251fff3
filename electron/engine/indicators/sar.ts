// Parabolic SAR with TA-Lib SAR semantics (acceleration 0.02 step, 0.2 cap); first value at index 1.
import { checkOrder, checkPositive, checkSameLength, nanArray } from './params';
import { SarState } from './sar-state';

export interface SarParams {
  acceleration: number;
  maximum: number;
}
export const SAR_DEFAULTS: SarParams = { acceleration: 0.02, maximum: 0.2 };

function checkSar(p: SarParams): void {
  checkPositive('acceleration', p.acceleration);
  checkPositive('maximum', p.maximum);
  // TA-Lib quietly clamps acceleration to maximum; we refuse, since it almost always means swapped args.
  checkOrder('acceleration', p.acceleration, 'maximum', p.maximum);
}

export function sar(high: Float64Array, low: Float64Array, params: SarParams = SAR_DEFAULTS): Float64Array {
  checkSar(params);
  const n = checkSameLength(high, low);
  const out = nanArray(n);
  const state = new SarState(params.acceleration, params.maximum);
  for (let i = 0; i < n; i++) out[i] = state.next(high[i], low[i]);
  return out;
}

export class SarStream {
  private readonly state: SarState;

  constructor(readonly params: SarParams = SAR_DEFAULTS) {
    checkSar(params);
    this.state = new SarState(params.acceleration, params.maximum);
  }

  update(bar: { high: number; low: number }): number {
    return this.state.next(bar.high, bar.low);
  }
}
