// The Binance spot emulator: an HTTP server on 127.0.0.1 that routes requests, applies faults and exposes test hooks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigned } from './auth';
import { buildState, marketIdOf, TEST_API_KEY, TEST_API_SECRET } from './config';
import { BinanceError, errors } from './errors';
import { FaultRegistry, type FaultSpec } from './faults';
import { mergeParams, readBody, sendBinanceError, sendJson, sendText, sleep } from './http-util';
import { compatRoutes } from './routes-compat';
import { orderListRoutes } from './routes-order-lists';
import { privateRoutes } from './routes-private';
import { publicRoutes } from './routes-public';
import type { ExchangeState, Route } from './state';
import type { EmulatorOptions, EmuCandle, OrderListRecord, OrderRecord, OrderRequestRecord, TradeRecord } from './types';
import type { AssetBalance } from './balances';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  time: number;
  /** HTTP status sent, or what happened instead ('timeout', 'dropped'). */
  outcome: number | 'timeout' | 'dropped' | 'pending';
  /** Host header as received: proves the client addressed 127.0.0.1. */
  host: string | undefined;
}

interface Reply {
  status: number;
  body: unknown;
}

const ROUTES: Route[] = [...publicRoutes, ...privateRoutes, ...orderListRoutes, ...compatRoutes];
const GATEWAY_ERROR_PAGE = (status: number): string => `<html><body><h1>${status} Service Unavailable</h1></body></html>`;

