// The crash harness's verdict: journal versus emulator, order by order, fill by fill, balance by balance.
import type { Database } from 'better-sqlite3';
import { balanceDeltas, type OrderJournal } from '../../electron/engine/execution/journal';
import type { OrderStatus } from '../../electron/engine/model/order';
import type { BinanceEmulator, OrderRecord } from '../emulator';

export interface CheckResult {
  ok: boolean;
  problems: string[];
  acceptedOrders: number;
  /** POSTs the exchange refused as duplicates (a retry the protocol stopped). */
  duplicateRefusals: number;
  fills: number;
  integrity: string;
}

const STATUS: Record<OrderRecord['status'], OrderStatus> = {
  NEW: 'open', PARTIALLY_FILLED: 'partially-filled', FILLED: 'filled', CANCELED: 'cancelled', EXPIRED: 'cancelled', REJECTED: 'rejected',
};

function checkOrders(journal: OrderJournal, orders: OrderRecord[], problems: string[]): void {
  const seen = new Map<string, number>();
  for (const o of orders) seen.set(o.clientOrderId, (seen.get(o.clientOrderId) ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`duplicate: ${count} accepted orders with client id ${id}`);
  for (const o of orders) {
    const entry = journal.getByWireId(o.clientOrderId);
    if (!entry) {
      problems.push(`lost: emulator order ${o.orderId} (${o.clientOrderId}) is not in the journal`);
      continue;
    }
    if (entry.exchangeOrderId !== String(o.orderId)) problems.push(`order ${o.orderId}: journal has exchange id ${entry.exchangeOrderId}`);
    if (entry.status !== STATUS[o.status]) problems.push(`order ${o.orderId}: journal ${entry.status}, emulator ${o.status}`);
    if (Math.abs(entry.filled - o.executedQty) > 1e-12) problems.push(`order ${o.orderId}: journal filled ${entry.filled}, emulator ${o.executedQty}`);
  }
}

function checkFills(journal: OrderJournal, emulator: BinanceEmulator, problems: string[]): number {
  const ours = new Set(journal.fills().map((f) => `${f.exchangeOrderId}/${f.tradeId}`));
  const theirs = new Set(emulator.trades.map((t) => `${t.orderId}/${t.id}`));
  for (const key of theirs) if (!ours.has(key)) problems.push(`fill ${key} is on the emulator but not in the journal`);
  for (const key of ours) if (!theirs.has(key)) problems.push(`fill ${key} is in the journal but not on the emulator`);
  return ours.size;
}

function checkBalances(journal: OrderJournal, emulator: BinanceEmulator, start: Record<string, number>, problems: string[]): void {
  const deltas = balanceDeltas(journal.fills());
  const wallet = emulator.balances();
  for (const asset of new Set([...Object.keys(start), ...deltas.keys()])) {
    const expected = (start[asset] ?? 0) + (deltas.get(asset) ?? 0);
    const entry = wallet[asset];
    const actual = entry ? entry.free + entry.locked : 0;
    if (Math.abs(expected - actual) > 1e-6 * Math.max(1, Math.abs(actual))) {
      problems.push(`balance ${asset}: journal says ${expected}, emulator has ${actual}`);
    }
  }
}

export function checkCrashState(db: Database, journal: OrderJournal, emulator: BinanceEmulator, startBalances: Record<string, number>): CheckResult {
  const problems: string[] = [];
  const orders = emulator.orders;
  checkOrders(journal, orders, problems);
  const fills = checkFills(journal, emulator, problems);
  checkBalances(journal, emulator, startBalances, problems);
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} violation(s)`);
  const duplicateRefusals = emulator.orderRequests.filter((r) => r.error?.msg === 'Duplicate order sent.').length;
  return { ok: problems.length === 0, problems, acceptedOrders: orders.length, duplicateRefusals, fills, integrity };
}
