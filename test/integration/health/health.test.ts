// Health checks through a real engine (Engine.start, SQLite file, the Binance emulator): all ok; a skewed exchange
// clock warns, then is bad; a closed exchange is bad and alerted once, then recovers with an info alert; a free-disk
// threshold above the disk's size warns; a missing model is bad by name; the periodic run raises the alert by itself;
// a paper session's equity gives its live performance, and that history survives a restart on the same database.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain';
import { Engine, type EngineOptions } from '../../../electron/engine/engine';
import type { HealthReport } from '../../../electron/engine/health';
import { BinanceEmulator, TEST_API_KEY, TEST_API_SECRET } from '../../emulator';
import { quorum } from '../../support/cli';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-health-');
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function rig(name: string, extra: Partial<EngineOptions> = {}) {
  let emulator = await BinanceEmulator.start({});
  const credentials = memoryCredentials();
  const engine = Engine.start({
    dbPath: join(dir, name), host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, credentials,
    deskPollMs: 0, killSwitchPollMs: 0, healthCheckMs: 0, ...extra,
  });
  await engine.ready;
  cleanup = async () => {
    await engine.stopDesk().catch(() => undefined);
    engine.close();
    await emulator.close();
  };
  const healthAlerts = (check?: string): Alert[] =>
    engine.alerts.list(100).filter((a) => a.source.startsWith('health:') && (check === undefined || a.source === `health:${check}`)).reverse();
  return {
    engine, credentials, healthAlerts,
    get emulator() { return emulator; },
    /** Closes the exchange, or brings it back on the same port. */
    async stopExchange() { await emulator.close(); },
    async restartExchange() { emulator = await BinanceEmulator.start({ port: Number(new URL(emulator.url).port) }); },
  };
}

function check(report: HealthReport, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check ${name} in ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
}

