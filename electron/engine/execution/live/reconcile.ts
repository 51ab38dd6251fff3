// Start-up reconciliation: before any new order, make the journal agree with the exchange and flag what cannot.
import type { Order as CcxtOrder } from 'ccxt';
import type { Database } from 'better-sqlite3';
import type { AlertSink } from '../../store/alerts-repo';
import type { JournalEntry } from '../journal';
import type { LiveContext } from './context';
import { adopt, balancesOf, fetchMissingFills, findByClientId, read } from './exchange-calls';
import { resolveUnknown } from './order-submitter';
import { entryOf } from './orders-view';
import { reconcileTrades } from './reconcile-trades';
import type { ReconcileChange, ReconcileIssue, ReconcileReport } from './reconcile-types';

export interface ReconcileOptions {
  /** Markets the app trades: their open orders are checked even when the journal has none there. */
  symbols: readonly string[];
  alerts?: AlertSink;
  /** Trades are scanned from this long before the oldest open entry (clock differences, slow fills). */
  tradeLookbackMs?: number;
}

const AMOUNT_EPS = 1e-9;

function transition(before: JournalEntry, after: JournalEntry): ReconcileChange | undefined {
  const base = { symbol: after.symbol, clientOrderId: after.clientOrderId, exchangeOrderId: after.exchangeOrderId ?? undefined };
  if (after.status === before.status && after.filled === before.filled) return undefined;
  const what = `${before.status} → ${after.status}, filled ${before.filled} → ${after.filled}`;
  if (after.status === 'filled') return { ...base, kind: 'filled-while-down', detail: what };
  if (after.status === 'cancelled') return { ...base, kind: 'cancelled-while-down', detail: what };
  if (after.filled > before.filled) return { ...base, kind: 'partially-filled-while-down', detail: what };
  return { ...base, kind: 'status-updated', detail: what };
}

/** Brings one open journal entry up to date; a pending one the exchange never got is closed as never sent. */
async function resolveEntry(ctx: LiveContext, entry: JournalEntry, openByWire: Map<string, CcxtOrder>,
  changes: ReconcileChange[], issues: ReconcileIssue[]): Promise<void> {
  const pending = entry.status === 'pending';
  const remote = openByWire.get(entry.wireId)
    ?? (pending ? await resolveUnknown(ctx, entry, entry.updatedAt) : await findByClientId(ctx, entry.symbol, entry.wireId));
  const base = { symbol: entry.symbol, clientOrderId: entry.clientOrderId };
  if (!remote) {
    if (pending) {
      ctx.changed(ctx.journal.recordAnswer(entry.clientOrderId, { status: 'rejected', lastError: 'never reached the exchange (no order with this client id after the recv window)' }), []);
      changes.push({ ...base, kind: 'never-sent', detail: 'the app stopped before the exchange received it' });
    } else {
      issues.push({ ...base, kind: 'order-missing', exchangeOrderId: entry.exchangeOrderId ?? undefined,
        detail: `the journal has it ${entry.status} but the exchange has no order with this client id` });
    }
    return;
  }
  const fillsBefore = ctx.journal.filledFromFills(entry.clientOrderId);
  const after = await adopt(ctx, entry.clientOrderId, remote);
  const change = transition(entry, after);
  if (change) changes.push(change);
  const fillsAfter = ctx.journal.filledFromFills(entry.clientOrderId);
  if (fillsAfter > fillsBefore + AMOUNT_EPS) {
    changes.push({ ...base, kind: 'fill-inserted', exchangeOrderId: after.exchangeOrderId ?? undefined, detail: `fills for ${fillsAfter - fillsBefore} were missing` });
  }
}

/** Settled entries whose trades never made it into the journal (the app stopped between answer and trades). */
async function completeFills(ctx: LiveContext, changes: ReconcileChange[], issues: ReconcileIssue[]): Promise<void> {
  for (const entry of ctx.journal.entriesMissingFills()) {
    const base = { symbol: entry.symbol, clientOrderId: entry.clientOrderId, exchangeOrderId: entry.exchangeOrderId ?? undefined };
    const added = await fetchMissingFills(ctx, entry);
    if (added.length > 0) {
      ctx.changed(ctx.journal.get(entry.clientOrderId) ?? entry, added);
      changes.push({ ...base, kind: 'fill-inserted', detail: `${added.length} fill(s) were missing from the journal` });
    }
    const have = ctx.journal.filledFromFills(entry.clientOrderId);
    if (entry.filled > have + AMOUNT_EPS) issues.push({ ...base, kind: 'fills-incomplete', detail: `exchange reports ${entry.filled} filled, trades found for ${have}` });
  }
}

