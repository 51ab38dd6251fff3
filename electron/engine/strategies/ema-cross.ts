// ema-cross (long-only): TA-Lib-seeded fast EMA crossing above the slow one buys, crossing below closes the long.
import { ema } from '../indicators';
import { EmaCrossParamsSchema } from '../../../shared/strategy-params';
import { MovingAverageCross } from './ma-cross';
import type { StrategyParams } from './params';
import type { LineMemo } from '../indicators/line-memo';

export class EmaCross extends MovingAverageCross {
  constructor(params: StrategyParams = {}, lines?: LineMemo) {
    super({ name: 'ema-cross', label: 'EMA', average: ema, schema: EmaCrossParamsSchema, longOnly: true }, params, lines);
  }
}
