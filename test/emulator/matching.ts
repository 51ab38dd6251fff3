// Matching engine: accepts orders against the replayed price, rests limits, and fills them when later candles cross.
import type { Wallet } from './balances';
import type { CandleFeed } from './candles';
import { clean, floorToStep, roundToStep } from './decimal';
import { BinanceError, errors } from './errors';
import { executeFill, releaseRest, type FillContext } from './fills';
import { checkNotional } from './markets';
import type { NewOrder } from './order-params';
import type { CommissionConfig, EmuCandle, MarketSpec, OrderRecord, TradeRecord } from './types';

export interface EngineConfig {
  markets: Map<string, MarketSpec>;
  feed: CandleFeed;
  wallet: Wallet;
  commission: CommissionConfig;
  slippageBps: number;
  duplicateScope: 'all' | 'open';
  now: () => number;
}

export interface OrderRef {
  orderId?: number;
  origClientOrderId?: string;
}

const isOpen = (order: OrderRecord): boolean => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';

export class MatchingEngine {
  readonly orders: OrderRecord[] = [];
  readonly trades: TradeRecord[] = [];
  private orderSeq = 1;
  private tradeSeq = 1;
  private readonly fillContext: FillContext;

  constructor(readonly config: EngineConfig) {
    this.fillContext = {
      wallet: config.wallet, commission: config.commission, trades: this.trades,
      nextTradeId: () => this.tradeSeq++, now: config.now,
    };
  }

  /** Market orders trade at the current close moved against the taker by the configured slippage. */
  private marketPrice(spec: MarketSpec, symbol: string, side: string, reference?: number): number {
    const base = reference ?? this.config.feed.current(symbol).close;
    const sign = side === 'BUY' ? 1 : -1;
    return roundToStep(base * (1 + (sign * this.config.slippageBps) / 10_000), spec.tickSize);
  }

  private checkDuplicate(clientOrderId: string): void {
    const scope = this.config.duplicateScope;
    const clash = this.orders.some((order) => order.clientOrderId === clientOrderId && (scope === 'all' || isOpen(order)));
    if (clash) throw errors.duplicateOrder();
  }

  /** Accepts (or rejects) a new order; `fillFraction` < 1 comes from a partialFill fault. */
  place(request: NewOrder, fillFraction?: number): OrderRecord {
    const { spec, symbol, side, type } = request;
    const clientOrderId = request.clientOrderId ?? `emu_${Date.now().toString(36)}_${this.orderSeq}`;
    this.checkDuplicate(clientOrderId);
    const current = this.config.feed.current(symbol).close;
    const fillPrice = this.marketPrice(spec, symbol, side);
    const refPrice = type === 'MARKET' ? fillPrice : request.price!;
    const qty = request.quantity ?? floorToStep(request.quoteOrderQty! / fillPrice, spec.stepSize);
    if (qty < Number(spec.minQty)) throw errors.filterFailure('LOT_SIZE');
    checkNotional(spec, refPrice, qty);
    const isMarketable = type === 'MARKET' || (side === 'BUY' ? refPrice >= current : refPrice <= current);
    if (type === 'LIMIT_MAKER' && isMarketable) throw errors.wouldMatch();
    const lockAmount = side === 'BUY' ? clean(qty * refPrice) : qty;
    this.config.wallet.lock(side === 'BUY' ? spec.quote : spec.base, lockAmount);
    const now = this.config.now();
    const order: OrderRecord = {
      symbol, orderId: this.orderSeq++, clientOrderId, side, type, timeInForce: request.timeInForce,
      price: type === 'MARKET' ? 0 : request.price!, origQty: qty, origQuoteOrderQty: request.quoteOrderQty ?? 0,
      executedQty: 0, cummulativeQuoteQty: 0, status: 'NEW', time: now, updateTime: now, locked: lockAmount,
      fillFraction: fillFraction !== undefined && fillFraction < 1 ? fillFraction : undefined,
    };
    this.orders.push(order);
    if (isMarketable) this.takeLiquidity(order, spec, type === 'MARKET' ? fillPrice : current);
    this.expireIfImmediate(order, spec);
    return order;
  }

  /** Crossing at placement fills as taker at the better of the limit and the market. */
  private takeLiquidity(order: OrderRecord, spec: MarketSpec, marketPrice: number): void {
    if (order.timeInForce === 'FOK' && order.fillFraction !== undefined) return;
    const price = order.type === 'MARKET'
      ? marketPrice
      : order.side === 'BUY' ? Math.min(order.price, marketPrice) : Math.max(order.price, marketPrice);
    this.fillSome(order, spec, price, false);
  }

  private fillSome(order: OrderRecord, spec: MarketSpec, price: number, isMaker: boolean): void {
    const remaining = clean(order.origQty - order.executedQty);
    const qty = order.fillFraction === undefined ? remaining : floorToStep(remaining * order.fillFraction, spec.stepSize);
    order.fillFraction = undefined;
    if (qty > 0) executeFill(this.fillContext, spec, order, qty, price, isMaker);
  }

  /** IOC and FOK never rest: whatever did not fill at once expires. */
  private expireIfImmediate(order: OrderRecord, spec: MarketSpec): void {
    if (order.type !== 'LIMIT' || order.timeInForce === 'GTC' || !isOpen(order)) return;
    order.status = 'EXPIRED';
    order.updateTime = this.config.now();
    releaseRest(this.fillContext, spec, order);
  }

  /** A new candle: market remainders fill at its open, limits fill when its range reaches their price. */
  onCandle(symbol: string, candle: EmuCandle): void {
    const spec = this.config.markets.get(symbol)!;
    for (const order of this.open(symbol)) {
      if (order.type === 'MARKET') {
        this.fillSome(order, spec, this.marketPrice(spec, symbol, order.side, candle.open), false);
      } else if (order.side === 'BUY' && candle.low <= order.price) {
        this.fillSome(order, spec, Math.min(order.price, candle.open), true);
      } else if (order.side === 'SELL' && candle.high >= order.price) {
        this.fillSome(order, spec, Math.max(order.price, candle.open), true);
      }
    }
  }

  open(symbol?: string): OrderRecord[] {
    return this.orders.filter((order) => isOpen(order) && (symbol === undefined || order.symbol === symbol));
  }

  /** Binance looks up by orderId first, else the latest order with that client id. */
  find(symbol: string, ref: OrderRef, notFound: () => BinanceError = errors.orderNotFound): OrderRecord {
    if (ref.orderId === undefined && ref.origClientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    const matches = this.orders.filter((order) => order.symbol === symbol
      && (ref.orderId !== undefined ? order.orderId === ref.orderId : order.clientOrderId === ref.origClientOrderId));
    const found = matches[matches.length - 1];
    if (!found) throw notFound();
    return found;
  }

  cancel(symbol: string, ref: OrderRef): OrderRecord {
    const order = this.find(symbol, ref, errors.unknownOrder);
    if (!isOpen(order)) throw errors.unknownOrder();
    order.status = 'CANCELED';
    order.updateTime = this.config.now();
    releaseRest(this.fillContext, this.config.markets.get(symbol)!, order);
    return order;
  }

  /** Binance answers -2011 when there is nothing to cancel, so this does too. */
  cancelAll(symbol: string): OrderRecord[] {
    const open = this.open(symbol);
    if (open.length === 0) throw errors.unknownOrder();
    return open.map((order) => this.cancel(symbol, { orderId: order.orderId }));
  }
}
