// SIGNED request checks: API key, HMAC signature and timestamp window, as ccxt error classes and as raw Binance codes.
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { signedFetch, startRig, type Rig } from './helpers';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => rig.emulator.close());

describe('signature and key', () => {
  test('a wrong secret is AuthenticationError (-1022)', async () => {
    const client = rig.clientWith({ secret: 'not-the-secret' });
    const error = await client.fetchBalance().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('-1022');
  });

  test('an unknown API key is AuthenticationError (-2015, HTTP 401)', async () => {
    const client = rig.clientWith({ apiKey: 'someone-else' });
    const error = await client.fetchBalance().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('-2015');
    expect(rig.emulator.requestLog.at(-1)?.outcome).toBe(401);
  });

  test('a missing API key header is -2014', async () => {
    const reply = await signedFetch(rig.emulator, 'GET', '/api/v3/account', {}, { apiKey: null });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe(-2014);
  });

  test('a signed POST body is verified (orders go through)', async () => {
    await rig.client.loadMarkets();
    const order = await rig.client.createOrder('ETH/USDT', 'market', 'buy', 0.01);
    expect(order.status).toBe('closed');
  });

  test('public endpoints need no credentials', async () => {
    const anonymous = rig.clientWith({ apiKey: undefined, secret: undefined });
    await expect(anonymous.fetchTicker('BTC/USDT')).resolves.toMatchObject({ symbol: 'BTC/USDT' });
  });
});

describe('timestamp window', () => {
  test('a stale timestamp is -1021 outside the recvWindow', async () => {
    const reply = await signedFetch(rig.emulator, 'GET', '/api/v3/account', {}, { timestamp: Date.now() - 60_000 });
    expect(reply.body).toEqual({ code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' });
  });

  test('a timestamp more than 1 s ahead of the server is -1021', async () => {
    const reply = await signedFetch(rig.emulator, 'GET', '/api/v3/account', {}, { timestamp: Date.now() + 5_000 });
    expect(reply.body.code).toBe(-1021);
    expect(reply.body.msg).toContain('ahead');
  });

  test('clock skew fails signed calls as InvalidNonce until the client syncs via /api/v3/time', async () => {
    rig.emulator.faults.set({ kind: 'clockSkew', ms: 60_000 });
    await expect(rig.client.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    await rig.client.loadTimeDifference();
    await expect(rig.client.fetchBalance()).resolves.toBeDefined();
  });

  test('a client with adjustForTimeDifference syncs on loadMarkets', async () => {
    rig.emulator.faults.set({ kind: 'clockSkew', ms: -45_000 });
    const client = rig.clientWith({ options: { adjustForTimeDifference: true } });
    await client.loadMarkets();
    expect(rig.emulator.counters()['GET /api/v3/time']).toBe(1);
    await expect(client.fetchBalance()).resolves.toBeDefined();
    expect(Math.abs(client.nonce() - rig.emulator.serverTime())).toBeLessThan(1_000);
  });
});
