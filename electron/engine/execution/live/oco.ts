// A stop-loss and a take-profit as one Binance OCO list: spot locks the coins once for both legs, which two separate
// sell orders could not share. Both legs are journaled before the request; afterwards they are ordinary orders
// (looked up, synced, reconciled and cancelled by client id like any other).
import type { Exchange } from 'ccxt';
import { ExchangeError } from '../../errors';
import { withTimeout } from '../../exchange/timeouts';
import type { OrderIntent } from '../../model/order';
import type { JournalEntry } from '../journal';
import type { LiveContext } from './context';
import { marketOf, prepareIntent } from './order-rules';

interface OcoReply {
  orderReports?: { orderId?: number | string; clientOrderId?: string; status?: string }[];
}

/** ccxt's implicit binance endpoint POST /api/v3/orderList/oco (raw strings in, raw JSON out). */
type OcoCall = (params: Record<string, unknown>) => Promise<OcoReply>;

function ocoCallOf(ex: Exchange): OcoCall | undefined {
  const call = (ex as unknown as { privatePostOrderListOco?: OcoCall }).privatePostOrderListOco;
  return typeof call === 'function' ? call.bind(ex) : undefined;
}

/** Places `stop` (stop-limit, below) and `takeProfit` (limit, above) as one sell OCO; returns their journal entries. */
export async function submitOco(ctx: LiveContext, stop: OrderIntent, takeProfit: OrderIntent): Promise<JournalEntry[]> {
  const ex = ctx.exchange;
  const oco = ocoCallOf(ex);
  if (!oco || stop.side !== 'sell' || takeProfit.side !== 'sell') {
    throw new ExchangeError(`${ex.id} spot OCO is only supported for sells on Binance`, 'ORDER_INVALID', { field: 'side', value: stop.side });
  }
  const s = prepareIntent(ex, stop, stop.stopPrice);
  const t = prepareIntent(ex, { ...takeProfit, amount: s.amount }, takeProfit.price);
  const below = ctx.journal.recordIntent(s).entry;
  const above = ctx.journal.recordIntent(t).entry;
  const reply = await withTimeout('createOcoOrder', ctx.timeouts.order, () => oco({
    symbol: marketOf(ex, s.symbol).id, side: 'SELL', quantity: ex.amountToPrecision(s.symbol, s.amount),
    aboveType: 'LIMIT_MAKER', abovePrice: ex.priceToPrecision(t.symbol, t.price as number), aboveClientOrderId: above.wireId,
    belowType: 'STOP_LOSS_LIMIT', belowStopPrice: ex.priceToPrecision(s.symbol, s.stopPrice as number),
    belowPrice: ex.priceToPrecision(s.symbol, s.price as number), belowTimeInForce: 'GTC', belowClientOrderId: below.wireId,
  }));
  // An error above leaves both legs pending: reconciliation and the pre-entry check look them up by client id.
  const out: JournalEntry[] = [];
  for (const entry of [below, above]) {
    const report = reply.orderReports?.find((r) => r.clientOrderId === entry.wireId);
    const updated = ctx.journal.recordAnswer(entry.clientOrderId, { exchangeOrderId: report?.orderId === undefined ? undefined : String(report.orderId), status: 'open', lastError: null });
    ctx.changed(updated, []);
    out.push(updated);
  }
  return out;
}
