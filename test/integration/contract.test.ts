// The same contract cases over both transports: Electron IPC (through preload + a stand-in ipcMain) and the WebSocket bridge.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Engine } from '../../electron/engine/engine';
import type { Dispatcher } from '../../electron/engine/ipc/dispatcher';
import { EventBus } from '../../electron/engine/ipc/event-bus';
import { attachBridge, type Bridge } from '../../electron/engine/ipc/ws-bridge';
import { latestVersion } from '../../electron/engine/store/migrate';
import { createPreloadApi } from '../../electron/preload-api';
import { wireIpcMain } from '../../electron/shell/ipc-main';
import { createClient, EngineRequestError, type QuorumClient } from '../../renderer/src/api/client';
import { connectWebSocket, type WebSocketLike } from '../../renderer/src/api/ws-transport';
import type { QuorumTransport } from '../../shared/transport';
import { startTestEngine } from '../support/engine';
import { createFakeElectronIpc } from '../support/fake-electron-ipc';
import { tempDir } from '../support/temp';

interface TransportUnderTest {
  engine: Engine;
  transport: QuorumTransport;
  client: QuorumClient;
  close(): Promise<void>;
}

async function electronTransport(dir: string): Promise<TransportUnderTest> {
  const engine = startTestEngine(dir, 'electron.db');
  const fake = createFakeElectronIpc();
  const unwire = wireIpcMain({ ipcMain: fake.ipcMain, dispatcher: engine.dispatcher, events: engine.events, targets: () => [fake.webContents] });
  const transport = createPreloadApi(fake.ipcRenderer);
  return { engine, transport, client: createClient(transport), close: async () => { unwire(); engine.close(); } };
}

const TOKEN = 'test-token-0123456789abcdef';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function wsFactory(origin: string) {
  return (url: string) => new WebSocket(url, { origin }) as unknown as WebSocketLike;
}

async function websocketTransport(dir: string): Promise<TransportUnderTest & { host: string }> {
  const engine = startTestEngine(dir, 'ws.db');
  const server = createServer();
  let origin = '';
  let allowedHost = '';
  const bridge: Bridge = attachBridge({ server, dispatcher: engine.dispatcher, events: engine.events, token: TOKEN, allowedOrigins: () => [origin], allowedHosts: () => [allowedHost] });
  const host = await listen(server);
  origin = `http://${host}`;
  allowedHost = host;
  const transport = connectWebSocket(`ws://${host}/bridge?token=${TOKEN}`, wsFactory(origin));
  await transport.ready;
  return {
    engine, transport, host, client: createClient(transport),
    close: async () => { transport.close(); await bridge.close(); server.close(); engine.close(); },
  };
}

const transports = { electron: electronTransport, websocket: websocketTransport };

