// A trader's machine for account tests: the Binance emulator with FIL/USDT history, one SQLite file, and an engine
// that can be closed and started again on it (a restart), with keys and live arming kept like the keychain would.
import { join } from 'node:path';
import type { Alert } from '../../shared/domain';
import type { SessionRequest } from '../../electron/engine/accounts/session-request';
import { Engine } from '../../electron/engine/engine';
import { openStore } from '../../electron/engine/store/database';
import { SettingsRepository } from '../../electron/engine/store/settings-repo';
import { BinanceEmulator, TEST_API_KEY, TEST_API_SECRET, type EmuCandle } from '../emulator';
import { filCandles } from './binance-csv';
import { captureLogger } from './engine';
import { memoryCredentials } from './memory-credentials';

export interface RigOptions {
  candles?: EmuCandle[];
  startIndex?: number;
  balances?: Record<string, number>;
  /** Settings written before the first engine opens the file (risk thresholds are read when an account opens). */
  risk?: Record<string, unknown>;
}

export type Rig = Awaited<ReturnType<typeof tradingRig>>;

export const FIL_SESSION = { account: 'binance', symbol: 'FIL/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, windowBars: 300 } as const;

export async function tradingRig(dir: string, name: string, options: RigOptions = {}) {
  const dbPath = join(dir, name);
  if (options.risk) {
    const { db } = openStore(dbPath);
    new SettingsRepository(db).update({ risk: options.risk });
    db.close();
  }
  const emulator = await BinanceEmulator.start({
    series: { FILUSDT: options.candles ?? filCandles(3_000) }, interval: '1m', startIndex: options.startIndex ?? 600,
    balances: options.balances ?? { USDT: 10_000, FIL: 5_000 },
  });
  const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1;
  const credentials = memoryCredentials();
  await credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
  const alerts: Alert[] = [];
  let engine: Engine | undefined;

  /** Starts the engine on the rig's file and waits until start-up (accounts, kill switch, resumed sessions) is done. */
  async function open(): Promise<Engine> {
    const e = Engine.start({ dbPath, host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, credentials, deskPollMs: 0, killSwitchPollMs: 0, now });
    e.events.subscribe((event, payload) => { if (event === 'alert.raised') alerts.push(payload as Alert); });
    engine = e;
    await e.ready;
    return e;
  }

  function current(): Engine {
    if (!engine) throw new Error('engine not open');
    return engine;
  }

  const rig = {
    emulator, alerts, dbPath, credentials, open, engine: current,
    /** Closes the engine as a quit would (sessions marked resume-on-start stay so). */
    close(): void {
      engine?.close();
      engine = undefined;
    },
    async restart(): Promise<Engine> {
      rig.close();
      return open();
    },
    async armLive(): Promise<void> {
      await current().arming.arm('binance', 'ARM LIVE');
    },
    start(request: Partial<SessionRequest> & { mode: 'paper' | 'live' }) {
      return current().startDesk({ ...FIL_SESSION, ...request } as SessionRequest);
    },
    /** Publishes `n` more candles, stepping the desk after each. */
    async bars(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        emulator.advance(1);
        await current().desk.step();
      }
    },
    /** Steps until `done` holds (at most `max` bars); returns how many bars it took. */
    async barsUntil(done: () => boolean, max = 400): Promise<number> {
      for (let i = 0; i < max; i++) {
        if (done()) return i;
        await rig.bars(1);
      }
      throw new Error(`condition not reached in ${max} bars`);
    },
    /** Orders resting on the emulator for FIL/USDT. */
    openOnExchange() {
      return emulator.orders.filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED');
    },
    async dispose(): Promise<void> {
      rig.close();
      await emulator.close();
    },
  };
  return rig;
}
