// Recorder for paper and live runs: runs, every decision and vetoes go to SQLite (and to the UI, a veto through its
// session); orders and fills are the order journal's — it writes them before each request and after each answer.
import type { Database } from 'better-sqlite3';
import type { Decision } from '../../../shared/domain';
import type { Fill, Order, OrderIntent } from '../model/order';
import type { Recorder, RunInfo, RunStatus } from '../trading/recorder';
import { SqliteRecorder } from '../trading/sqlite-recorder';

export class DeskRecorder implements Recorder {
  private readonly inner: SqliteRecorder;

  constructor(
    db: Database,
    /** The account the run trades on: refused orders are stored under it (see SqliteRecorder's `account`). */
    account: string,
    private readonly onDecision: (d: Decision) => void,
    /** An order the risk gate refused, after it is stored. */
    private readonly onVeto?: (intent: OrderIntent, reason: string) => void,
  ) {
    this.inner = new SqliteRecorder(db, { batchRows: 1, account });
  }

  runStarted(run: RunInfo): string {
    return this.inner.runStarted(run);
  }

  decisionMade(decision: Decision): void {
    this.inner.decisionMade(decision);
    this.onDecision(decision);
  }

  orderUpdated(_order: Order): void {}

  filled(_fill: Fill): void {}

  orderVetoed(intent: OrderIntent, reason: string): void {
    this.inner.orderVetoed(intent, reason);
    this.onVeto?.(intent, reason);
  }

  runFinished(status: RunStatus, stats?: unknown): void {
    this.inner.runFinished(status, stats);
  }
}
