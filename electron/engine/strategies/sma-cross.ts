// sma-cross: fast SMA of close crossing the slow one — up: buy (closing a short), down: sell (closing a long; short if allowed).
import type { Decision, Vote } from '../../../shared/domain';
import { sma } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { crossAt } from './cross';
import { act, hold, holdVote, num } from './decision';
import { checkFastSlow, intParam, type StrategyParams } from './params';

export class SmaCross implements SignalSource {
  readonly name = 'sma-cross';
  readonly fast: number;
  readonly slow: number;
  private fastLine: Float64Array = new Float64Array(0);
  private slowLine: Float64Array = new Float64Array(0);
  private readonly holdVotes: Vote[] = [holdVote(this.name)];

  constructor(params: StrategyParams = {}) {
    this.fast = intParam(this.name, params, 'fast', 10);
    this.slow = intParam(this.name, params, 'slow', 20);
    checkFastSlow(this.name, this.fast, this.slow);
  }

  prepare(series: CandleSeries): void {
    this.fastLine = sma(series.close, this.fast);
    this.slowLine = sma(series.close, this.slow);
  }

  decide(ctx: BarContext): Decision {
    const i = ctx.index;
    const cross = crossAt(this.fastLine, this.slowLine, i);
    if (cross === 0) return hold(ctx, this.holdVotes);
    const f = `SMA(${this.fast})=${num(this.fastLine[i])}`;
    const s = `SMA(${this.slow})=${num(this.slowLine[i])}`;
    return cross > 0
      ? act(ctx, this.name, 'buy', 1, `${f} crossed above ${s}`)
      : act(ctx, this.name, 'sell', -1, `${f} crossed below ${s}`);
  }
}
