// ema-cross (long-only): TA-Lib-seeded fast EMA crossing above the slow one buys, crossing below closes the long.
import type { Decision, Vote } from '../../../shared/domain';
import { ema } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { crossAt } from './cross';
import { act, hold, holdVote, num } from './decision';
import { checkFastSlow, intParam, type StrategyParams } from './params';

export class EmaCross implements SignalSource {
  readonly name = 'ema-cross';
  readonly fast: number;
  readonly slow: number;
  private fastLine: Float64Array = new Float64Array(0);
  private slowLine: Float64Array = new Float64Array(0);
  private readonly holdVotes: Vote[] = [holdVote(this.name)];

  constructor(params: StrategyParams = {}) {
    this.fast = intParam(this.name, params, 'fast', 12);
    this.slow = intParam(this.name, params, 'slow', 26);
    checkFastSlow(this.name, this.fast, this.slow);
  }

  prepare(series: CandleSeries): void {
    this.fastLine = ema(series.close, this.fast);
    this.slowLine = ema(series.close, this.slow);
  }

  decide(ctx: BarContext): Decision {
    const i = ctx.index;
    const cross = crossAt(this.fastLine, this.slowLine, i);
    const long = ctx.position !== undefined && ctx.position.size > 0;
    if (cross === 0 || (cross > 0) === long) return hold(ctx, this.holdVotes);
    const f = `EMA(${this.fast})=${num(this.fastLine[i])}`;
    const s = `EMA(${this.slow})=${num(this.slowLine[i])}`;
    return cross > 0
      ? act(ctx, this.name, 'buy', 1, `${f} crossed above ${s}`)
      : act(ctx, this.name, 'exit', -1, `${f} crossed below ${s}`);
  }
}
