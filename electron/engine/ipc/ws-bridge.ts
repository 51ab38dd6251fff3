// The loopback WebSocket transport for the contract: token and origin checked on connect, every message validated.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BridgeClientMessageSchema, describeIssues, type BridgeServerMessage, type Reply } from '../../../shared/contract';
import type { Logger } from '../log/logger';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export const BRIDGE_PATH = '/bridge';
const MAX_MESSAGE_BYTES = 1 << 20;

export interface BridgeOptions {
  server: Server;
  dispatcher: Dispatcher;
  events: EventBus;
  token: string;
  /** Origins allowed to connect, e.g. the headless page's own http://127.0.0.1:PORT. */
  allowedOrigins: () => readonly string[];
  log?: Logger;
}

export interface Bridge {
  clientCount(): number;
  close(): Promise<void>;
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a connection attempt is refused, or undefined when it may proceed. */
export function refusal(req: IncomingMessage, options: Pick<BridgeOptions, 'token' | 'allowedOrigins'>): string | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== BRIDGE_PATH) return 'unknown path';
  if (!isLoopback(req.socket.remoteAddress)) return 'not a loopback client';
  const origin = req.headers.origin;
  if (!origin || !options.allowedOrigins().includes(origin)) return `origin not allowed: ${origin ?? '(none)'}`;
  if (!tokenMatches(options.token, url.searchParams.get('token'))) return 'bad token';
  return undefined;
}

export function attachBridge(options: BridgeOptions): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const why = refusal(req, options);
    if (why) {
      options.log?.warn({ why, remote: req.socket.remoteAddress }, 'bridge connection refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options));
  };
  options.server.on('upgrade', onUpgrade);
  return {
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        options.server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

function serveClient(ws: WebSocket, options: BridgeOptions): void {
  const send = (message: BridgeServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = options.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', (err) => options.log?.warn({ err: err.message }, 'bridge client error'));
  ws.on('message', (data, isBinary) => {
    void handleMessage(isBinary ? null : data.toString(), options.dispatcher).then(([id, reply]) => send({ type: 'reply', id, reply }));
  });
}

async function handleMessage(text: string | null, dispatcher: Dispatcher): Promise<[number, Reply]> {
  let raw: unknown;
  try {
    raw = text === null ? undefined : JSON.parse(text);
  } catch {
    return [-1, malformed('message is not valid JSON')];
  }
  const parsed = BridgeClientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
    return [Number.isInteger(id) ? id : -1, malformed(describeIssues(parsed.error).message)];
  }
  return [parsed.data.id, await dispatcher.dispatch(parsed.data.channel, parsed.data.payload)];
}

function malformed(message: string): Reply {
  return { ok: false, error: { code: 'MALFORMED_MESSAGE', message: `Malformed bridge message: ${message}`, area: 'contract' } };
}
