// Building a strategy's Decision: one Vote carrying the numbers behind it; holds reuse one vote to stay allocation-light.
import type { Decision, DecisionAction, Vote } from '../../../shared/domain';
import type { BarContext } from '../model/signal';

/** Short, stable number text for reasons: six significant digits. */
export function num(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * A strategy's holds: one shared vote list, and where the loop allows it (BarContext.reuseHolds: nobody keeps holds)
 * one Decision rewritten bar after bar — a fresh object per quiet bar was a third of a sweep job's garbage.
 */
export class Holds {
  private readonly votes: Vote[];
  private shared: Decision | undefined;

  constructor(agent: string) {
    this.votes = [{ agent, direction: 0, confidence: 0, reasons: [] }];
  }

  /** A hold for the bar in `ctx`. */
  at(ctx: BarContext): Decision {
    const time = ctx.series.time[ctx.index];
    if (!ctx.reuseHolds) return { time, symbol: ctx.symbol, action: 'hold', score: 0, votes: this.votes };
    const d = (this.shared ??= { time, symbol: ctx.symbol, action: 'hold', score: 0, votes: this.votes });
    d.time = time;
    d.symbol = ctx.symbol;
    return d;
  }
}

/**
 * An acting decision with the strategy's single vote; direction follows the action (exit leans against the position).
 * `reason(index)` is only formatted when someone may read it (see BarContext.actingReasons). Pass a function made once
 * per strategy: a closure over the bar made inside `decide` makes V8 allocate its context on every bar, holds included.
 */
export function act(ctx: BarContext, agent: string, action: DecisionAction, direction: number, reason: (index: number) => string): Decision {
  return {
    time: ctx.series.time[ctx.index],
    symbol: ctx.symbol,
    action,
    score: direction,
    votes: [{ agent, direction, confidence: 1, reasons: ctx.actingReasons === false ? [] : [reason(ctx.index)] }],
  };
}
