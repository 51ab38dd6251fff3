// What a paper or live run did, read back from the store: its session's settings, every decision it stored, and the
// orders and fills of its session during the run, each order tied to the decision it came from by its client id.
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Decision, type Timeframe } from '../../../shared/domain';
import { exchangeOf } from '../accounts/account-id';
import { AccountsRepository, type AccountRow } from '../accounts/accounts-repo';
import { SessionsRepository, type SessionRow } from '../accounts/sessions-repo';
import type { SeriesKey } from '../data/candle-store/types';
import { DataError } from '../errors';
import { feeInQuote, netFillOfRow } from '../execution/journal';
import { fillFromRow, type FillRow } from '../execution/journal/rows';
import type { Fill, Side } from '../model/order';
import { RunsRepository, type RunRow } from '../store/runs-repo';
import { parseLoopOrderId } from './client-id';

export interface RunOrder {
  clientOrderId: string;
  side: Side;
  /** The amount asked for. */
  amount: number;
  status: string;
  role: string | null;
  lastError: string | null;
  /** Refused by the run's risk gate: kept as a rejected order row with "risk veto: …" (SqliteRecorder.orderVetoed). */
  vetoed: boolean;
  /** The decision's bar and the order's place in it; undefined for orders the loop did not place (protective stops). */
  decisionTime?: number;
  seq?: string;
  attempt: number;
  /** Open time of the bar after whose close the order went out (the decision's bar, or a later one for a retry). */
  sentTime: number;
  /** What traded: volume-weighted price, gross amount, fee in the quote currency; undefined when nothing filled. */
  filled?: { price: number; amount: number; fee: number };
  /** The fills as the session's books took them (base fees off the amount). */
  netFills: Fill[];
}

export interface RunRecord {
  run: RunRow & { kind: 'paper' | 'live' };
  session: SessionRow;
  account: AccountRow;
  key: SeriesKey;
  timeframe: Timeframe;
  decisions: Decision[];
  orders: RunOrder[];
  /** The session's fills before this run (earlier runs of it): the books the run started from. */
  openingFills: Fill[];
}

interface OrderRowLite {
  id: number;
  client_order_id: string;
  side: Side;
  amount: number;
  status: string;
  role: string | null;
  last_error: string | null;
  created_at: number;
  account_id: string | null;
}

const VETO_PREFIX = 'risk veto:';

export function loadRunRecord(db: Database, runId: number): RunRecord {
  const run = new RunsRepository(db).get(runId);
  if (!run) throw new DataError(`No run #${runId}`, 'RUN_NOT_FOUND', { field: 'runId', value: runId });
  if (run.kind === 'backtest') {
    throw new DataError(`Run #${runId} is a backtest: a drift report compares a paper or live run with its replay`, 'RUN_NOT_PAPER_OR_LIVE', { field: 'runId', value: runId });
  }
  const session = new SessionsRepository(db).get(Number(run.params.session));
  const account = session && new AccountsRepository(db).get(session.accountId);
  if (!session || !account || !run.symbol || !run.timeframe || !(run.timeframe in TIMEFRAME_MS)) {
    throw new DataError(`Run #${runId} has no session, account, symbol or timeframe on record: it cannot be replayed`, 'RUN_INCOMPLETE', { field: 'runId', value: runId });
  }
  const timeframe = run.timeframe as Timeframe;
  const tf = TIMEFRAME_MS[timeframe];
  const end = run.endedAt ?? Number.MAX_SAFE_INTEGER;
  const rows = db.prepare(`SELECT id, client_order_id, side, amount, status, role, last_error, created_at, account_id FROM orders
    WHERE client_order_id GLOB ? OR (session_id = ? AND created_at > ? AND created_at <= ?) ORDER BY created_at, id`)
    .all(`${runId}:*`, session.id, run.startedAt, end) as OrderRowLite[];
  const fillsOf = db.prepare(`SELECT f.trade_id, f.time, f.price, f.amount, f.fee, f.fee_currency, o.client_order_id, o.symbol, o.side,
      o.exchange_order_id, o.session_id FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.id = ? ORDER BY f.time, f.id`);
  const orders = rows.map((r) => toRunOrder(r, fillsOf.all(r.id) as FillRow[], tf));
  return {
    run: run as RunRecord['run'], session, account, timeframe,
    key: { exchange: exchangeOf(account.profile), symbol: run.symbol, timeframe },
    decisions: new RunsRepository(db).decisions(runId),
    orders,
    openingFills: openingFills(db, session.id, run.startedAt),
  };
}

function toRunOrder(r: OrderRowLite, fillRows: FillRow[], tf: number): RunOrder {
  const id = parseLoopOrderId(r.client_order_id);
  const vetoed = r.account_id === null && (r.last_error ?? '').startsWith(VETO_PREFIX);
  const raw = fillRows.map(fillFromRow);
  const amount = raw.reduce((s, f) => s + f.amount, 0);
  const filled = amount > 0 ? {
    price: raw.reduce((s, f) => s + f.price * f.amount, 0) / amount,
    amount,
    fee: raw.reduce((s, f) => s + feeInQuote(f), 0),
  } : undefined;
  // A vetoed intent never went out; a sent order's row is written when the loop acts, just after its bar closed.
  const sentTime = vetoed && id ? id.decisionTime : Math.floor(r.created_at / tf) * tf - tf;
  return {
    clientOrderId: r.client_order_id, side: r.side, amount: r.amount, status: r.status, role: r.role, lastError: r.last_error, vetoed,
    ...(id ? { decisionTime: id.decisionTime, seq: id.seq } : {}), attempt: id?.attempt ?? 1, sentTime,
    ...(filled ? { filled } : {}), netFills: raw.map(netFillOfRow),
  };
}

function openingFills(db: Database, sessionId: number, startedAt: number): Fill[] {
  const rows = db.prepare(`SELECT f.trade_id, f.time, f.price, f.amount, f.fee, f.fee_currency, o.client_order_id, o.symbol, o.side,
      o.exchange_order_id, o.session_id FROM fills f JOIN orders o ON o.id = f.order_id
    WHERE o.session_id = ? AND o.created_at <= ? ORDER BY f.time, f.id`).all(sessionId, startedAt) as FillRow[];
  return rows.map((r) => netFillOfRow(fillFromRow(r)));
}
