// Matching engine: accepts orders against the replayed price, rests limits, fires stops, and fills them as candles cross.
import type { Wallet } from './balances';
import type { CandleFeed } from './candles';
import { clean, floorToStep, roundToStep } from './decimal';
import { BinanceError, errors } from './errors';
import { executeFill, releaseRest, type FillContext } from './fills';
import { checkNotional } from './markets';
import { legReference, type NewOco } from './order-lists';
import type { NewOrder } from './order-params';
import { isMarketLike, isStopLossType, isTriggerType, meetsTrigger, triggerDirection, triggerPoint } from './triggers';
import type { CommissionConfig, EmuCandle, MarketSpec, OrderListRecord, OrderRecord, TradeRecord } from './types';

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

export interface OrderListRef {
  orderListId?: number;
  listClientOrderId?: string;
}

/** The fields of a new order record that differ between a single order and an OCO leg. */
type NewRecord = Pick<OrderRecord, 'symbol' | 'clientOrderId' | 'side' | 'type' | 'timeInForce' | 'price' | 'stopPrice' | 'origQty' | 'locked'>
  & Partial<Pick<OrderRecord, 'origQuoteOrderQty' | 'fillFraction' | 'orderListId'>>;

const isOpen = (order: OrderRecord): boolean => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
/** A stop or take-profit order that has not been triggered yet. */
const isWaiting = (order: OrderRecord): boolean => isOpen(order) && order.workingTime === -1;

export class MatchingEngine {
  readonly orders: OrderRecord[] = [];
  readonly trades: TradeRecord[] = [];
  readonly lists: OrderListRecord[] = [];
  private orderSeq = 1;
  private listSeq = 1;
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

  private newClientId(): string {
    return `emu_${Date.now().toString(36)}_${this.orderSeq}`;
  }

  private record(fields: NewRecord): OrderRecord {
    const now = this.config.now();
    const order: OrderRecord = {
      orderId: this.orderSeq++, origQuoteOrderQty: 0, executedQty: 0, cummulativeQuoteQty: 0, status: 'NEW',
      time: now, updateTime: now, workingTime: isTriggerType(fields.type) ? -1 : now, orderListId: -1, ...fields,
    };
    this.orders.push(order);
    return order;
  }

  /** Accepts (or rejects) a new order; `fillFraction` < 1 comes from a partialFill fault. */
  place(request: NewOrder, fillFraction?: number): OrderRecord {
    const { spec, symbol, side, type } = request;
    const clientOrderId = request.clientOrderId ?? this.newClientId();
    this.checkDuplicate(clientOrderId);
    const current = this.config.feed.current(symbol).close;
    const fillPrice = this.marketPrice(spec, symbol, side);
    // A stop-market order is valued (notional, a buy's lock) at its stop price: what it is expected to trade at.
    const refPrice = type === 'MARKET' ? fillPrice : request.price ?? request.stopPrice!;
    const qty = request.quantity ?? floorToStep(request.quoteOrderQty! / fillPrice, spec.stepSize);
    if (qty < Number(spec.minQty)) throw errors.filterFailure('LOT_SIZE');
    checkNotional(spec, refPrice, qty);
    const direction = triggerDirection(type, side);
    if (direction && meetsTrigger(direction, request.stopPrice!, current)) throw errors.wouldTrigger();
    const isMarketable = !direction && (type === 'MARKET' || (side === 'BUY' ? refPrice >= current : refPrice <= current));
    if (type === 'LIMIT_MAKER' && isMarketable) throw errors.wouldMatch();
    const lockAmount = side === 'BUY' ? clean(qty * refPrice) : qty;
    this.config.wallet.lock(side === 'BUY' ? spec.quote : spec.base, lockAmount);
    const order = this.record({
      symbol, clientOrderId, side, type, timeInForce: request.timeInForce,
      price: isMarketLike(type) ? 0 : request.price!, stopPrice: request.stopPrice ?? 0,
      origQty: qty, origQuoteOrderQty: request.quoteOrderQty ?? 0, locked: lockAmount,
      fillFraction: fillFraction !== undefined && fillFraction < 1 ? fillFraction : undefined,
    });
    if (isMarketable) this.takeLiquidity(order, spec, type === 'MARKET' ? fillPrice : current);
    this.expireIfImmediate(order, spec);
    return order;
  }