describe.each(Object.entries(transports))('contract over %s', (_name, make) => {
  const dir = tempDir();
  let t: TransportUnderTest;
  beforeAll(async () => { t = await make(dir); });
  afterAll(async () => { await t.close(); });

  it('returns the engine status from the real engine', async () => {
    const status = await t.client.request('engine.status', {});
    expect(status.mode).toBe('paper');
    expect(status.liveArmed).toBe(false);
    expect(status.host).toBe('test');
    expect(status.schemaVersion).toBe(latestVersion());
    expect(status.dbPath).toBe(t.engine.store.path);
  });

  it('updates settings and reads them back', async () => {
    const next = await t.client.request('settings.update', { paperCash: 25_000, theme: 'light' });
    expect(next.paperCash).toBe(25_000);
    expect((await t.client.request('settings.get', {})).theme).toBe('light');
  });

  it('answers a payload of the wrong type with a typed error naming the field', async () => {
    const err = await t.client.request('settings.update', { paperCash: 'lots' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineRequestError);
    expect((err as EngineRequestError).code).toBe('INVALID_PAYLOAD');
    expect((err as EngineRequestError).field).toBe('paperCash');
    expect((err as EngineRequestError).message).toMatch(/paperCash/);
  });

  it('refuses to arm live trading through a settings update', async () => {
    const reply = await t.transport.request('settings.update', { liveArmed: true });
    expect(reply.ok).toBe(false);
    expect((await t.client.request('engine.status', {})).liveArmed).toBe(false);
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', [1, 2, 3]],
    ['an object with unknown keys', { nonsense: true }],
  ])('answers a malformed payload (%s) with a typed error, and keeps serving', async (_label, payload) => {
    const reply = await t.transport.request('settings.update', payload);
    if (payload === null) {
      // null is read as "no payload": an empty patch is valid and changes nothing.
      expect(reply.ok).toBe(true);
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect((await t.client.request('engine.status', {})).mode).toBe('paper');
  });

  it('refuses to delete a dataset without an explicit confirmation, naming the field', async () => {
    const reply = await t.transport.request('data.delete', { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'confirm' } });
  });

  it('answers an upload chunk out of order with a data error', async () => {
    const reply = await t.transport.request('data.upload', { uploadId: 'abcdefgh1', name: 'x.csv', seq: 3, data: '', last: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UPLOAD_ORDER', field: 'seq' } });
  });

  it('lists datasets (none in a fresh store)', async () => {
    expect(await t.client.request('data.list', {})).toEqual([]);
  });

  it('answers an unknown channel with a typed error', async () => {
    const reply = await t.transport.request('engine.selfDestruct', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('delivers engine events to subscribers', async () => {
    const received = new Promise((resolve) => t.client.on('alert.raised', resolve));
    t.engine.raiseAlert({ level: 'critical', source: 'test', message: 'breaker tripped' });
    await expect(received).resolves.toMatchObject({ level: 'critical', message: 'breaker tripped' });
    const alerts = await t.client.request('alerts.list', {});
    expect(alerts[0].message).toBe('breaker tripped');
  });

  it('backs the database up into the exports folder (no dialog here), never to a path the client names', async () => {
    const result = await t.client.request('db.backup', {});
    expect(result.saved).toBe(true);
    expect(result.pages).toBeGreaterThan(0);
    expect(dirname(result.path ?? '')).toBe(join(dir, 'exports'));
    expect(existsSync(result.path ?? '')).toBe(true);
    const named = await t.transport.request('db.backup', { path: join(dir, `backup-${_name}.db`) });
    expect(named).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'path' } });
    expect(existsSync(join(dir, `backup-${_name}.db`))).toBe(false);
  });
});

describe('WebSocket bridge connection checks', () => {
  const dir = tempDir();
  let t: Awaited<ReturnType<typeof websocketTransport>>;
  beforeAll(async () => { t = await websocketTransport(dir); });
  afterAll(async () => { await t.close(); });

  function attempt(url: string, origin?: string): Promise<'open' | 'refused'> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      ws.on('open', () => { ws.close(); resolve('open'); });
      ws.on('error', () => resolve('refused'));
    });
  }

  it('accepts the right token from the page origin', async () => {
    expect(await attempt(`ws://${t.host}/bridge?token=${TOKEN}`, `http://${t.host}`)).toBe('open');
  });

  it('refuses a connection without the token or with a wrong one', async () => {
    expect(await attempt(`ws://${t.host}/bridge`, `http://${t.host}`)).toBe('refused');
    expect(await attempt(`ws://${t.host}/bridge?token=${TOKEN}x`, `http://${t.host}`)).toBe('refused');
  });

  it('refuses a connection from another origin or with no origin', async () => {
    expect(await attempt(`ws://${t.host}/bridge?token=${TOKEN}`, 'http://evil.example')).toBe('refused');
    expect(await attempt(`ws://${t.host}/bridge?token=${TOKEN}`)).toBe('refused');
  });

  it('answers a message that is not JSON, or not a request, with a typed error', async () => {
    const ws = new WebSocket(`ws://${t.host}/bridge?token=${TOKEN}`, { origin: `http://${t.host}` });
    await new Promise((resolve) => ws.on('open', resolve));
    const replies: unknown[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'reply') replies.push(msg);
    });
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'request', id: 7, channel: 42 }));
    await expect.poll(() => replies.length).toBe(2);
    expect(replies[0]).toMatchObject({ id: -1, reply: { ok: false, error: { code: 'MALFORMED_MESSAGE' } } });
    expect(replies[1]).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'MALFORMED_MESSAGE' } } });
    ws.close();
    expect((await t.client.request('engine.status', {})).mode).toBe('paper');
  });
});

