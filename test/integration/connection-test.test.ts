// "Test connection" for saved exchange profiles against the exchange emulator on 127.0.0.1: keys from the real OS
// keychain (gnome-keyring over D-Bus), a signed fetchBalance, and the outcome — accepted with its round trip, or
// refused — with no key or secret in the reply or the log. Without a keychain, timeouts and unreachable venues are
// classified on real clients too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { createExchange } from '../../electron/engine/exchange/ccxt-factory';
import { testConnection } from '../../electron/engine/exchange/connection-test';
import { keychainStore } from '../../electron/shell/keychain';
import { BinanceEmulator } from '../emulator';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!hasSessionBus) console.warn('No D-Bus session (run through `npm test`, which starts one with gnome-keyring): skipping the keychain-backed connection tests');

const SERVICE = `QuorumConnTest-${process.pid}`;
const BAD_KEY = 'AKBADKEY-0123456789abcdef';
const BAD_SECRET = 'bad-secret-fedcba9876543210';

describe.skipIf(!hasSessionBus)('Test connection with keys from the OS keychain', () => {
  const dir = tempDir();
  const store = keychainStore(undefined, SERVICE);
  const { logger, lines } = captureLogger();
  let emulator: BinanceEmulator;
  let engine: Engine;
  beforeAll(async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 200 });
    engine = Engine.start({ dbPath: join(dir, 'conn.db'), host: 'test', logger, exchangeUrl: emulator.url, credentials: store, deskPollMs: 0 });
    const save = async (account: string, apiKey: string, secret: string) =>
      expect(await engine.dispatcher.dispatch('credentials.set', { account, apiKey, secret })).toEqual({ ok: true, value: { account } });
    await save('binance:good', emulator.apiKey, emulator.apiSecret);
    await save('binance:bad', BAD_KEY, BAD_SECRET);
    await save('binance:badsecret', emulator.apiKey, BAD_SECRET);
  });
  afterAll(async () => {
    engine?.close();
    await emulator?.close();
    for (const account of await store.accounts()) await store.remove(account);
  });

  const test = (account: string) => engine.dispatcher.dispatch('credentials.test', { account });
  const secrets = () => [emulator.apiKey, emulator.apiSecret, BAD_KEY, BAD_SECRET];

  it('reports a good key as accepted, with the signed call\'s latency, after the emulator saw that call', async () => {
    const before = emulator.requestLog.filter((r) => r.path === '/api/v3/account').length;
    const reply = await test('binance:good');
    expect(reply).toMatchObject({ ok: true, value: { account: 'binance:good', ok: true, message: expect.stringMatching(/^binance accepted the keys of binance:good: balance read in \d+ ms$/) } });
    const { latencyMs, failure } = (reply as { value: { latencyMs: number; failure?: string } }).value;
    expect(failure).toBeUndefined();
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(10_000);
    expect(emulator.requestLog.filter((r) => r.path === '/api/v3/account').length).toBe(before + 1);
  });

  it('reports an unknown key and a wrong secret as refused by the exchange (auth)', async () => {
    for (const account of ['binance:bad', 'binance:badsecret']) {
      const reply = await test(account);
      expect(reply, account).toMatchObject({ ok: true, value: { account, ok: false, failure: 'auth', message: expect.stringContaining(`binance refused the keys of ${account}`) } });
    }
  });

  it('says so when a profile has no keys', async () => {
    expect(await test('binance:none')).toMatchObject({ ok: true, value: { ok: false, failure: 'no-keys', message: expect.stringContaining('No API keys for binance:none') } });
  });

  it('never returns or logs a key or a secret', async () => {
    const replies = JSON.stringify(await Promise.all(['binance:good', 'binance:bad', 'binance:badsecret'].map(test)));
    const logged = lines.join('');
    expect(logged).toContain('exchange connection tested');
    for (const secret of secrets()) {
      expect(replies).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
});

describe('connection test outcomes on real clients', () => {
  let emulator: BinanceEmulator;
  beforeAll(async () => { emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 200 }); });
  afterAll(async () => { await emulator?.close(); });
  const keyed = (url: string) => async () => createExchange('binance', { urlOverride: url, apiKey: emulator.apiKey, secret: emulator.apiSecret });

  it('classifies no answer in time as a timeout, within the budget', async () => {
    const fault = emulator.faults.set({ kind: 'timeout', path: '/api/v3/account' });
    const t0 = Date.now();
    const result = await testConnection('binance', keyed(emulator.url), { timeoutMs: 800, clock: Date.now });
    emulator.faults.clear(fault);
    expect(result).toMatchObject({ ok: false, failure: 'timeout', message: 'binance did not answer within 800 ms' });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('classifies a venue nobody listens on as unreachable (network)', async () => {
    const result = await testConnection('binance', keyed('http://127.0.0.1:9'), { timeoutMs: 5_000, clock: Date.now });
    expect(result).toMatchObject({ ok: false, failure: 'network', message: expect.stringMatching(/^binance could not be reached/) });
  });
});
