// Circuit breakers fed by a real session on the exchange emulator: exchange errors, price gaps, stale data and a
// losing streak each trip, raise a critical alert, and stop new entries while exits still go through.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { Engine } from '../../electron/engine/engine';
import { openStore } from '../../electron/engine/store/database';
import { SettingsRepository } from '../../electron/engine/store/settings-repo';
import { BinanceEmulator, type EmuCandle } from '../emulator';
import { hasSharedData } from '../shared-data';
import { filCandles } from '../support/binance-csv';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const dir = tempDir();
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

/** Breaker thresholds are settings read at start: write them to the store before the engine opens it. */
function presetRisk(dbPath: string, risk: Record<string, unknown>): void {
  const { db } = openStore(dbPath);
  new SettingsRepository(db).update({ risk });
  db.close();
}

async function paperDesk(name: string, candles: EmuCandle[], startIndex = 400, risk?: Record<string, unknown>) {
  if (risk) presetRisk(join(dir, name), risk);
  const emulator = await BinanceEmulator.start({ series: { FILUSDT: candles }, interval: '1m', startIndex });
  let lag = 0;
  const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1 + lag;
  const engine = Engine.start({ dbPath: join(dir, name), host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, deskPollMs: 0, now });
  const alerts: Alert[] = [];
  engine.events.subscribe((event, payload) => { if (event === 'alert.raised') alerts.push(payload as Alert); });
  await engine.startDesk({ account: 'binance', symbol: 'FIL/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, mode: 'paper', cash: 10_000, budget: 10_000, windowBars: 200 });
  cleanup = async () => { await engine.stopDesk(); engine.close(); await emulator.close(); };
  const step = async (n = 1) => { for (let i = 0; i < n; i++) { emulator.advance(1); await engine.desk.step(); } };
  const breaker = (name: string) => engine.safety.state().breakers.find((b) => b.name === name);
  return { emulator, engine, alerts, step, breaker, wait: (ms: number) => (lag += ms) };
}

describe.skipIf(!hasSharedData)('circuit breakers on a live session (emulator)', () => {
  it('exchange error rate: repeated 5xx on the candle feed trips it', async () => {
    const r = await paperDesk('errors.db', filCandles(1_000));
    r.emulator.faults.set({ kind: 'serverError', path: '/api/v3/klines', count: 12 });
    // Polls within one minute, as the 5 s poll timer would make them.
    for (let i = 0; i < 12; i++) await r.engine.desk.step();
    expect(r.engine.desk.status().error).toMatch(/503|ExchangeNotAvailable|Service Unavailable/i);
    expect(r.breaker('exchange-errors')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/error/) });
    expect(r.alerts.some((a) => a.level === 'critical' && a.source === 'breaker:exchange-errors')).toBe(true);
    expect(r.engine.safety.state().tradingState).toBe('reducing');
  });

  it('price gap: a 15% gap between close and next open trips it and vetoes entries', async () => {
    const candles = filCandles(1_000);
    for (let i = 450; i < candles.length; i++) for (const k of ['open', 'high', 'low', 'close'] as const) candles[i][k] *= 1.15;
    const r = await paperDesk('gap.db', candles, 440);
    await r.step(9);
    expect(r.breaker('price-gap')?.isTripped).toBe(false);
    await r.step(1);
    expect(r.breaker('price-gap')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/gap/) });
    const vetoed = (from: number) => r.engine.store.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE status = 'rejected' AND last_error LIKE '%price-gap%' AND created_at >= ?").get(from) as { n: number };
    const trippedAt = r.breaker('price-gap')!.trippedAt!;
    await r.step(40);
    expect(vetoed(trippedAt).n).toBeGreaterThan(0);
  });

  it('kill switch stop-entries: the session keeps running and exiting, but every entry is vetoed', async () => {
    const r = await paperDesk('stop-entries.db', filCandles(1_000));
    r.engine.safety.trip('stop-entries', 'test', 'ui');
    await r.step(40);
    expect(r.engine.desk.status().running).toBe(true);
    const orders = r.engine.store.db.prepare("SELECT status, last_error FROM orders WHERE last_error LIKE '%risk veto%'").all() as { last_error: string }[];
    expect(orders.length).toBeGreaterThan(0);
    const filledEntries = r.engine.store.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE status = 'filled' AND side = 'buy'").get() as { n: number };
    expect(filledEntries.n).toBe(0);
  });

  it('stale data: no new closed candle for three bars trips it', async () => {
    const r = await paperDesk('stale.db', filCandles(1_000));
    await r.step(5);
    r.wait(2 * 60_000);
    await r.engine.desk.step();
    expect(r.breaker('stale-data')?.isTripped).toBe(false);
    r.wait(2 * 60_000);
    await r.engine.desk.step();
    expect(r.breaker('stale-data')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/no market data for FIL\/USDT/) });
  });

  it('consecutive losses: a losing streak of real paper trades trips it', async () => {
    const r = await paperDesk('losses.db', filCandles(2_000));
    for (let i = 0; i < 600 && !r.breaker('consecutive-losses')?.isTripped; i++) await r.step(1);
    expect(r.breaker('consecutive-losses')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/4 consecutive losing trades/) });
    expect(r.alerts.some((a) => a.source === 'breaker:consecutive-losses')).toBe(true);
  });

  it('max drawdown and daily loss: thresholds from settings trip on real paper losses', async () => {
    const risk = { breakers: { maxDrawdown: { maxDrawdownPct: 0.3 }, dailyLoss: { maxDailyLossPct: 0.4 }, consecutiveLosses: { enabled: false } } };
    const r = await paperDesk('drawdown.db', filCandles(2_000), 400, risk);
    for (let i = 0; i < 800 && !(r.breaker('max-drawdown')?.isTripped && r.breaker('daily-loss')?.isTripped); i++) await r.step(1);
    expect(r.breaker('max-drawdown')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/drawdown/) });
    expect(r.breaker('daily-loss')).toMatchObject({ isTripped: true, reason: expect.stringMatching(/loss/) });
    expect(r.breaker('consecutive-losses')).toBeUndefined();
    expect(r.engine.safety.state().tradingState).toBe('reducing');
  });
});
