// Checks a SIGNED request the way Binance does: API key header, HMAC-SHA256 of the raw parameters, timestamp window.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from './errors';
import type { Params } from './order-params';

export interface SignedRequest {
  apiKeyHeader: string | undefined;
  rawQuery: string;
  rawBody: string;
  params: Params;
}

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** The signed payload is the raw query string followed by the raw body, minus the signature parameter itself. */
function payloadOf(request: SignedRequest): string {
  const strip = (raw: string): string => raw.split('&').filter((part) => part !== '' && !part.startsWith('signature=')).join('&');
  return strip(request.rawQuery) + strip(request.rawBody);
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function checkSignature(request: SignedRequest, secret: string): void {
  const given = request.params.signature;
  if (given === undefined || given === '') throw errors.mandatory('signature');
  const expected = Buffer.from(hmacHex(secret, payloadOf(request)), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw errors.badSignature();
}

/** Binance accepts a timestamp up to 1 s ahead of its clock and up to recvWindow (default 5 s) behind it. */
function checkTimestamp(params: Params, serverNow: number): void {
  const timestamp = Number(params.timestamp);
  if (!params.timestamp || !Number.isFinite(timestamp)) throw errors.mandatory('timestamp');
  const recvWindow = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
  if (!Number.isFinite(recvWindow) || recvWindow > 60_000) throw errors.badRecvWindow();
  if (timestamp > serverNow + 1000) throw errors.aheadOfServer();
  if (serverNow - timestamp > recvWindow) throw errors.outsideRecvWindow();
}

/** Throws the BinanceError Binance would send; returns quietly for a valid request. */
export function verifySigned(request: SignedRequest, credentials: Credentials, serverNow: number): void {
  const key = request.apiKeyHeader;
  if (key === undefined || key === '') throw errors.badApiKeyFormat();
  if (key !== credentials.apiKey) throw errors.invalidApiKey();
  checkSignature(request, credentials.apiSecret);
  checkTimestamp(request.params, serverNow);
}
