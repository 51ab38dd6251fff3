// Writes a run's decisions, orders and fills into the store's runs/decisions/orders/fills tables, in batched transactions.
import type { Database, Statement } from 'better-sqlite3';
import type { Decision } from '../../../shared/domain';
import type { Fill, Order, OrderIntent } from '../model/order';
import { encodeDecisionBlock } from './decision-block';
import { DecisionBlockWriter } from './decision-block-writer';
import type { DecisionColumns } from './decision-columns';
import type { Recorder, RunInfo, RunStatus } from './recorder';

const SQL = {
  run: `INSERT INTO runs (kind, strategy, params, symbol, timeframe, status, started_at, source) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
  finish: `UPDATE runs SET status = ?, ended_at = ?, stats = ? WHERE id = ?`,
  decision: `INSERT INTO decisions (run_id, time, symbol, action, score, alignment, veto, votes, regime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  block: `INSERT INTO decision_blocks (run_id, symbol, first_time, last_time, rows, data) VALUES (?, ?, ?, ?, ?, ?)`,
  veto: `UPDATE decisions SET veto = ? WHERE run_id = ? AND symbol = ? AND time = ?`,
  order: `INSERT INTO orders (run_id, decision_id, client_order_id, exchange_order_id, symbol, side, type, amount, price,
      stop_price, reduce_only, status, filled, average_price, created_at, updated_at, last_error)
    VALUES (?, (SELECT id FROM decisions WHERE run_id = ? AND symbol = ? AND time = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (client_order_id) DO UPDATE SET exchange_order_id = excluded.exchange_order_id, amount = excluded.amount,
      status = excluded.status, filled = excluded.filled, average_price = excluded.average_price,
      updated_at = excluded.updated_at, last_error = excluded.last_error`,
  /** A refused intent: a rejected order row, under the run's account and session when it trades on one. */
  vetoed: `INSERT INTO orders (account_id, session_id, role, run_id, decision_id, client_order_id, symbol, side, type, amount,
      price, stop_price, reduce_only, status, filled, created_at, updated_at, last_error)
    VALUES (?, ?, ?, ?, (SELECT id FROM decisions WHERE run_id = ? AND symbol = ? AND time = ?), ?, ?, ?, ?, ?, ?, ?, ?, 'rejected', 0, ?, ?, ?)
    ON CONFLICT (client_order_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, last_error = excluded.last_error`,
  fill: `INSERT INTO fills (order_id, trade_id, time, price, amount, fee, fee_currency)
    VALUES ((SELECT id FROM orders WHERE client_order_id = ?), ?, ?, ?, ?, ?, ?)`,
};

type Statements = { [K in keyof typeof SQL]: Statement };

/** NaN (e.g. an unfilled order's average price) is stored as NULL. */
const num = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

export class SqliteRecorder implements Recorder {
  private readonly st: Statements;
  private readonly pending: (() => void)[] = [];
  private runId = 0;
  private fillSeq = 0;
  private readonly blocks: DecisionBlockWriter | undefined;
  /** A run on a stored dataset gets its reasons recomputed on demand: its acting rows keep the numbers only. */
  private stripReasons = false;

  /**
   * `batchRows`: writes are queued and committed together every that many rows (1 = at once, for live runs).
   * `columns`: every decision goes into column blocks (a stored backtest, which records every bar); only acting
   * decisions get a row with their votes and reasons, which their orders point to.
   */
  constructor(
    private readonly db: Database,
    private readonly options: {
      currency?: string;
      batchRows?: number;
      columns?: boolean;
      /**
       * The account a paper or live run trades on. The venue's orders are the order journal's rows; an order the risk
       * gate refused never reached it, so its row is kept under this account (and the intent's session) here, and the
       * Desk's Orders tab lists it with the rest.
       */
      account?: string;
    } = {},
  ) {
    this.st = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Statements;
    if (options.columns) this.blocks = new DecisionBlockWriter((symbol, block) => this.writeBlock(symbol, block));
  }

  runStarted(run: RunInfo): string {
    const info = this.st.run.run(run.kind, run.strategy, JSON.stringify(run.params), run.symbol, run.timeframe ?? null, run.startedAt,
      run.source ? JSON.stringify(run.source) : null);
    this.runId = Number(info.lastInsertRowid);
    this.stripReasons = this.blocks !== undefined && run.source?.kind === 'dataset';
    return String(this.runId);
  }

  // Queued rows hold their values, not the objects they came from: a decision's vote and reason strings, an order's
  // view, would otherwise outlive the young generation while a batch fills, and pile up in the old one until a full GC.
  decisionMade(d: Decision): void {
    this.blocks?.add(d);
    if (this.blocks && d.action === 'hold') return;
    const votes = JSON.stringify(this.stripReasons ? d.votes.map((v) => ({ ...v, reasons: [] })) : d.votes);
    this.queueRow(this.st.decision, [this.runId, d.time, d.symbol, d.action, d.score, d.alignment ?? null, d.veto ?? null, votes, d.regime ?? null]);
  }

  orderUpdated(o: Order): void {
    const r = this.runId;
    this.queueRow(this.st.order, [r, r, o.symbol, o.decisionTime, o.clientOrderId, o.id, o.symbol, o.side, o.type, o.amount,
      num(o.price), num(o.stopPrice), o.reduceOnly ? 1 : 0, o.status, o.filled, num(o.averagePrice), o.createdAt,
      o.updatedAt, o.rejectReason ?? null]);
  }

  filled(f: Fill): void {
    const tradeId = `${f.orderId}:${++this.fillSeq}`;
    this.queueRow(this.st.fill, [f.clientOrderId, tradeId, f.time, f.price, f.amount, f.fee, this.options.currency ?? null]);
  }

  /** A vetoed intent is kept as a rejected order, and the veto is written onto its decision. */
  orderVetoed(intent: OrderIntent, reason: string): void {
    const r = this.runId;
    const t = intent.decisionTime;
    const { account } = this.options;
    // Account, session and role go together: a run on no account (a backtest) stores none of them.
    const scope = account ? [account, intent.sessionId ?? null, intent.reason ?? null] : [null, null, null];
    this.queue(() => {
      this.st.vetoed.run(...scope, r, r,
        intent.symbol, t, intent.clientOrderId, intent.symbol, intent.side, intent.type, intent.amount, num(intent.price),
        num(intent.stopPrice), intent.reduceOnly ? 1 : 0, t, t, `risk veto: ${reason}`);
      this.st.veto.run(reason, r, intent.symbol, t);
    });
  }

  runFinished(status: RunStatus, stats?: unknown): void {
    this.blocks?.flush();
    this.flush();
    this.st.finish.run(status, Date.now(), stats === undefined ? null : JSON.stringify(stats), this.runId);
  }

  /** Commits every queued write in one transaction. */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    this.db.transaction(() => {
      for (const write of batch) write();
    })();
  }

  /** Encoded at once, so only the compressed bytes wait for the next batch. */
  private writeBlock(symbol: string, block: DecisionColumns): void {
    const r = this.runId;
    const data = encodeDecisionBlock(block);
    const first = block.time[0];
    const last = block.time[block.length - 1];
    const rows = block.length;
    this.queue(() => this.st.block.run(r, symbol, first, last, rows, data));
  }

  private queueRow(statement: Statement, row: unknown[]): void {
    this.queue(() => statement.run(...row));
  }

  private queue(write: () => void): void {
    this.pending.push(write);
    if (this.pending.length >= (this.options.batchRows ?? 1000)) this.flush();
  }
}
