// A loopback-only HTTP trigger for the kill switch: POST /kill-switch, HMAC-signed JSON, fresh and never replayed
// (accepted signatures are kept in the database, so not after a restart either). docs/remote-kill.md shows how to call it.
import type { Database } from 'better-sqlite3';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ConfigError } from '../errors';
import { globalSecrets } from '../log/logger';
import type { KillSwitch } from './kill-switch';
import {
  hasValidSignature, isJsonContentType, isLoopback, isRejection, parseBody, ReplayGuard, SIGNATURE_HEADER, SqliteReplayCache,
  type Rejection, type ReplayCache,
} from './webhook-request';

export const WEBHOOK_PATH = '/kill-switch';
export const MAX_BODY_BYTES = 4096;
export const MAX_SKEW_MS = 30_000;
/** A replay older than twice the skew window is already refused as stale; remembering longer buys nothing. */
export const REPLAY_MEMORY_MS = 2 * MAX_SKEW_MS;
/** A client gets this long to send its headers, and its whole request (a slow sender cannot hold the port). */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface KillSwitchWebhookOptions {
  killSwitch: Pick<KillSwitch, 'trip'>;
  /** Shared with the sender; at least 16 characters. Registered with log masking. */
  secret: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  now?: () => number;
  /**
   * Where accepted signatures are remembered: the engine's database (table webhook_replays, kept across restarts) or
   * a cache of one's own; in memory only when absent.
   */
  replays?: Database | ReplayCache;
}

export interface KillSwitchWebhook {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts listening on 127.0.0.1 only; the request is also refused if its peer is somehow not loopback. */
export async function startKillSwitchWebhook(options: KillSwitchWebhookOptions): Promise<KillSwitchWebhook> {
  if (typeof options.secret !== 'string' || options.secret.length < 16) {
    throw new ConfigError('The kill-switch webhook secret must be at least 16 characters', 'WEBHOOK_SECRET_WEAK', { field: 'secret' });
  }
  globalSecrets.register(options.secret);
  const handler = new WebhookHandler(options);
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, (req, res) => handler.handle(req, res));
  server.on('clientError', answerMalformed);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, close: () => closeServer(server) };
}

function replayCacheOf(replays: KillSwitchWebhookOptions['replays']): ReplayCache {
  if (!replays) return new ReplayGuard(REPLAY_MEMORY_MS);
  return 'admit' in replays ? replays : new SqliteReplayCache(replays);
}

class WebhookHandler {
  private readonly now: () => number;
  private readonly replays: ReplayCache;

  constructor(private readonly options: KillSwitchWebhookOptions) {
    this.now = options.now ?? Date.now;
    this.replays = replayCacheOf(options.replays);
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (!isLoopback(req.socket.remoteAddress)) return refuse(req, res, { status: 403, error: 'only loopback clients may call this webhook' });
    if (req.url !== WEBHOOK_PATH) return refuse(req, res, { status: 404, error: `no such path; POST ${WEBHOOK_PATH}` });
    if (req.method !== 'POST') return refuse(req, res, { status: 405, error: 'use POST' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse(req, res, tooLarge());
    readBody(req, (body) => {
      if (body === undefined) return refuse(req, res, tooLarge());
      if (!isJsonContentType(req.headers['content-type'])) return reply(res, { status: 415, error: 'content-type must be application/json' });
      const header = req.headers[SIGNATURE_HEADER];
      reply(res, this.accept(body, Array.isArray(header) ? header[0] : header));
    });
  }

  /** Authenticates first, so nothing about the body is revealed to a sender without the secret. */
  private accept(body: Buffer, signature: string | undefined): Rejection | { status: 200; body: object } {
    if (!hasValidSignature(this.options.secret, body, signature)) return { status: 401, error: 'bad or missing signature' };
    const trip = parseBody(body);
    if (isRejection(trip)) return trip;
    const now = this.now();
    if (Math.abs(now - trip.timestamp) > MAX_SKEW_MS) return { status: 401, error: `stale timestamp: more than ${MAX_SKEW_MS / 1000} s from now` };
    if (!this.replays.admit(signature as string, now, now + REPLAY_MEMORY_MS)) return { status: 409, error: 'replayed request' };
    try {
      const result = this.options.killSwitch.trip(trip.mode, trip.reason, 'webhook');
      return { status: 200, body: { ok: true, outcome: result.outcome, mode: result.state.mode } };
    } catch (err) {
      return { status: 500, error: `kill switch did not trip: ${(err as Error).message}` };
    }
  }
}

function tooLarge(): Rejection {
  return { status: 413, error: `body larger than ${MAX_BODY_BYTES} bytes` };
}

/** Collects the body; undefined once it passes the size cap (the rest is not buffered). */
function readBody(req: IncomingMessage, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finished = true;
      done(undefined);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!finished) done(Buffer.concat(chunks));
  });
  req.on('error', () => {
    finished = true;
  });
}

function reply(res: ServerResponse, outcome: Rejection | { status: 200; body: object }): void {
  const body = 'error' in outcome ? { ok: false, error: outcome.error } : outcome.body;
  res.writeHead(outcome.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers and drops the connection, so an unread (maybe huge) body is never drained. */
function refuse(req: IncomingMessage, res: ServerResponse, rejection: Rejection): void {
  res.setHeader('connection', 'close');
  reply(res, rejection);
  res.on('finish', () => req.destroy());
}

/**
 * A request Node cannot parse (bad request line, oversized or malformed headers, a client too slow) still gets a JSON
 * answer naming what was wrong, then the connection is closed.
 */
function answerMalformed(err: NodeJS.ErrnoException & { code?: string }, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, text, reason] = err.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'Request Header Fields Too Large', 'request headers too large']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'request not received in time']
      : [400, 'Bad Request', `malformed HTTP request${err.code ? ` (${err.code})` : ''}`];
  const body = JSON.stringify({ ok: false, error: reason });
  socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
