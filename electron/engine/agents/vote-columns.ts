// An agent's votes over a prepared series as typed columns: the batch panel weighs these numbers on every bar and
// asks for reason strings only for the bars someone will read (formatting them was most of the panel's cost).
import type { AgentName, BatchAgent, Vote } from './types';

export interface VoteColumns {
  readonly direction: Float64Array;
  readonly confidence: Float64Array;
  /** 1 where the agent abstained (warm-up); its direction and confidence are then 0. */
  readonly abstained: Uint8Array;
}

/** A batch agent whose prepare() fills `columns`, and which builds one bar's reasons on demand from the same columns. */
export interface ColumnAgent extends BatchAgent {
  readonly columns: VoteColumns;
  reasons(index: number): string[];
}

export function isColumnAgent(agent: BatchAgent): agent is ColumnAgent {
  return 'columns' in agent && typeof (agent as Partial<ColumnAgent>).reasons === 'function';
}

export const EMPTY_VOTES: VoteColumns = voteColumns(0);

export function voteColumns(n: number): VoteColumns {
  return { direction: new Float64Array(n), confidence: new Float64Array(n), abstained: new Uint8Array(n) };
}

/** Bar i of the columns as a Vote; same shape as abstain() and the agents' own votes (abstained only when true). */
export function voteAt(agent: AgentName, c: VoteColumns, i: number, reasons: string[]): Vote {
  if (c.abstained[i] === 1) return { agent, direction: c.direction[i], confidence: c.confidence[i], reasons, abstained: true };
  return { agent, direction: c.direction[i], confidence: c.confidence[i], reasons };
}
