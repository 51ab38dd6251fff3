// Exchange keys in the real OS keychain (gnome-keyring over D-Bus): stored, listed by account only, never in the DB or logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { keychainStore } from '../../electron/shell/keychain';
import { createPreloadApi } from '../../electron/preload-api';
import { wireIpcMain } from '../../electron/shell/ipc-main';
import { createClient } from '../../renderer/src/api/client';
import { captureLogger } from '../support/engine';
import { createFakeElectronIpc } from '../support/fake-electron-ipc';
import { tempDir } from '../support/temp';

const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!hasSessionBus) console.warn('No D-Bus session (run through `npm test`, which starts one with gnome-keyring): skipping keychain tests');

const SERVICE = `QuorumTest-${process.pid}`;
const KEY = 'AKTESTKEY-7f3a9c2e1b5d';
const SECRET = 'sEcReT-0a1b2c3d4e5f6a7b8c9d';

describe.skipIf(!hasSessionBus)('OS keychain', () => {
  const store = keychainStore(undefined, SERVICE);
  afterAll(async () => {
    for (const account of await store.accounts()) await store.remove(account);
  });

  it('saves, lists, loads and removes credentials by account', async () => {
    await store.save('binance:main', { apiKey: KEY, secret: SECRET });
    expect(await store.accounts()).toEqual(['binance:main']);
    expect(await store.load('binance:main')).toEqual({ apiKey: KEY, secret: SECRET });
    expect(await store.remove('binance:main')).toBe(true);
    expect(await store.load('binance:main')).toBeUndefined();
  });

  it('takes keys from the UI through the contract without ever echoing them, nor writing them to the DB or logs', async () => {
    const dir = tempDir();
    const { logger, lines } = captureLogger();
    const engine = Engine.start({ dbPath: join(dir, 'keys.db'), host: 'test', logger, credentials: store });
    const fake = createFakeElectronIpc();
    wireIpcMain({ ipcMain: fake.ipcMain, dispatcher: engine.dispatcher, events: engine.events, targets: () => [fake.webContents] });
    const client = createClient(createPreloadApi(fake.ipcRenderer));
    const reply = await client.request('credentials.set', { account: 'binance', apiKey: KEY, secret: SECRET });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(await client.request('credentials.list', {})).toEqual([{ account: 'binance' }]);
    engine.log.info({ note: `about to trade with ${KEY} / ${SECRET}` }, `key ${KEY}`);
    engine.close();
    const everything = lines.join('') + readFileSync(join(dir, 'keys.db')).toString('latin1');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(SECRET);
    expect(lines.join('')).toContain('[REDACTED]');
  });
});

describe('keychain without a session bus', () => {
  it('turns keytar failures into one clear error', async () => {
    const broken = keychainStore({
      setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      deletePassword: () => Promise.reject(new Error('x')),
      findCredentials: () => Promise.reject(new Error('x')),
    });
    await expect(broken.load('binance')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/OS keychain is not available/) });
  });
});
