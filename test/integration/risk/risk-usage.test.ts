// risk.state through the composition root with a paper session on the exchange emulator: every limit's current use
// per account (measured as the check measures it), breakers with their measure against the threshold, and a changed
// limit showing at once.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskStateView } from '../../../shared/risk-contract';
import { Engine } from '../../../electron/engine/engine';
import { BinanceEmulator } from '../../emulator';
import { hasSharedData } from '../../shared-data';
import { filCandles } from '../../support/binance-csv';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

const dir = tempDir();
/** The paper account on the binance profile, as the desk names it. */
const ACCOUNT = 'paper:binance';
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

async function riskState(engine: Engine): Promise<RiskStateView> {
  const reply = await engine.dispatcher.dispatch('risk.state', {});
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as RiskStateView;
}

describe.skipIf(!hasSharedData)('risk.state: limit use per account', () => {
  it('reports open orders, position, strategy, gross and leverage use, and breaker measures, for the paper account', async () => {
    const emulator = await BinanceEmulator.start({ series: { FILUSDT: filCandles(2_000) }, interval: '1m', startIndex: 600 });
    const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1;
    const engine = Engine.start({ dbPath: join(dir, 'usage.db'), host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, deskPollMs: 0, now });
    cleanup = async () => { await engine.stopDesk(); engine.close(); await emulator.close(); };
    // Before any account opens there is nothing to measure.
    expect((await riskState(engine)).usage).toEqual([]);

    await engine.startDesk({ account: 'binance', symbol: 'FIL/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, mode: 'paper', cash: 10_000, sizing: 'fraction:0.3', windowBars: 300 });
    for (let i = 0; i < 200 && !engine.desk.status().position; i++) { emulator.advance(1); await engine.desk.step(); }
    const position = engine.desk.status().position;
    expect(position?.size).toBeGreaterThan(0);

    const state = await riskState(engine);
    const account = state.usage?.find((u) => u.account === ACCOUNT);
    expect(account).toMatchObject({ currency: 'USDT', equity: expect.any(Number) });
    const row = (label: string) => account?.limits.find((l) => l.label === label);
    const mark = engine.desk.account(ACCOUNT)?.marks.get('FIL/USDT') ?? Number.NaN;
    const notional = Math.abs(position?.size ?? 0) * mark;
    expect(notional).toBeGreaterThan(100);
    const equity = account?.equity ?? Number.NaN;
    // Limits are the defaults: position 100,000 or 100% of equity, whichever is tighter; 20 open orders; 1x leverage.
    expect(row('Open orders')).toEqual({ limit: 'maxOpenOrders', label: 'Open orders', used: 0, max: 20, unit: 'orders' });
    expect(row('Position FIL/USDT')).toMatchObject({ limit: 'position', unit: 'quote', max: Math.min(100_000, equity) });
    expect(row('Position FIL/USDT')?.used).toBeCloseTo(notional, 6);
    expect(row('Strategy sma-cross')?.used).toBeCloseTo(notional, 6);
    expect(row('Portfolio gross')?.used).toBeCloseTo(notional, 6);
    expect(row('Leverage')).toMatchObject({ limit: 'maxLeverage', max: 1, unit: 'x' });
    expect(row('Leverage')?.used).toBeCloseTo(notional / equity, 9);

    // Breakers of the account carry their measure: the loss streak always, drawdown once equity was read.
    const breaker = (name: string) => state.breakers.find((b) => b.name === name && b.account === ACCOUNT);
    expect(breaker('consecutive-losses')?.use).toMatchObject({ max: 4, unit: 'trades' });
    expect(breaker('max-drawdown')?.use).toMatchObject({ max: 20, unit: 'pct' });
    expect(breaker('max-drawdown')?.use?.used).toBeGreaterThanOrEqual(0);

    // A tighter limit from Settings is what the next state measures against.
    await engine.dispatcher.dispatch('settings.update', { risk: { limits: { position: { maxNotional: 1_234 }, maxOpenOrders: 3 } } });
    const after = (await riskState(engine)).usage?.find((u) => u.account === ACCOUNT);
    expect(after?.limits.find((l) => l.label === 'Position FIL/USDT')?.max).toBe(1_234);
    expect(after?.limits.find((l) => l.limit === 'maxOpenOrders')?.max).toBe(3);
  });
});
