// The exchange state a route handler sees, and the shape of a route.
import type { Wallet } from './balances';
import type { CandleFeed } from './candles';
import type { FaultRegistry } from './faults';
import type { MatchingEngine } from './matching';
import type { Params } from './order-params';
import type { CommissionConfig, MarketSpec, OrderRequestRecord } from './types';

export interface ExchangeState {
  markets: Map<string, MarketSpec>;
  feed: CandleFeed;
  wallet: Wallet;
  engine: MatchingEngine;
  faults: FaultRegistry;
  commission: CommissionConfig;
  orderRequests: OrderRequestRecord[];
  /** The emulator's clock (wall clock plus any clockSkew fault). */
  serverTime(): number;
}

export interface RouteContext {
  state: ExchangeState;
  params: Params;
  method: string;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  /** SIGNED (TRADE / USER_DATA) endpoints need the API key, a signature and a fresh timestamp. */
  signed: boolean;
  handle(context: RouteContext): unknown;
}