describe('health checks in the engine', () => {
  it('are all ok on a healthy setup, key permissions unknown where the exchange has no answer', async () => {
    const r = await rig('ok.db');
    await r.credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
    const report = await r.engine.health.run();
    expect(report.checks.map((c) => c.name)).toEqual(['database', 'disk', 'logs', 'model', 'kill-switch', 'breakers', 'exchange:binance', 'api-keys:binance']);
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.status).toBe('ok');
    expect(check(report, 'exchange:binance').measured).toMatchObject({ reachable: true });
    // The emulator has no GET /sapi/v1/account/apiRestrictions: 'unknown', not a guess.
    expect(check(report, 'api-keys:binance')).toMatchObject({ measured: { withdrawals: 'unknown' }, detail: expect.stringMatching(/^key permissions unknown/) });
    expect(r.emulator.counters()['GET /api/v3/time']).toBeGreaterThanOrEqual(1);
    expect(r.engine.health.last()).toBe(report);
    expect(r.healthAlerts()).toEqual([]);
    // The keys' rights are asked again only every 15 minutes; the result stays in each report meanwhile.
    const again = await r.engine.health.run();
    expect(check(again, 'api-keys:binance').measured).toMatchObject({ withdrawals: 'unknown' });
    expect(r.emulator.counters()['GET /sapi/v1/account/apiRestrictions']).toBe(1);
    expect(r.emulator.counters()['GET /api/v3/time']).toBeGreaterThanOrEqual(2);
  });

  it("warns when the exchange's clock is 2.5 s off ours, and is bad at 8 s", async () => {
    const r = await rig('skew.db');
    const skew = r.emulator.faults.set({ kind: 'clockSkew', ms: 2_500 });
    const warn = check(await r.engine.health.run(), 'exchange:binance');
    expect(warn).toMatchObject({ status: 'warn', detail: expect.stringMatching(/our clock is 2\.\d s behind binance's \(warn > 1\.0 s, bad > 5\.0 s\)/) });
    expect(warn.measured?.skewMs).toBeLessThan(-2_000);
    r.emulator.faults.clear(skew);
    r.emulator.faults.set({ kind: 'clockSkew', ms: 8_000 });
    expect(check(await r.engine.health.run(), 'exchange:binance')).toMatchObject({ status: 'bad' });
    expect(r.healthAlerts('exchange:binance').map((a) => a.level)).toEqual(['warning', 'critical']);
  });

  it('is bad when the exchange is down, alerts once while it stays down, and again (info) when it is back', async () => {
    const r = await rig('down.db');
    expect(check(await r.engine.health.run(), 'exchange:binance').status).toBe('ok');
    await r.stopExchange();
    const down = await r.engine.health.run();
    expect(down.status).toBe('bad');
    expect(check(down, 'exchange:binance')).toMatchObject({ status: 'bad', detail: expect.stringMatching(/^binance unreachable: .*ECONNREFUSED/), measured: { reachable: false } });
    await r.engine.health.run();
    await r.engine.health.run();
    expect(r.healthAlerts()).toMatchObject([{ level: 'critical', source: 'health:exchange:binance', message: expect.stringMatching(/^Health: exchange:binance is BAD — binance unreachable/) }]);
    await r.restartExchange();
    expect(check(await r.engine.health.run(), 'exchange:binance').status).toBe('ok');
    expect(r.healthAlerts().map((a) => [a.level, a.message.slice(0, 40)])).toEqual([
      ['critical', 'Health: exchange:binance is BAD — binanc'],
      ['info', 'Health: exchange:binance recovered — bin'],
    ]);
  });

  it('warns when free disk is under the threshold given as an option', async () => {
    const r = await rig('disk.db', { healthThresholds: { diskWarnBytes: Number.MAX_SAFE_INTEGER } });
    const report = await r.engine.health.run();
    expect(check(report, 'disk')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/free on the data folder's disk \(warn < .*downloads and backups may not fit/) });
    expect(report.status).toBe('warn');
    expect(r.healthAlerts()).toMatchObject([{ level: 'warning', source: 'health:disk' }]);
  });

  it('is bad naming a selected model that does not exist, and recovers when one that resolves is selected', async () => {
    const r = await rig('model.db');
    r.engine.updateSettings({ panel: { predictor: { model: 'no-such-model' } } });
    const model = check(await r.engine.health.run(), 'model');
    expect(model).toMatchObject({ status: 'bad', measured: { model: 'no-such-model' } });
    expect(model.detail).toMatch(/^the selected model no-such-model cannot be used: No model named no-such-model/);
    r.engine.updateSettings({ panel: { predictor: { model: 'btc-usdt-5m-gbdt' } } });
    expect(check(await r.engine.health.run(), 'model')).toMatchObject({ status: 'ok', measured: { origin: 'shipped' } });
    expect(r.healthAlerts('model').map((a) => a.level)).toEqual(['critical', 'info']);
    expect(r.healthAlerts('model')[0].message).toContain('no-such-model');
  });

  it('runs by itself every healthCheckMs and raises the alert when a check turns bad', async () => {
    const r = await rig('periodic.db', { healthCheckMs: 100 });
    r.engine.updateSettings({ panel: { predictor: { model: 'gone-model' } } });
    await expect.poll(() => r.healthAlerts('model').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => r.engine.health.last()?.time, { timeout: 10_000 }).toBeDefined();
    // Still bad on later runs: no second alert.
    const first = r.engine.health.last();
    await expect.poll(() => r.engine.health.last() !== first, { timeout: 10_000 }).toBe(true);
    expect(r.healthAlerts('model')).toHaveLength(1);
  });

  it("shows a kill switch latched by the trader without alerting it again (the switch alerts on its own)", async () => {
    const r = await rig('kill.db');
    r.engine.safety.trip('halt', 'test halt', 'ui');
    const report = await r.engine.health.run();
    expect(check(report, 'kill-switch')).toMatchObject({ status: 'bad', detail: expect.stringMatching(/latched: halt by ui/) });
    expect(r.healthAlerts()).toEqual([]);
    expect(r.engine.alerts.list(5).some((a) => a.source === 'kill-switch' && a.level === 'critical')).toBe(true);
  });

  it("gives a paper account's live Sharpe ratio and drawdown from the equity it had at every bar", async () => {
    const emulatorClock = { now: () => Date.now() };
    const r = await rig('performance.db', { now: () => emulatorClock.now() });
    emulatorClock.now = () => r.emulator.currentCandle('BTC/USDT').time + 60_000 + 1;
    await r.engine.startDesk({ account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, windowBars: 200, mode: 'paper', cash: 10_000 });
    for (let i = 0; i < 40; i++) {
      r.emulator.advance(1);
      await r.engine.desk.step();
    }
    const report = await r.engine.health.run();
    const perf = check(report, 'performance:paper:binance');
    expect(perf.status).toBe('ok');
    expect(perf.measured?.samples).toBeGreaterThanOrEqual(40);
    expect(perf.measured?.equity).toBeGreaterThan(0);
    expect(perf.measured?.maxDrawdownPct).toBeGreaterThanOrEqual(0);
    expect(perf.detail).toMatch(/Sharpe (-?\d|n\/a \(flat equity\)).*drawdown now .*breaker at 20%/);
  });

  it("keeps an account's equity history across a restart: the live figures carry on, and `quorum health` reads them", async () => {
    const emulatorClock = { now: () => Date.now() };
    const dbPath = join(dir, 'restart.db');
    const session = { account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, windowBars: 200, mode: 'paper', cash: 10_000 } as const;
    const emulator = await BinanceEmulator.start({});
    const open = () => Engine.start({
      dbPath, host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, credentials: memoryCredentials(),
      deskPollMs: 0, killSwitchPollMs: 0, healthCheckMs: 0, now: () => emulatorClock.now(),
    });
    emulatorClock.now = () => emulator.currentCandle('BTC/USDT').time + 60_000 + 1;
    let engine = open();
    cleanup = async () => {
      await engine.stopDesk().catch(() => undefined);
      engine.close();
      await emulator.close();
    };
    await engine.ready;
    await engine.startDesk(session);
    for (let i = 0; i < 30; i++) {
      emulator.advance(1);
      await engine.desk.step();
    }
    const before = engine.health.equity.get('paper:binance');
    expect(before?.time.length).toBeGreaterThanOrEqual(30);
    await engine.stopDesk();
    engine.close();

    // What a trader away from the app sees: the history as recorded, from the database alone.
    const cli = await quorum('health', '--db', dbPath, '--json', '--exchange-url', emulator.url);
    const stored = (JSON.parse(cli.out) as HealthReport).checks.find((c) => c.name === 'performance:paper:binance');
    expect(stored?.measured).toMatchObject({ samples: before!.time.length, since: before!.time[0] });

    engine = open();
    await engine.ready;
    expect(engine.health.equity.get('paper:binance')).toEqual(before);
    await engine.startDesk(session);
    for (let i = 0; i < 5; i++) {
      emulator.advance(1);
      await engine.desk.step();
    }
    const perf = check(await engine.health.run(), 'performance:paper:binance');
    expect(perf.measured?.samples).toBeGreaterThanOrEqual(before!.time.length + 5);
    expect(perf.measured?.since).toBe(before!.time[0]);
  });
});
