// HTTP plumbing for the emulator: body reading, parameter merging and JSON/error replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BinanceError } from './errors';
import type { Params } from './order-params';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Query and url-encoded body together, as Binance treats them (body wins on a clash). */
export function mergeParams(rawQuery: string, rawBody: string): Params {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) params[key] = value;
  for (const [key, value] of new URLSearchParams(rawBody)) params[key] = value;
  return params;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/html'): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendBinanceError(res: ServerResponse, error: BinanceError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, { code: error.code, msg: error.msg }, headers);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Optional integer parameter; Binance answers -1100 for malformed numbers, surfaced by the caller. */
export function intParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) ? parsed : Number.NaN;
}
