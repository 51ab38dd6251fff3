// Shared set-up for execution tests: an emulator, a real ccxt binance pointed at it, a journal in a temp SQLite file.
import { join } from 'node:path';
import type { Exchange } from 'ccxt';
import { createExchange } from '../../../electron/engine/exchange/ccxt-factory';
import { OrderJournal } from '../../../electron/engine/execution/journal';
import { LiveBroker, type LiveBrokerOptions } from '../../../electron/engine/execution/live';
import type { OrderIntent } from '../../../electron/engine/model/order';
import { AlertsRepository } from '../../../electron/engine/store/alerts-repo';
import { openStore, type Database } from '../../../electron/engine/store/database';
import { BinanceEmulator, type EmuCandle, type EmulatorOptions } from '../../emulator';
import { tempDir } from '../../support/temp';

export interface ExchangeSettings {
  /** ccxt's own request timeout (ms); fault tests keep it short. */
  timeoutMs?: number;
  /** Sent with every signed request; the emulator rejects requests older than this, which bounds settle waits. */
  recvWindow?: number;
}

export function emulatorExchange(emulator: BinanceEmulator, settings: ExchangeSettings = {}): Exchange {
  return createExchange('binance', {
    apiKey: emulator.apiKey, secret: emulator.apiSecret, urlOverride: emulator.url, enableRateLimit: false,
    timeoutMs: settings.timeoutMs ?? 2_000,
    options: { recvWindow: settings.recvWindow ?? 1_000, fetchMarkets: { types: ['spot'] } },
  });
}

export interface Store {
  db: Database;
  journal: OrderJournal;
  alerts: AlertsRepository;
  path: string;
}

export function openJournal(path: string): Store {
  const { db } = openStore(path);
  return { db, journal: new OrderJournal(db, { account: 'live:binance' }), alerts: new AlertsRepository(db), path };
}

export interface LiveRig extends Store {
  emulator: BinanceEmulator;
  exchange: Exchange;
  broker: LiveBroker;
  /** A second broker on the same emulator and database, as after a restart. */
  restart(extra?: Partial<LiveBrokerOptions>): { broker: LiveBroker; exchange: Exchange } & Store;
  close(): Promise<void>;
}

const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200, rateLimitDelayMs: 50 };

export function brokerOn(emulator: BinanceEmulator, store: Store, extra: Partial<LiveBrokerOptions> = {}, settings: ExchangeSettings = {}): LiveBroker {
  return new LiveBroker({
    exchange: emulatorExchange(emulator, settings), journal: store.journal, alerts: store.alerts, symbols: ['BTC/USDT'],
    timeouts: { order: 3_000, ticker: 3_000 }, retry: FAST_RETRY, ...extra,
  });
}

export async function liveRig(options: EmulatorOptions = {}, settings: ExchangeSettings = {}, extra: Partial<LiveBrokerOptions> = {}): Promise<LiveRig> {
  const emulator = await BinanceEmulator.start(options);
  const dir = tempDir('quorum-exec-');
  const path = join(dir, 'journal.db');
  const store = openJournal(path);
  const broker = brokerOn(emulator, store, extra, settings);
  const stores: Store[] = [store];
  return {
    ...store, emulator, broker, exchange: (broker as unknown as { ctx: { exchange: Exchange } }).ctx.exchange,
    restart(more = {}) {
      const next = openJournal(path);
      stores.push(next);
      const b = brokerOn(emulator, next, { ...extra, ...more }, settings);
      return { ...next, broker: b, exchange: (b as unknown as { ctx: { exchange: Exchange } }).ctx.exchange };
    },
    async close() {
      for (const s of stores) if (s.db.open) s.db.close();
      await emulator.close();
    },
  };
}

/** A flat series at `price`; `dips` puts a candle with the given low at that index (to fill resting buys). */
export function series(count: number, price: number, dips: Record<number, number> = {}, startTime = Date.UTC(2024, 0, 1)): EmuCandle[] {
  return Array.from({ length: count }, (_, i) => {
    const low = dips[i] ?? price;
    return { time: startTime + i * 60_000, open: price, high: price, low, close: price, volume: 10 };
  });
}

let seq = 0;

/** An intent with a loop-style client id (':' and '/' make it get hashed on the wire). */
export function intent(partial: Partial<OrderIntent> & Pick<OrderIntent, 'side' | 'type' | 'amount'>): OrderIntent {
  seq += 1;
  return { clientOrderId: `run7:BTC/USDT:1700000000000:${seq}`, symbol: 'BTC/USDT', decisionTime: 1_700_000_000_000, ...partial };
}

/** Accepted emulator orders with this wire id (more than one would be a doubled order). */
export function acceptedWith(emulator: BinanceEmulator, wireId: string): number {
  return emulator.orders.filter((o) => o.clientOrderId === wireId).length;
}

export function postsWith(emulator: BinanceEmulator, wireId: string): number {
  return emulator.orderRequests.filter((r) => r.clientOrderId === wireId).length;
}