  /**
   * An OCO: both legs rest at once, stop-loss leg first. Each leg's price must sit on its own side of the last price
   * (the limit of a LIMIT_MAKER, else the stop price), so nothing matches or fires at placement. The list locks its
   * quantity once (a buy: at the higher of the legs' prices); the lock moves to whichever leg works first.
   */
  placeOco(request: NewOco): { list: OrderListRecord; legs: OrderRecord[] } {
    const { spec, symbol, side, quantity, above, below } = request;
    const current = this.config.feed.current(symbol).close;
    if (!(legReference(above) > current && legReference(below) < current)) throw errors.ocoPrices();
    const legs = isStopLossType(below.type) ? [below, above] : [above, below];
    const ids = legs.map((leg, i) => leg.clientOrderId ?? `${this.newClientId()}_${i}`);
    if (ids[0] === ids[1]) throw errors.duplicateOrder();
    ids.forEach((id) => this.checkDuplicate(id));
    const listClientOrderId = request.listClientOrderId ?? `emu_list_${Date.now().toString(36)}_${this.listSeq}`;
    if (this.lists.some((list) => list.listClientOrderId === listClientOrderId
      && (this.config.duplicateScope === 'all' || list.listStatusType === 'EXEC_STARTED'))) throw errors.duplicateOrder();
    for (const leg of legs) checkNotional(spec, leg.price ?? leg.stopPrice!, quantity);
    const lockAmount = side === 'BUY' ? clean(quantity * Math.max(...legs.map((leg) => leg.price ?? leg.stopPrice!))) : quantity;
    this.config.wallet.lock(side === 'BUY' ? spec.quote : spec.base, lockAmount);
    const orderListId = this.listSeq++;
    const records = legs.map((leg, i) => this.record({
      symbol, clientOrderId: ids[i], side, type: leg.type, timeInForce: leg.timeInForce, price: leg.price ?? 0,
      stopPrice: leg.stopPrice ?? 0, origQty: quantity, locked: i === 0 ? lockAmount : 0, orderListId,
    }));
    const list: OrderListRecord = {
      orderListId, listClientOrderId, symbol, contingencyType: 'OCO', listStatusType: 'EXEC_STARTED',
      listOrderStatus: 'EXECUTING', transactionTime: this.config.now(), orderIds: records.map((order) => order.orderId),
    };
    this.lists.push(list);
    return { list, legs: records };
  }

  /** Crossing at placement fills as taker at the better of the limit and the market. */
  private takeLiquidity(order: OrderRecord, spec: MarketSpec, marketPrice: number): void {
    if (order.timeInForce === 'FOK' && order.fillFraction !== undefined) return;
    const price = isMarketLike(order.type)
      ? marketPrice
      : order.side === 'BUY' ? Math.min(order.price, marketPrice) : Math.max(order.price, marketPrice);
    this.fillSome(order, spec, price, false);
  }

  private fillSome(order: OrderRecord, spec: MarketSpec, price: number, isMaker: boolean): void {
    const remaining = clean(order.origQty - order.executedQty);
    const qty = order.fillFraction === undefined ? remaining : floorToStep(remaining * order.fillFraction, spec.stepSize);
    order.fillFraction = undefined;
    if (qty <= 0) return;
    this.resolveList(order);
    executeFill(this.fillContext, spec, order, qty, price, isMaker);
  }

  /**
   * One leg of an OCO started working (triggered or traded): the other legs expire, as on Binance, and hand their
   * share of the list's lock to this leg, which pays for its fills out of it.
   */
  private resolveList(order: OrderRecord): void {
    const list = this.lists.find((candidate) => candidate.orderListId === order.orderListId);
    if (!list || list.listStatusType === 'ALL_DONE') return;
    const now = this.config.now();
    for (const sibling of this.orders.filter((other) => other.orderListId === list.orderListId && other !== order && isOpen(other))) {
      sibling.status = 'EXPIRED';
      sibling.updateTime = now;
      order.locked = clean(order.locked + sibling.locked);
      sibling.locked = 0;
    }
    this.finishList(list, now);
  }

  private finishList(list: OrderListRecord, now: number): void {
    list.listStatusType = 'ALL_DONE';
    list.listOrderStatus = 'ALL_DONE';
    list.transactionTime = now;
  }

  /** IOC and FOK never rest: whatever did not fill at once (or at once after the trigger) expires. */
  private expireIfImmediate(order: OrderRecord, spec: MarketSpec): void {
    const isLimit = order.type === 'LIMIT' || order.type === 'STOP_LOSS_LIMIT' || order.type === 'TAKE_PROFIT_LIMIT';
    if (!isLimit || order.timeInForce === 'GTC' || !isOpen(order) || order.workingTime === -1) return;
    order.status = 'EXPIRED';
    order.updateTime = this.config.now();
    releaseRest(this.fillContext, spec, order);
  }

