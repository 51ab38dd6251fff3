// Headless mode: the real engine, the built renderer on 127.0.0.1, and the WebSocket bridge between them.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from '../engine/engine';
import { attachBridge, BRIDGE_PATH, isLoopback, type Bridge } from '../engine/ipc/ws-bridge';
import { ConfigError } from '../engine/errors';
import type { Logger } from '../engine/log/logger';
import { keychainStore } from '../shell/keychain';
import { serveStatic } from './static-files';
import { rendererCsp } from '../shell/csp';
import { startKillSwitchWebhook, type KillSwitchWebhook } from '../engine/risk/webhook';

export interface HeadlessOptions {
  dbPath: string;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  logger?: Logger;
  exchangeUrl?: string;
  /** Optional HMAC-signed kill-switch webhook on 127.0.0.1 (POST /kill-switch). */
  webhook?: { port: number; secret: string };
  /** How often the trading desk polls the venue for closed candles (the engine's default when absent). */
  deskPollMs?: number;
}

export interface HeadlessServer {
  engine: Engine;
  url: string;
  origin: string;
  token: string;
  bridge: Bridge;
  webhookUrl?: string;
  close(): Promise<void>;
}

export async function startHeadless(options: HeadlessOptions): Promise<HeadlessServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new ConfigError(`Headless mode only listens on loopback, not ${host}`, 'HOST_NOT_LOOPBACK', { field: 'host', value: host });
  const token = options.token ?? randomBytes(24).toString('base64url');
  const engine = Engine.start({ dbPath: options.dbPath, host: 'headless', logger: options.logger, heartbeatMs: 1000, exchangeUrl: options.exchangeUrl, credentials: keychainStore(),
    deskPollMs: options.deskPollMs });
  // The page may be opened by address or as localhost; Host headers naming anything else are refused (DNS rebinding).
  let hosts: string[] = [];
  const origins = () => hosts.map((h) => `http://${h}`);
  const csp = () => rendererCsp(hosts);
  // Node would answer a missing Host with its own 400; the Host check below refuses it like any other wrong Host.
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => serveStatic(options.rendererDir, csp(), hosts)(req, res));
  const bridge = attachBridge({ server, dispatcher: engine.dispatcher, events: engine.events, token, allowedOrigins: origins, allowedHosts: () => hosts, log: engine.log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  hosts = [authority, `localhost:${port}`];
  const origin = `http://${authority}`;
  const webhook: KillSwitchWebhook | undefined = options.webhook
    ? await startKillSwitchWebhook({ killSwitch: engine.safety.risk.killSwitch, secret: options.webhook.secret, port: options.webhook.port, replays: engine.store.db })
    : undefined;
  return {
    engine,
    origin,
    token,
    bridge,
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    webhookUrl: webhook?.url,
    close: async () => {
      await webhook?.close();
      await bridge.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      engine.close();
    },
  };
}

export { BRIDGE_PATH };
