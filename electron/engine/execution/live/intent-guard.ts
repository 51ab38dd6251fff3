// Local checks before an intent reaches the submitter: rounding, market limits and spot reduce-only; refusals are journaled.
import { ExchangeError, QuorumError } from '../../errors';
import type { OrderIntent } from '../../model/order';
import { journalPositions } from '../journal';
import { errorMessage } from './ccxt-errors';
import type { LiveContext } from './context';
import { marketOf, prepareIntent } from './order-rules';

export interface GuardedIntent {
  intent: OrderIntent;
  /** Contract markets take reduceOnly as a flag; spot markets have none, so it is enforced here. */
  sendReduceOnly: boolean;
}

/**
 * Spot has no reduce-only flag: the order is capped at the position the journal holds, and refused when there is
 * nothing on the other side to reduce.
 */
function capReduceOnly(ctx: LiveContext, intent: OrderIntent): OrderIntent {
  const position = journalPositions(ctx.journal.fills(), [intent.symbol])[0];
  const size = position?.size ?? 0;
  const reduces = intent.side === 'sell' ? size > 0 : size < 0;
  if (!reduces) {
    throw new ExchangeError(`Reduce-only ${intent.side} of ${intent.symbol} refused: the position is ${size}, nothing to reduce`, 'REDUCE_ONLY_REFUSED',
      { symbol: intent.symbol, position: size });
  }
  return { ...intent, amount: Math.min(intent.amount, Math.abs(size)) };
}

async function checked(ctx: LiveContext, intent: OrderIntent, price: (symbol: string) => Promise<number>): Promise<GuardedIntent> {
  const market = marketOf(ctx.exchange, intent.symbol);
  const sendReduceOnly = market.contract === true;
  const capped = intent.reduceOnly && !sendReduceOnly ? capReduceOnly(ctx, intent) : intent;
  const reference = capped.type === 'market' || capped.type === 'stop-market' ? await price(capped.symbol) : undefined;
  return { intent: prepareIntent(ctx.exchange, capped, reference), sendReduceOnly };
}

/**
 * The intent ready to send. A local refusal is journaled as a rejected order (never sent) so the decision's record
 * is complete and a retry of the same decision gets the same answer from the journal.
 */
export async function guardIntent(ctx: LiveContext, intent: OrderIntent, price: (symbol: string) => Promise<number>): Promise<GuardedIntent> {
  try {
    return await checked(ctx, intent, price);
  } catch (err) {
    const local = err instanceof QuorumError && ['ORDER_TOO_SMALL', 'ORDER_TOO_LARGE', 'ORDER_INVALID', 'REDUCE_ONLY_REFUSED', 'UNKNOWN_SYMBOL'].includes(err.code);
    if (local) {
      const { entry } = ctx.journal.recordIntent(intent, { status: 'rejected', lastError: `refused locally: ${errorMessage(err)}` });
      ctx.changed(entry, []);
    }
    throw err;
  }
}
