// Sends one order so that no failure, retry or restart can ever place it twice: journal first, look up before resending.
import type { Order as CcxtOrder } from 'ccxt';
import { ExchangeError } from '../../errors';
import { withTimeout } from '../../exchange/timeouts';
import type { OrderIntent } from '../../model/order';
import type { JournalEntry } from '../journal';
import { classifyError, errorMessage, type ErrorKind } from './ccxt-errors';
import { ccxtArgs } from './ccxt-orders';
import type { LiveContext } from './context';
import { adopt, findByClientId } from './exchange-calls';
import { backoffMs, sleep } from './retry';

export interface SubmitOptions {
  /** Send reduceOnly to the exchange (contract markets); spot markets enforce it locally instead. */
  sendReduceOnly: boolean;
}

/**
 * Looks for an order whose create call failed in an unknown way. If the first lookup finds nothing, waits until the
 * request can no longer be accepted (settleMs after it was sent) and asks again: only that second "no" is final.
 */
export async function resolveUnknown(ctx: LiveContext, entry: JournalEntry, sentAt: number): Promise<CcxtOrder | undefined> {
  const first = await findByClientId(ctx, entry.symbol, entry.wireId);
  if (first) return first;
  const wait = sentAt + ctx.settleMs - ctx.now();
  if (wait > 0) await sleep(wait);
  return findByClientId(ctx, entry.symbol, entry.wireId);
}

function stateUnknown(entry: JournalEntry, err: unknown): ExchangeError {
  return new ExchangeError(
    `Order ${entry.clientOrderId} may or may not be on the exchange and it cannot be asked (${errorMessage(err)}); it stays pending until reconciliation`,
    'ORDER_STATE_UNKNOWN', { clientOrderId: entry.clientOrderId }, { cause: err });
}

/** One resolution attempt that never throws past the caller: an unreachable exchange keeps the entry pending. */
async function lookupOrThrow(ctx: LiveContext, entry: JournalEntry, sentAt: number): Promise<CcxtOrder | undefined> {
  try {
    return await resolveUnknown(ctx, entry, sentAt);
  } catch (err) {
    ctx.journal.recordAnswer(entry.clientOrderId, { lastError: `lookup failed: ${errorMessage(err)}` });
    throw stateUnknown(entry, err);
  }
}

function rejected(ctx: LiveContext, entry: JournalEntry, err: unknown, code = 'ORDER_REJECTED'): ExchangeError {
  const message = errorMessage(err);
  const updated = ctx.journal.recordAnswer(entry.clientOrderId, { status: 'rejected', lastError: message });
  ctx.changed(updated, []);
  return new ExchangeError(`Order ${entry.clientOrderId} (${entry.side} ${entry.amount} ${entry.symbol}) refused: ${message}`, code,
    { clientOrderId: entry.clientOrderId }, { cause: err });
}

/** What to do after a failed send: stop (throw), the order turned out to exist, or send again. */
async function afterFailure(ctx: LiveContext, entry: JournalEntry, err: unknown, sentAt: number, send: number): Promise<CcxtOrder | undefined> {
  const kind: ErrorKind = classifyError(err);
  ctx.journal.recordAnswer(entry.clientOrderId, { lastError: errorMessage(err) });
  if (kind === 'rejected' || kind === 'notFound') throw rejected(ctx, entry, err);
  if (kind === 'clockSkew') await ctx.syncClock().catch(() => undefined);
  if (kind !== 'rateLimit' && kind !== 'clockSkew') {
    // The request may have been acted on: find out before anything is sent again.
    const found = await lookupOrThrow(ctx, entry, sentAt);
    if (found) return found;
    if (kind === 'duplicate') throw stateUnknown(entry, err);
  }
  if (send >= ctx.maxSends) throw rejected(ctx, entry, err, 'ORDER_NOT_PLACED');
  await sleep(backoffMs(send, kind, ctx.retry));
  return undefined;
}

async function sendLoop(ctx: LiveContext, intent: OrderIntent, entry: JournalEntry, options: SubmitOptions): Promise<JournalEntry> {
  const args = ccxtArgs(intent, entry.wireId, options.sendReduceOnly);
  for (let send = 1; ; send++) {
    const sentAt = ctx.now();
    try {
      const answer = await withTimeout('createOrder', ctx.timeouts.order,
        () => ctx.exchange.createOrder(intent.symbol, args.type, intent.side, intent.amount, args.price, { ...args.params }));
      return await adopt(ctx, entry.clientOrderId, answer);
    } catch (err) {
      const found = await afterFailure(ctx, entry, err, sentAt, send);
      if (found) return adopt(ctx, entry.clientOrderId, found);
    }
  }
}

/**
 * Places `intent` (already rounded and checked) at most once:
 * 1. the intent is journaled as 'pending' before any request;
 * 2. an intent the journal has already seen is never sent again: a settled one is answered from the journal, a
 *    pending one (its earlier outcome unknown, e.g. after a crash) is looked up by client order id first;
 * 3. a refusal the exchange made before acting (429, recvWindow) is resent after a pause;
 * 4. any failure that may have placed the order (timeout, dropped connection, 5xx, duplicate id) is followed by a
 *    lookup by client order id, and the order is resent only when the exchange provably has none.
 */
export async function submitOrder(ctx: LiveContext, intent: OrderIntent, options: SubmitOptions): Promise<JournalEntry> {
  const { entry, created } = ctx.journal.recordIntent(intent);
  if (!created) {
    if (entry.status !== 'pending') return entry;
    const found = await lookupOrThrow(ctx, entry, entry.updatedAt);
    if (found) return adopt(ctx, entry.clientOrderId, found);
  } else {
    ctx.changed(entry, []);
  }
  return sendLoop(ctx, intent, entry, options);
}
