// sma-cross: fast SMA of close crossing the slow one — up: buy (closing a short), down: sell (closing a long; short if allowed).
import { sma } from '../indicators';
import { SmaCrossParamsSchema } from '../../../shared/strategy-params';
import { MovingAverageCross } from './ma-cross';
import type { StrategyParams } from './params';
import type { LineMemo } from '../indicators/line-memo';

export class SmaCross extends MovingAverageCross {
  constructor(params: StrategyParams = {}, lines?: LineMemo) {
    super({ name: 'sma-cross', label: 'SMA', average: sma, schema: SmaCrossParamsSchema, longOnly: false }, params, lines);
  }
}