/** Exchange open orders the journal does not know (unresolved), or knows as closed (journal corrected). */
async function checkExchangeOpen(ctx: LiveContext, open: CcxtOrder[], checked: Set<string>,
  changes: ReconcileChange[], issues: ReconcileIssue[]): Promise<void> {
  for (const o of open) {
    const entry = entryOf(ctx, o);
    const symbol = o.symbol ?? '';
    if (!entry) {
      issues.push({ kind: 'unknown-open-order', symbol, exchangeOrderId: o.id ?? undefined,
        detail: `open ${o.side} ${o.amount} @ ${o.price} (client id ${o.clientOrderId ?? '?'}) is not in the journal` });
    } else if (!checked.has(entry.clientOrderId)) {
      const after = await adopt(ctx, entry.clientOrderId, o, true);
      changes.push({ kind: 'status-updated', symbol, clientOrderId: entry.clientOrderId,
        detail: `the journal had it ${entry.status}, the exchange has it ${after.status}` });
    }
  }
}

function writeAlerts(options: ReconcileOptions, report: ReconcileReport): void {
  if (!options.alerts) return;
  if (report.changes.length > 0) {
    const external = report.changes.some((c) => c.kind === 'external-trade');
    report.alertIds.push(options.alerts.add({ level: external ? 'warning' : 'info', source: 'reconcile',
      message: `While Quorum was stopped: ${report.changes.length} change(s) found on the exchange and recorded`, details: report.changes }).id);
  }
  if (report.unresolved.length > 0) {
    const first = report.unresolved[0];
    report.alertIds.push(options.alerts.add({ level: 'critical', source: 'reconcile',
      message: `Trading blocked: ${report.unresolved.length} unresolved difference(s) with the exchange (${first.kind}: ${first.detail}); acknowledge to resume`,
      details: report.unresolved }).id);
  }
}

/**
 * 1. open orders on the exchange for every traded market; 2. each open or pending journal entry looked up and
 * updated (fills fetched; pending ones the exchange never got closed as never sent); 3. trades since the oldest
 * open entry matched to the journal (missing fills inserted); 4. exchange orders the journal does not know are
 * unresolved; 5. balances read; 6. alerts written. The caller blocks trading while anything is unresolved.
 */
export async function reconcile(ctx: LiveContext, options: ReconcileOptions): Promise<ReconcileReport> {
  const startedAt = ctx.now();
  const report: ReconcileReport = { startedAt, finishedAt: 0, checkedOrders: 0, changes: [], unresolved: [], balances: {}, alertIds: [] };
  const entries = ctx.journal.openEntries();
  report.checkedOrders = entries.length;
  const symbols = [...new Set([...options.symbols, ...entries.map((e) => e.symbol)])];
  const open = (await Promise.all(symbols.map((s) => read(ctx, 'fetchOpenOrders', () => ctx.exchange.fetchOpenOrders(s))))).flat();
  const openByWire = new Map(open.filter((o) => o.clientOrderId).map((o) => [o.clientOrderId as string, o]));
  await Promise.all(entries.map((e) => resolveEntry(ctx, e, openByWire, report.changes, report.unresolved)));
  await checkExchangeOpen(ctx, open, new Set(entries.map((e) => e.clientOrderId)), report.changes, report.unresolved);
  await completeFills(ctx, report.changes, report.unresolved);
  if (entries.length > 0) {
    const since = Math.min(...entries.map((e) => e.createdAt)) - (options.tradeLookbackMs ?? 60_000);
    const tradeSymbols = [...new Set(entries.map((e) => e.symbol))];
    for (const s of tradeSymbols) report.changes.push(...(await reconcileTrades(ctx, s, since)));
  }
  report.balances = await balancesOf(ctx);
  report.finishedAt = ctx.now();
  writeAlerts(options, report);
  return report;
}

/** Marks the alerts of a reconciliation run as seen by the trader (alerts.acknowledged_at, schema v2). */
export function acknowledgeAlerts(db: Database, ids: readonly number[], now: number): void {
  const stmt = db.prepare('UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL');
  for (const id of ids) stmt.run(now, id);
}
