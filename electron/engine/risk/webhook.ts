// A loopback-only HTTP trigger for the kill switch: POST /kill-switch, HMAC-signed, fresh and never replayed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors';
import { globalSecrets } from '../log/logger';
import type { KillSwitch } from './kill-switch';
import { hasValidSignature, isLoopback, isRejection, parseBody, ReplayGuard, SIGNATURE_HEADER, type Rejection } from './webhook-request';

export const WEBHOOK_PATH = '/kill-switch';
export const MAX_BODY_BYTES = 4096;
export const MAX_SKEW_MS = 30_000;

export interface KillSwitchWebhookOptions {
  killSwitch: Pick<KillSwitch, 'trip'>;
  /** Shared with the sender; at least 16 characters. Registered with log masking. */
  secret: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  now?: () => number;
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
  const server = createServer((req, res) => handler.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, close: () => closeServer(server) };
}

class WebhookHandler {
  private readonly now: () => number;
  // A replay older than twice the skew window is already refused as stale; remembering longer buys nothing.
  private readonly replays = new ReplayGuard(2 * MAX_SKEW_MS);

  constructor(private readonly options: KillSwitchWebhookOptions) {
    this.now = options.now ?? Date.now;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (!isLoopback(req.socket.remoteAddress)) return refuse(req, res, { status: 403, error: 'only loopback clients may call this webhook' });
    if (req.url !== WEBHOOK_PATH) return refuse(req, res, { status: 404, error: `no such path; POST ${WEBHOOK_PATH}` });
    if (req.method !== 'POST') return refuse(req, res, { status: 405, error: 'use POST' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse(req, res, tooLarge());
    readBody(req, (body) => {
      if (body === undefined) return refuse(req, res, tooLarge());
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
    if (!this.replays.admit(signature as string, now)) return { status: 409, error: 'replayed request' };
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
