// price-sma-cross (backtrader's test strategy): close crossing above SMA(period) buys when flat; crossing below closes a long.
import type { Decision } from '../../../shared/domain';
import { sma } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { crossAt } from './cross';
import { act, Holds, num } from './decision';
import { PriceSmaCrossParamsSchema } from '../../../shared/strategy-params';
import { parseStrategyParams, type StrategyParams } from './params';
import { memoLine, type LineMemo } from '../indicators/line-memo';

export class PriceSmaCross implements SignalSource {
  readonly name = 'price-sma-cross';
  readonly period: number;
  private close: Float64Array = new Float64Array(0);
  private line: Float64Array = new Float64Array(0);
  private readonly holds = new Holds(this.name);

  constructor(params: StrategyParams = {}, private readonly lines?: LineMemo) {
    ({ period: this.period } = parseStrategyParams(this.name, PriceSmaCrossParamsSchema, params));
  }

  prepare(series: CandleSeries): void {
    this.close = series.close;
    this.line = memoLine(this.lines, series.close, `SMA(${this.period})`, () => sma(series.close, this.period));
  }

  decide(ctx: BarContext): Decision {
    const i = ctx.index;
    const cross = crossAt(this.close, this.line, i);
    const size = ctx.position?.size ?? 0;
    if (cross > 0 && size === 0) {
      return act(ctx, this.name, 'buy', 1, this.crossedAbove);
    }
    if (cross < 0 && size > 0) {
      return act(ctx, this.name, 'exit', -1, this.crossedBelow);
    }
    return this.holds.at(ctx);
  }

  private readonly crossedAbove = (i: number) => this.crossText(i, 'above');
  private readonly crossedBelow = (i: number) => this.crossText(i, 'below');

  private crossText(i: number, way: 'above' | 'below'): string {
    return `close=${num(this.close[i])} crossed ${way} SMA(${this.period})=${num(this.line[i])}`;
  }
}
