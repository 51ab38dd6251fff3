// Two moving averages of close crossing: the shape shared by sma-cross and ema-cross, which differ in the average
// and in whether a down-cross sells (and may go short) or only exits a long.
import type { Decision } from '../../../shared/domain';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { crossAt } from './cross';
import { act, Holds, num } from './decision';
import type { SmaCrossParamsSchema } from '../../../shared/strategy-params';
import { parseStrategyParams, type StrategyParams } from './params';
import { memoLine, type LineMemo } from '../indicators/line-memo';

export interface MaCrossSpec {
  name: string;
  /** Shown in reasons, e.g. "SMA(10)=101.2". */
  label: string;
  average: (values: Float64Array, period: number) => Float64Array;
  /** fast and slow with their defaults and the fast < slow check (shared/strategy-params.ts). */
  schema: typeof SmaCrossParamsSchema;
  /** Long-only: a down-cross exits a long and nothing else; otherwise it sells (closing a long, short if allowed). */
  longOnly: boolean;
}

export class MovingAverageCross implements SignalSource {
  readonly name: string;
  readonly fast: number;
  readonly slow: number;
  private fastLine: Float64Array = new Float64Array(0);
  private slowLine: Float64Array = new Float64Array(0);
  private readonly holds: Holds;

  constructor(
    private readonly spec: MaCrossSpec,
    params: StrategyParams = {},
    private readonly lines?: LineMemo,
  ) {
    this.name = spec.name;
    this.holds = new Holds(spec.name);
    ({ fast: this.fast, slow: this.slow } = parseStrategyParams(spec.name, spec.schema, params));
  }

  prepare(series: CandleSeries): void {
    this.fastLine = this.average(series.close, this.fast);
    this.slowLine = this.average(series.close, this.slow);
  }

  private average(close: Float64Array, period: number): Float64Array {
    return memoLine(this.lines, close, `${this.spec.label}(${period})`, () => this.spec.average(close, period));
  }

  decide(ctx: BarContext): Decision {
    const i = ctx.index;
    const cross = crossAt(this.fastLine, this.slowLine, i);
    if (cross === 0) return this.holds.at(ctx);
    const { longOnly } = this.spec;
    if (longOnly && (cross > 0) === (ctx.position !== undefined && ctx.position.size > 0)) return this.holds.at(ctx);
    return cross > 0
      ? act(ctx, this.name, 'buy', 1, this.crossedAbove)
      : act(ctx, this.name, longOnly ? 'exit' : 'sell', -1, this.crossedBelow);
  }

  private readonly crossedAbove = (i: number) => this.crossText(i, 'above');
  private readonly crossedBelow = (i: number) => this.crossText(i, 'below');

  private crossText(i: number, way: 'above' | 'below'): string {
    const { label } = this.spec;
    return `${label}(${this.fast})=${num(this.fastLine[i])} crossed ${way} ${label}(${this.slow})=${num(this.slowLine[i])}`;
  }
}