export class BinanceEmulator {
  readonly faults = new FaultRegistry();
  readonly requestLog: RequestLogEntry[] = [];
  readonly apiKey: string;
  readonly apiSecret: string;
  private readonly state: ExchangeState;
  private readonly server: Server;
  private address: string | undefined;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.apiKey = options.apiKey ?? TEST_API_KEY;
    this.apiSecret = options.apiSecret ?? TEST_API_SECRET;
    this.state = buildState(options, this.faults);
    // A failure inside the handler must not become an unhandled rejection that kills the test run.
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
  }

  /** Creates and starts an emulator in one step. */
  static async start(options: EmulatorOptions = {}): Promise<BinanceEmulator> {
    const emulator = new BinanceEmulator(options);
    await emulator.listen();
    return emulator;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.address = `http://127.0.0.1:${port}`;
    return this.address;
  }

  /** Base URL such as http://127.0.0.1:41234 (available after listen()). */
  get url(): string {
    if (!this.address) throw new Error('emulator: not listening yet');
    return this.address;
  }

  /** Stops listening and cuts every open connection, including requests held by a timeout fault. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = {
      method, path: url.pathname, query: url.search, time: Date.now(), outcome: 'pending', host: req.headers.host,
    };
    this.requestLog.push(entry);
    const rawBody = await readBody(req).catch(() => '');
    const plan = this.faults.plan(method, url.pathname);
    const outcome = plan.outcome;
    const isEarly = outcome !== undefined && (outcome.kind === 'rateLimit' || outcome.kind === 'reject' || outcome.phase === 'before');
    if (plan.latencyMs > 0 && plan.latencyPhase === 'before') await sleep(plan.latencyMs);
    if (isEarly) return this.applyOutcome(outcome, req, res, entry);
    const reply = this.dispatch(req, method, url, rawBody);
    if (plan.latencyMs > 0 && plan.latencyPhase === 'after') await sleep(plan.latencyMs);
    if (outcome) return this.applyOutcome(outcome, req, res, entry);
    this.send(res, reply, entry);
  }

  private send(res: ServerResponse, reply: Reply, entry: RequestLogEntry): void {
    entry.outcome = reply.status;
    if (reply.body instanceof BinanceError) sendBinanceError(res, reply.body);
    else if (typeof reply.body === 'string') sendText(res, reply.status, reply.body, 'text/plain');
    else sendJson(res, reply.status, reply.body);
  }

  /** Runs the route; a BinanceError becomes Binance's {code,msg} reply, anything else a -1000. */
  private dispatch(req: IncomingMessage, method: string, url: URL, rawBody: string): Reply {
    const route = ROUTES.find((candidate) => candidate.method === method && candidate.path === url.pathname);
    if (!route) return { status: 404, body: `emulator: no route for ${method} ${url.pathname}` };
    const rawQuery = url.search.slice(1);
    const params = mergeParams(rawQuery, rawBody);
    try {
      if (route.signed) {
        const apiKeyHeader = req.headers['x-mbx-apikey'];
        const key = Array.isArray(apiKeyHeader) ? apiKeyHeader[0] : apiKeyHeader;
        const credentials = { apiKey: this.apiKey, apiSecret: this.apiSecret };
        verifySigned({ apiKeyHeader: key, rawQuery, rawBody, params }, credentials, this.state.serverTime());
      }
      return { status: 200, body: route.handle({ state: this.state, params, method, path: url.pathname }) };
    } catch (error) {
      if (error instanceof BinanceError) return { status: error.status, body: error };
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: new BinanceError(500, -1000, `An unknown error occurred while processing the request. ${message}`) };
    }
  }

  private applyOutcome(fault: FaultSpec, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): void {
    switch (fault.kind) {
      case 'timeout':
        // Hold the socket open and answer nothing; the client's own timeout ends it, close() cleans up.
        entry.outcome = 'timeout';
        return;
      case 'drop':
        entry.outcome = 'dropped';
        req.socket.destroy();
        return;
      case 'rateLimit': {
        entry.outcome = 429;
        sendBinanceError(res, errors.tooManyRequests(), { 'Retry-After': String(fault.retryAfterSec ?? 1) });
        return;
      }
      case 'serverError': {
        const status = fault.status ?? 503;
        entry.outcome = status;
        sendText(res, status, fault.body ?? GATEWAY_ERROR_PAGE(status));
        return;
      }
      case 'reject':
        entry.outcome = fault.status ?? 400;
        sendBinanceError(res, new BinanceError(fault.status ?? 400, fault.code, fault.msg));
        return;
      default:
        this.send(res, { status: 500, body: `emulator: ${fault.kind} is not a reply fault` }, entry);
    }
  }

  // ---- test hooks -------------------------------------------------------------------------------------------

  /** Publishes the next `steps` candles of every market (or one), firing stops and filling resting orders they cross. */
  advance(steps = 1, symbol?: string): void {
    const ids = symbol === undefined ? this.state.feed.symbols() : [marketIdOf(symbol)];
    for (let step = 0; step < steps; step++) {
      for (const id of ids) {
        for (const candle of this.state.feed.advance(id, 1)) this.state.engine.onCandle(id, candle);
      }
    }
  }

  /** Replaces a market's series; `startIndex` (default: middle) is the current candle. */
  setSeries(symbol: string, candles: EmuCandle[], startIndex?: number): void {
    const id = marketIdOf(symbol);
    if (!this.state.markets.has(id)) throw new Error(`emulator: unknown market ${symbol}`);
    this.state.feed.setSeries(id, candles, startIndex);
  }

  currentCandle(symbol: string): EmuCandle {
    return { ...this.state.feed.current(marketIdOf(symbol)) };
  }

  /** Current price: the close of the current candle. */
  price(symbol: string): number {
    return this.state.feed.current(marketIdOf(symbol)).close;
  }

  setSlippageBps(bps: number): void {
    this.state.engine.config.slippageBps = bps;
  }

  setBalance(asset: string, free: number): void {
    this.state.wallet.set(asset, free);
  }

  balances(): Record<string, AssetBalance> {
    return this.state.wallet.snapshot();
  }

  /** Every accepted order (copies), in arrival order. */
  get orders(): OrderRecord[] {
    return this.state.engine.orders.map((order) => ({ ...order }));
  }

  /** Every accepted OCO (copies), in arrival order. */
  get orderLists(): OrderListRecord[] {
    return this.state.engine.lists.map((list) => ({ ...list, orderIds: [...list.orderIds] }));
  }

  get trades(): TradeRecord[] {
    return this.state.engine.trades.map((trade) => ({ ...trade }));
  }

  /** Every order request that reached the engine, including rejected ones and duplicates. */
  get orderRequests(): OrderRequestRecord[] {
    return this.state.orderRequests.map((request) => ({ ...request }));
  }

  /** Requests per "METHOD /path". */
  counters(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { method, path } of this.requestLog) counts[`${method} ${path}`] = (counts[`${method} ${path}`] ?? 0) + 1;
    return counts;
  }

  serverTime(): number {
    return this.state.serverTime();
  }
}
