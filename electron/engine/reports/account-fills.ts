// An account's fills as the reports read them: the loop's net fills (fee in the quote currency, base fees taken off
// the amount, as the sessions' books see them) with the order each came from.
import type { Database } from 'better-sqlite3';
import { netFillOfRow } from '../execution/journal';
import { fillFromRow, type FillRow } from '../execution/journal/rows';
import type { Fill } from '../model/order';

export interface ReportFill extends Fill {
  /** fills.id: fills of the same time keep the order they were recorded in. */
  fillId: number;
  /** orders.id */
  orderRowId: number;
  sessionId: number | null;
  /** entry | exit | flatten | stop-loss | take-profit (null for orders from before roles). */
  role: string | null;
  /** orders.decision_id, when the order was written with it (paper/live orders find theirs by client id instead). */
  decisionId: number | null;
}

interface Row extends FillRow {
  fill_id: number;
  order_row_id: number;
  role: string | null;
  decision_id: number | null;
}

/** Every fill of `account` (or of one of its sessions), in time order. */
export function accountFills(db: Database, account: string, scope: { sessionId?: number } = {}): ReportFill[] {
  const bySession = scope.sessionId !== undefined;
  const rows = db.prepare(`SELECT f.id AS fill_id, f.trade_id, f.time, f.price, f.amount, f.fee, f.fee_currency, o.id AS order_row_id,
      o.client_order_id, o.symbol, o.side, o.exchange_order_id, o.session_id, o.role, o.decision_id
    FROM fills f JOIN orders o ON o.id = f.order_id
    WHERE o.account_id = ? ${bySession ? 'AND o.session_id = ?' : ''} ORDER BY f.time, f.id`)
    .all(...(bySession ? [account, scope.sessionId] : [account])) as Row[];
  return rows.map((r) => ({
    ...netFillOfRow(fillFromRow(r)),
    fillId: r.fill_id, orderRowId: r.order_row_id, sessionId: r.session_id, role: r.role, decisionId: r.decision_id,
  }));
}
