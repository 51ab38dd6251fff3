// rsi-revert (long-only): RSI crossing below `low` buys the dip when flat; crossing above `high` closes the long.
import type { Decision } from '../../../shared/domain';
import { rsi } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { crossLevelAt } from './cross';
import { act, Holds, num } from './decision';
import { RsiRevertParamsSchema } from '../../../shared/strategy-params';
import { parseStrategyParams, type StrategyParams } from './params';
import { memoLine, type LineMemo } from '../indicators/line-memo';

export class RsiRevert implements SignalSource {
  readonly name = 'rsi-revert';
  readonly period: number;
  readonly low: number;
  readonly high: number;
  private line: Float64Array = new Float64Array(0);
  private readonly holds = new Holds(this.name);

  constructor(params: StrategyParams = {}, private readonly lines?: LineMemo) {
    ({ period: this.period, low: this.low, high: this.high } = parseStrategyParams(this.name, RsiRevertParamsSchema, params));
  }

  prepare(series: CandleSeries): void {
    this.line = memoLine(this.lines, series.close, `RSI(${this.period})`, () => rsi(series.close, this.period));
  }

  decide(ctx: BarContext): Decision {
    const i = ctx.index;
    const size = ctx.position?.size ?? 0;
    if (size === 0 && crossLevelAt(this.line, this.low, i) < 0) {
      return act(ctx, this.name, 'buy', 1, this.crossedBelowLow);
    }
    if (size > 0 && crossLevelAt(this.line, this.high, i) > 0) {
      return act(ctx, this.name, 'exit', -1, this.crossedAboveHigh);
    }
    return this.holds.at(ctx);
  }

  private readonly crossedBelowLow = (i: number) => `${this.label(i)} crossed below ${this.low}`;
  private readonly crossedAboveHigh = (i: number) => `${this.label(i)} crossed above ${this.high}`;

  private label(i: number): string {
    return `RSI(${this.period})=${num(this.line[i])}`;
  }
}
