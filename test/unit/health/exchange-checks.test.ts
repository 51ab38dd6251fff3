// The exchange checks through a real ccxt client against a small local stand-in for Binance's time and
// key-permission endpoints (the exchange emulator has no /sapi/v1/account/apiRestrictions): withdrawals enabled is a
// warning, a refused key is bad, no answer is 'unknown' (never a guess), and every call has its time limit.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchange } from '../../../electron/engine/exchange/ccxt-factory';
import { checkApiPermissions, checkExchange } from '../../../electron/engine/health';

type Mode = { kind: 'json'; status: number; body: unknown } | { kind: 'hang' };

let server: Server;
let url: string;
let restrictions: Mode = { kind: 'json', status: 200, body: {} };
let time: Mode = { kind: 'json', status: 200, body: {} };
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(`${req.method} ${path} ${req.headers['x-mbx-apikey'] ?? ''}`);
    const mode = path === '/sapi/v1/account/apiRestrictions' ? restrictions : path === '/api/v3/time' ? time : { kind: 'json' as const, status: 404, body: { code: -1, msg: 'no route' } };
    if (mode.kind === 'hang') return;
    res.writeHead(mode.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(mode.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const binance = (keys = true) => async () => createExchange('binance', { urlOverride: url, ...(keys ? { apiKey: 'health-test-key-0001', secret: 'health-test-secret-0001' } : {}) });
const RESTRICTIONS = { ipRestrict: false, createTime: 1, enableReading: true, enableSpotAndMarginTrading: true, enableWithdrawals: false, enableInternalTransfer: false };

describe('API key permissions', () => {
  it('is ok when the key cannot withdraw, and warns when it can', async () => {
    restrictions = { kind: 'json', status: 200, body: RESTRICTIONS };
    const ok = await checkApiPermissions('binance', binance(), { timeoutMs: 2_000 });
    expect(ok).toMatchObject({ name: 'api-keys:binance', status: 'ok', measured: { withdrawals: false, trading: true, ipRestricted: false } });
    expect(seen.some((s) => s.startsWith('GET /sapi/v1/account/apiRestrictions health-test-key-0001'))).toBe(true);
    restrictions = { kind: 'json', status: 200, body: { ...RESTRICTIONS, enableWithdrawals: true } };
    expect(await checkApiPermissions('binance:main', binance(), { timeoutMs: 2_000 })).toMatchObject({
      name: 'api-keys:binance:main', status: 'warn', measured: { withdrawals: true }, detail: expect.stringMatching(/WITHDRAWALS ARE ENABLED/),
    });
    restrictions = { kind: 'json', status: 200, body: { ...RESTRICTIONS, enableSpotAndMarginTrading: false } };
    expect(await checkApiPermissions('binance', binance(), { timeoutMs: 2_000 })).toMatchObject({ status: 'warn', detail: expect.stringMatching(/spot trading is not enabled/) });
  });

  it('is bad when the exchange refuses the key', async () => {
    restrictions = { kind: 'json', status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } };
    expect(await checkApiPermissions('binance', binance(), { timeoutMs: 2_000 })).toMatchObject({ status: 'bad', detail: expect.stringMatching(/refused the API key/) });
  });

  it("says 'unknown' when there is no answer, no flag, or no such query on the venue", async () => {
    restrictions = { kind: 'json', status: 200, body: { enableReading: true } };
    expect(await checkApiPermissions('binance', binance(), { timeoutMs: 2_000 })).toMatchObject({ status: 'ok', measured: { withdrawals: 'unknown' } });
    restrictions = { kind: 'hang' };
    const started = Date.now();
    expect(await checkApiPermissions('binance', binance(), { timeoutMs: 300 })).toMatchObject({ status: 'ok', detail: expect.stringMatching(/unknown: binance did not answer/) });
    expect(Date.now() - started).toBeLessThan(2_000);
    const kraken = async () => createExchange('kraken', { urlOverride: url, apiKey: 'kraken-key-0001', secret: 'a3Jha2VuLXNlY3JldA==' });
    expect(await checkApiPermissions('kraken', kraken, { timeoutMs: 300 })).toMatchObject({ status: 'ok', detail: expect.stringMatching(/no key-permission query for kraken/) });
    expect(await checkApiPermissions('binance', async () => { throw new Error('No API keys for binance in the OS keychain'); }, { timeoutMs: 300 }))
      .toMatchObject({ status: 'bad', detail: expect.stringMatching(/cannot load the API keys/) });
  });
});

describe('exchange reachability', () => {
  const o = { timeoutMs: 300, thresholds: { clockWarnMs: 1_000, clockBadMs: 5_000 }, clock: Date.now };

  it('measures skew from the server time, and is bad when the exchange does not answer in time', async () => {
    time = { kind: 'json', status: 200, body: { serverTime: Date.now() - 10_000 } };
    expect(await checkExchange('binance', binance(false), { ...o, timeoutMs: 5_000 })).toMatchObject({ name: 'exchange:binance', status: 'bad', measured: { reachable: true } });
    time = { kind: 'hang' };
    const started = Date.now();
    expect(await checkExchange('binance', binance(false), o)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/unreachable: no answer within 300 ms/), measured: { reachable: false } });
    expect(Date.now() - started).toBeLessThan(2_000);
    time = { kind: 'json', status: 503, body: { msg: 'down' } };
    expect(await checkExchange('binance', binance(false), o)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/unreachable/) });
    expect(await checkExchange('nosuchvenue', async () => createExchange('nosuchvenue'), o)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/Unknown exchange: nosuchvenue/) });
  });
});
