// Building a strategy's Decision: one Vote carrying the numbers behind it; holds reuse one vote to stay allocation-light.
import type { Decision, DecisionAction, Vote } from '../../../shared/domain';
import type { BarContext } from '../model/signal';

/** Short, stable number text for reasons: six significant digits. */
export function num(v: number): string {
  return String(Number(v.toPrecision(6)));
}

export function holdVote(agent: string): Vote {
  return { agent, direction: 0, confidence: 0, reasons: [] };
}

/** A hold for the bar in `ctx`; `votes` is the strategy's shared hold vote list. */
export function hold(ctx: BarContext, votes: Vote[]): Decision {
  return { time: ctx.series.time[ctx.index], symbol: ctx.symbol, action: 'hold', score: 0, votes };
}

/** An acting decision with the strategy's single vote; direction follows the action (exit leans against the position). */
export function act(ctx: BarContext, agent: string, action: DecisionAction, direction: number, reason: string): Decision {
  return {
    time: ctx.series.time[ctx.index],
    symbol: ctx.symbol,
    action,
    score: direction,
    votes: [{ agent, direction, confidence: 1, reasons: [reason] }],
  };
}
