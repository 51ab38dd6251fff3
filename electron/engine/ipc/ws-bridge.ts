// The loopback WebSocket transport for the contract: host, origin and token checked on connect, every message validated.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BridgeClientMessageSchema, describeIssues, type BridgeServerMessage, type Reply } from '../../../shared/contract';
import { encodeFrame } from '../../../shared/wire-frames';
import type { Logger } from '../log/logger';
import { LogThrottle } from '../log/throttle';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export const BRIDGE_PATH = '/bridge';
const MAX_MESSAGE_BYTES = 1 << 20;
/** Header values echoed in a refusal reason are clipped: the reason is logged and used as a throttle key. */
const MAX_REASON_VALUE = 100;

export interface BridgeOptions {
  server: Server;
  dispatcher: Dispatcher;
  events: EventBus;
  token: string;
  /** Origins allowed to connect, e.g. the headless page's own http://127.0.0.1:PORT. */
  allowedOrigins: () => readonly string[];
  /** Host headers allowed (any case), e.g. 127.0.0.1:PORT and localhost:PORT; any other name may be DNS rebinding. */
  allowedHosts: () => readonly string[];
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

/** Whether a Host header names this server; a missing Host, or another name (DNS rebinding), does not. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const wanted = host.toLowerCase();
  return allowed.some((h) => h.toLowerCase() === wanted);
}

function clipped(value: string | undefined): string {
  if (value === undefined) return '(none)';
  return value.length > MAX_REASON_VALUE ? `${value.slice(0, MAX_REASON_VALUE)}…` : value;
}

/** Why a connection attempt is refused, or undefined when it may proceed. */
export function refusal(req: IncomingMessage, options: Pick<BridgeOptions, 'token' | 'allowedOrigins' | 'allowedHosts'>): string | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== BRIDGE_PATH) return 'unknown path';
  if (!isLoopback(req.socket.remoteAddress)) return 'not a loopback client';
  const host = req.headers.host;
  if (!hostAllowed(host, options.allowedHosts())) return `host not allowed: ${clipped(host)}`;
  const origin = req.headers.origin;
  if (!origin || !options.allowedOrigins().includes(origin)) return `origin not allowed: ${clipped(origin)}`;
  if (!tokenMatches(options.token, url.searchParams.get('token'))) return 'bad token';
  return undefined;
}

export function attachBridge(options: BridgeOptions): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // A page retrying in a loop, or a hostile one, repeats the same refusal; a few lines per window say enough.
  const throttle = new LogThrottle();
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const why = refusal(req, options);
    if (why) {
      const { log, suppressed } = throttle.admit(`refused: ${why}`);
      if (log) options.log?.warn({ why, remote: req.socket.remoteAddress, ...(suppressed ? { suppressed } : {}) }, 'bridge connection refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options, throttle));
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

function serveClient(ws: WebSocket, options: BridgeOptions, throttle: LogThrottle): void {
  const send = (message: BridgeServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    let frame: string | Uint8Array;
    try {
      // Typed-array columns go as a binary frame (JSON would spell them {"0":…}); everything else stays a text frame.
      frame = encodeFrame(message);
    } catch (err) {
      // Our bug (e.g. a value with no wire form): a reply still answers, so the client is not left waiting.
      const { log, suppressed } = throttle.admit(`encode failed: ${(err as Error).message}`);
      if (log) options.log?.error({ err: (err as Error).message, type: message.type, ...(suppressed ? { suppressed } : {}) }, 'bridge message could not be encoded');
      if (message.type !== 'reply') return;
      frame = JSON.stringify({ type: 'reply', id: message.id, reply: { ok: false, error: { code: 'INTERNAL', message: 'The engine could not encode its reply; the engine log has the details' } } });
    }
    ws.send(frame, { binary: typeof frame !== 'string' });
  };
  const unsubscribe = options.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', (err) => {
    const { log, suppressed } = throttle.admit(`client error: ${err.message}`);
    if (log) options.log?.warn({ err: err.message, ...(suppressed ? { suppressed } : {}) }, 'bridge client error');
  });
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