  /**
   * A new candle: stops whose trigger its range reaches fire, market remainders fill at its open, limits fill when its
   * range reaches their price. Orders are visited in arrival order, so an OCO's stop leg (placed first) wins a candle
   * that reaches both legs: the pessimistic reading of a range whose path is unknown.
   */
  onCandle(symbol: string, candle: EmuCandle): void {
    const spec = this.config.markets.get(symbol)!;
    for (const order of this.open(symbol)) {
      if (!isOpen(order)) continue; // an OCO leg expired earlier in this pass
      if (isWaiting(order)) {
        this.checkTrigger(order, spec, candle);
      } else if (isMarketLike(order.type)) {
        this.fillSome(order, spec, this.marketPrice(spec, symbol, order.side, candle.open), false);
      } else {
        this.matchResting(order, spec, candle);
      }
    }
  }

  private matchResting(order: OrderRecord, spec: MarketSpec, candle: EmuCandle): void {
    if (order.side === 'BUY' && candle.low <= order.price) {
      this.fillSome(order, spec, Math.min(order.price, candle.open), true);
    } else if (order.side === 'SELL' && candle.high >= order.price) {
      this.fillSome(order, spec, Math.max(order.price, candle.open), true);
    }
  }

  /**
   * Fires a stop when the candle reaches it (at the open if it opened through the stop, else at the stop price). A
   * market variant then trades at that price (± slippage); a limit variant starts working at its limit: it takes at
   * once if that price crosses it, and when it fired at the open the rest of the candle may still reach the limit.
   */
  private checkTrigger(order: OrderRecord, spec: MarketSpec, candle: EmuCandle): void {
    const at = triggerPoint(triggerDirection(order.type, order.side)!, order.stopPrice, candle);
    if (at === undefined) return;
    const now = this.config.now();
    order.workingTime = now;
    order.updateTime = now;
    this.resolveList(order);
    if (isMarketLike(order.type)) {
      this.takeLiquidity(order, spec, this.marketPrice(spec, order.symbol, order.side, at));
      return;
    }
    const crosses = order.side === 'BUY' ? order.price >= at : order.price <= at;
    if (crosses) this.takeLiquidity(order, spec, at);
    else if (at === candle.open && order.timeInForce === 'GTC') this.matchResting(order, spec, candle);
    this.expireIfImmediate(order, spec);
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

  /** Cancelling one leg of an OCO cancels the whole list, as on Binance. */
  cancel(symbol: string, ref: OrderRef): OrderRecord {
    const order = this.find(symbol, ref, errors.unknownOrder);
    if (!isOpen(order)) throw errors.unknownOrder();
    if (order.orderListId !== -1) {
      this.cancelList(this.findList({ orderListId: order.orderListId }, symbol));
      return order;
    }
    this.cancelOne(order);
    return order;
  }

  private cancelOne(order: OrderRecord): void {
    order.status = 'CANCELED';
    order.updateTime = this.config.now();
    releaseRest(this.fillContext, this.config.markets.get(order.symbol)!, order);
  }

  /** Binance answers -2011 when there is nothing to cancel, so this does too; an OCO is answered as one list. */
  cancelAll(symbol: string): (OrderRecord | OrderListRecord)[] {
    const open = this.open(symbol);
    if (open.length === 0) throw errors.unknownOrder();
    const out: (OrderRecord | OrderListRecord)[] = [];
    for (const order of open) {
      if (!isOpen(order)) continue;
      if (order.orderListId === -1) {
        this.cancelOne(order);
        out.push(order);
      } else {
        out.push(this.cancelList(this.findList({ orderListId: order.orderListId }, symbol)));
      }
    }
    return out;
  }

  findList(ref: OrderListRef, symbol?: string): OrderListRecord {
    if (ref.orderListId === undefined && ref.listClientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'listClientOrderId' or 'orderListId' must be sent, but both were empty/null!");
    }
    const matches = this.lists.filter((list) => (symbol === undefined || list.symbol === symbol)
      && (ref.orderListId !== undefined ? list.orderListId === ref.orderListId : list.listClientOrderId === ref.listClientOrderId));
    const found = matches[matches.length - 1];
    if (!found) throw errors.orderListNotFound();
    return found;
  }

  /** Cancels every open leg; a list that is already done cannot be canceled. */
  cancelList(list: OrderListRecord): OrderListRecord {
    const legs = this.legsOf(list).filter(isOpen);
    if (legs.length === 0) throw errors.unknownOrder();
    for (const leg of legs) this.cancelOne(leg);
    this.finishList(list, this.config.now());
    return list;
  }

  legsOf(list: OrderListRecord): OrderRecord[] {
    return list.orderIds.map((id) => this.orders.find((order) => order.orderId === id)!);
  }
}
