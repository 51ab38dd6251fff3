// Collects a run's decisions into fixed-size column blocks and hands each full block to `write`: a stored backtest
// keeps one block in memory (the same columns, refilled), never a per-bar object for the whole run.
import type { Decision } from '../../../shared/domain';
import { allocateColumns, sliceColumns, writeRow, type DecisionColumns } from './decision-columns';

/** About a week of 1m bars: a one-day chart window touches one or two blocks, a whole year about 65. */
export const DECISION_BLOCK_ROWS = 8_192;

export class DecisionBlockWriter {
  private block: DecisionColumns | undefined;
  private symbol = '';
  private rows = 0;

  constructor(
    private readonly write: (symbol: string, block: DecisionColumns) => void,
    private readonly blockRows = DECISION_BLOCK_ROWS,
  ) {}

  add(d: Decision): void {
    let block = this.block;
    if (!block || d.symbol !== this.symbol || !fits(block.agents, d)) {
      // A vote from an agent the block has no column for starts a new block that has one.
      const agents = block && d.symbol === this.symbol ? union(block.agents, d) : d.votes.map((v) => v.agent);
      this.flush();
      block = this.block = allocateColumns(agents, this.blockRows);
      this.symbol = d.symbol;
    } else if (this.rows === this.blockRows) {
      this.flush();
    }
    writeRow(block, this.rows++, d);
  }

  /**
   * Writes the rows collected so far (a partial block at the end of a run). `write` must use the block before it
   * returns: the same columns are filled again for the next block (only the vote flags need clearing, every other
   * field is written for every row).
   */
  flush(): void {
    const block = this.block;
    if (!block || this.rows === 0) return;
    this.write(this.symbol, this.rows === this.blockRows ? block : sliceColumns(block, 0, this.rows));
    for (const flags of block.voteFlags) flags.fill(0);
    this.rows = 0;
  }
}

function fits(agents: readonly string[], d: Decision): boolean {
  const votes = d.votes;
  for (let v = 0; v < votes.length; v++) {
    if (agents[v] !== votes[v].agent && !agents.includes(votes[v].agent)) return false;
  }
  return true;
}

function union(agents: readonly string[], d: Decision): string[] {
  return [...agents, ...d.votes.map((v) => v.agent).filter((a) => !agents.includes(a))];
}
