// ema-cross (long-only): TA-Lib-seeded fast EMA crossing above the slow one buys, crossing below closes the long.
import { ema } from '../indicators';
import { MovingAverageCross } from './ma-cross';
import type { StrategyParams } from './params';

export class EmaCross extends MovingAverageCross {
  constructor(params: StrategyParams = {}) {
    super({ name: 'ema-cross', label: 'EMA', average: ema, defaults: { fast: 12, slow: 26 }, longOnly: true }, params);
  }
}
