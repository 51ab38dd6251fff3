// Shared shapes of the Binance spot emulator: candles, markets, orders, trades and constructor options.

/** One candle; `time` is the open time in ms (same shape as shared/domain Candle, kept local so the emulator stands alone). */
export interface EmuCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A spot market and the filters Binance publishes for it; decimals are strings as Binance sends them. */
export interface MarketSpec {
  base: string;
  quote: string;
  tickSize: string;
  minPrice: string;
  maxPrice: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  minNotional: string;
  /** Starting price for the synthetic candle series when no series is given. */
  seedPrice: number;
}

export type OrderSide = 'BUY' | 'SELL';
export type OrderType =
  | 'MARKET' | 'LIMIT' | 'LIMIT_MAKER' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

export interface OrderRecord {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: string;
  /** Limit price (0 for market orders, as Binance reports it). */
  price: number;
  /** Trigger price of STOP_LOSS(_LIMIT) / TAKE_PROFIT(_LIMIT) orders; 0 for the others, as Binance reports it. */
  stopPrice: number;
  origQty: number;
  origQuoteOrderQty: number;
  executedQty: number;
  cummulativeQuoteQty: number;
  status: OrderStatus;
  time: number;
  updateTime: number;
  /** When the order started working on the book; -1 while a stop order waits for its trigger (Binance's value). */
  workingTime: number;
  /** The OCO it belongs to, or -1. */
  orderListId: number;
  /** Quote (buy) or base (sell) still locked for the unfilled rest of a resting order. */
  locked: number;
  /** Set by a partialFill fault: share of the remaining quantity its next fill may take. */
  fillFraction?: number;
}

/** An OCO order list (POST /api/v3/orderList/oco or the legacy /api/v3/order/oco). */
export interface OrderListRecord {
  orderListId: number;
  listClientOrderId: string;
  symbol: string;
  contingencyType: 'OCO';
  /** EXEC_STARTED while both legs wait; ALL_DONE once one leg triggered or filled, or the list was canceled. */
  listStatusType: 'EXEC_STARTED' | 'ALL_DONE';
  listOrderStatus: 'EXECUTING' | 'ALL_DONE';
  transactionTime: number;
  /** Leg order ids, stop-loss leg first (it was placed first, as on Binance). */
  orderIds: number[];
}

export interface TradeRecord {
  symbol: string;
  id: number;
  orderId: number;
  /** The order's OCO, or -1. */
  orderListId: number;
  price: number;
  qty: number;
  quoteQty: number;
  commission: number;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

/** Every POST /api/v3/order (or OCO) that reached the matching engine, accepted or not (for test introspection). */
export interface OrderRequestRecord {
  time: number;
  clientOrderId: string | undefined;
  params: Record<string, string>;
  accepted: boolean;
  orderId?: number;
  error?: { code: number; msg: string };
}

/** Where commission is charged: Binance charges the asset received (base on a buy, quote on a sell). */
export type CommissionAsset = 'received' | 'quote' | 'base';

export interface CommissionConfig {
  takerRate: number;
  makerRate: number;
  asset: CommissionAsset;
}

export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. Host is always 127.0.0.1. */
  port?: number;
  apiKey?: string;
  apiSecret?: string;
  /** Markets by Binance id (e.g. BTCUSDT); default BTC/USDT, ETH/USDT, FIL/USDT. */
  markets?: Record<string, MarketSpec>;
  /** Candle series by Binance id; markets without one get a deterministic synthetic series. */
  series?: Record<string, EmuCandle[]>;
  /** Interval of the series (Binance notation), default '1m'; klines of coarser multiples are aggregated. */
  interval?: string;
  /** Index of the current candle in each series; default: the middle, so there is history and future. */
  startIndex?: number;
  /** Length of generated synthetic series, default 1000. */
  syntheticLength?: number;
  /** Starting free balances by asset, default 10000 USDT, 1 BTC, 10 ETH, 1000 FIL. */
  balances?: Record<string, number>;
  commission?: Partial<CommissionConfig>;
  /** Market-order slippage in basis points against the taker (buys pay more, sells get less). */
  slippageBps?: number;
  /**
   * 'all' rejects a newClientOrderId seen on any earlier order (what crash-safe retries rely on);
   * 'open' only among open orders, which is what Binance documents.
   */
  duplicateClientOrderIdScope?: 'all' | 'open';
}
