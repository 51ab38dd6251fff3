// An agent's votes over a window of bars as typed columns: the batch panel weighs these numbers on every bar and
// asks for reason strings only for the bars someone will read (formatting them was most of the panel's cost).
import type { CandleSeries } from '../model/candle-series';
import type { ColumnCache } from './columns';
import type { AgentName, AgentStyle, BatchAgent, Vote } from './types';

export interface VoteColumns {
  readonly direction: Float64Array;
  readonly confidence: Float64Array;
  /** 1 where the agent abstained (warm-up); its direction and confidence are then 0. */
  readonly abstained: Uint8Array;
}

/**
 * A batch agent that computes its columns window by window (see ColumnCache); prepare() is one window over the whole
 * series, and vote(i) reads bar i of the current window.
 */
export interface WindowAgent extends BatchAgent {
  /** Starts over at the series' first bar: fresh indicator state, columns of `cache.capacity` slots. */
  begin(cache: ColumnCache): void;
  /** Computes the cache's current window, continuing from the state the previous window left. */
  fill(cache: ColumnCache): void;
}

/** A window agent whose fill() writes vote columns, and which builds one bar's reasons on demand from its columns. */
export interface ColumnAgent extends WindowAgent {
  /** The current window's votes: slot k is bar `cache.from + k`. */
  readonly columns: VoteColumns;
  /** The reasons of slot k of the current window. */
  reasons(slot: number): string[];
}

/** The panel's voters: fresh vote columns at begin(), the first window at prepare(); fill() and reasons() are theirs. */
export abstract class VoteColumnAgent implements ColumnAgent {
  abstract readonly name: AgentName;
  abstract readonly style: AgentStyle;
  columns: VoteColumns = EMPTY_VOTES;

  /** The cache's first window (the whole series for a cache of default capacity). */
  prepare(_series: CandleSeries, cache: ColumnCache): void {
    this.begin(cache);
    this.fill(cache);
  }

  begin(cache: ColumnCache): void {
    this.columns = voteColumns(cache.capacity);
  }

  abstract fill(cache: ColumnCache): void;
  abstract reasons(slot: number): string[];
  abstract vote(index: number): Vote;
}

export function isWindowAgent(agent: BatchAgent): agent is WindowAgent {
  const a = agent as Partial<WindowAgent>;
  return typeof a.begin === 'function' && typeof a.fill === 'function';
}

export function isColumnAgent(agent: BatchAgent): agent is ColumnAgent {
  return isWindowAgent(agent) && 'columns' in agent && typeof (agent as Partial<ColumnAgent>).reasons === 'function';
}

export const EMPTY_VOTES: VoteColumns = voteColumns(0);

export function voteColumns(n: number): VoteColumns {
  return { direction: new Float64Array(n), confidence: new Float64Array(n), abstained: new Uint8Array(n) };
}

/** Writes slot k: a vote, or an abstention (direction and confidence 0, as the columns promise). */
export function setVote(c: VoteColumns, k: number, direction: number, confidence: number): void {
  c.direction[k] = direction;
  c.confidence[k] = confidence;
  c.abstained[k] = 0;
}

export function setAbstained(c: VoteColumns, k: number): void {
  c.direction[k] = 0;
  c.confidence[k] = 0;
  c.abstained[k] = 1;
}

/** Slot k of the columns as a Vote; same shape as abstain() and the agents' own votes (abstained only when true). */
export function voteAt(agent: AgentName, c: VoteColumns, k: number, reasons: string[]): Vote {
  if (c.abstained[k] === 1) return { agent, direction: c.direction[k], confidence: c.confidence[k], reasons, abstained: true };
  return { agent, direction: c.direction[k], confidence: c.confidence[k], reasons };
}