describe('WebSocket bridge binary frames', () => {
  // A stand-in dispatcher: no contract channel replies with typed arrays yet, and the frames are what is under test.
  const close = new Float64Array([101.5, NaN, -0, Infinity, 99.25]);
  const dispatcher = { dispatch: async () => ({ ok: true, value: { symbol: 'BTC/USDT', close, volume: [1, 2] } }) } as unknown as Dispatcher;
  const events = new EventBus();
  const server = createServer();
  let bridge: Bridge;
  let host = '';
  beforeAll(async () => {
    bridge = attachBridge({ server, dispatcher, events, token: TOKEN, allowedOrigins: () => [`http://${host}`], allowedHosts: () => [host] });
    host = await listen(server);
  });
  afterAll(async () => { await bridge.close(); server.close(); });

  /** A transport over a real loopback socket, noting whether each raw frame was binary. */
  async function connect() {
    const frames: boolean[] = [];
    const transport = connectWebSocket(`ws://${host}/bridge?token=${TOKEN}`, (url) => {
      const raw = new WebSocket(url, { origin: `http://${host}` });
      raw.on('message', (_data, isBinary) => frames.push(isBinary));
      return raw as unknown as WebSocketLike;
    });
    await transport.ready;
    return { transport, frames };
  }

  it('delivers a reply column as a Float64Array with the same values, in a binary frame', async () => {
    const { transport, frames } = await connect();
    const reply = await transport.request('candles.get', {});
    expect(reply.ok).toBe(true);
    const value = (reply as { value: { symbol: string; close: unknown; volume: number[] } }).value;
    expect(value.close).toBeInstanceOf(Float64Array);
    expect(value.close).toStrictEqual(close);
    expect(Object.is((value.close as Float64Array)[2], -0)).toBe(true);
    expect(value).toMatchObject({ symbol: 'BTC/USDT', volume: [1, 2] });
    expect(frames).toEqual([true]);
    transport.close();
  });

  it('sends event payloads with typed arrays as binary frames, and plain ones as text', async () => {
    const { transport, frames } = await connect();
    const received: unknown[] = [];
    transport.subscribe('alert.raised', (payload) => received.push(payload));
    const equity = new Float32Array([1, 2.5]);
    events.emit('alert.raised', { equity } as never);
    events.emit('alert.raised', { level: 'info', message: 'plain' } as never);
    await expect.poll(() => received.length).toBe(2);
    expect((received[0] as { equity: unknown }).equity).toStrictEqual(equity);
    expect(received[1]).toEqual({ level: 'info', message: 'plain' });
    expect(frames).toEqual([true, false]);
    transport.close();
  });
});

describe('Electron IPC sender checks', () => {
  it('refuses requests from a page that is not the app', async () => {
    const dir = tempDir();
    const engine = startTestEngine(dir);
    const fake = createFakeElectronIpc('https://attacker.example/');
    const unwire = wireIpcMain({ ipcMain: fake.ipcMain, dispatcher: engine.dispatcher, events: engine.events, targets: () => [], isTrustedUrl: (u) => u.startsWith('file:') });
    const reply = await createPreloadApi(fake.ipcRenderer).request('engine.status', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    unwire();
    engine.close();
  });

  it('exposes only request and subscribe, frozen', () => {
    const api = createPreloadApi(createFakeElectronIpc().ipcRenderer);
    expect(Object.keys(api).sort()).toEqual(['request', 'subscribe']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => api.subscribe('not.an.event', () => undefined)).toThrow(/Unknown event/);
  });
});
