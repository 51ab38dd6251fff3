// Fuzzing the real kill-switch webhook listener over HTTP: 10,000 generated requests with bad signatures, bad bodies
// (malformed JSON, wrong types, unknown fields, stale timestamps, oversized — with and without content-length),
// wrong content types, methods and paths, plus random extra headers; and raw malformed HTTP on a socket. None may
// trip the switch or crash the server, and each gets a 4xx with a JSON reason. Then the one valid request trips the
// switch exactly once and its replay is refused.
import fc from 'fast-check';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KillSwitch, signWebhookBody, startKillSwitchWebhook, type KillSwitchWebhook } from '../../../electron/engine/risk';
import { MAX_BODY_BYTES, MAX_SKEW_MS } from '../../../electron/engine/risk/webhook';
import type { Database } from '../../../electron/engine/store/database';
import { dbPath, openDb, tempDbDir } from './helpers';

const SECRET = 'fuzz-webhook-secret-0123456789abcdef';
const NOW = Date.UTC(2025, 5, 1, 9, 30);
const HTTP_CASES = 10_000;
const RAW_CASES = 400;

const dir = tempDbDir();
let db: Database;
let killSwitch: KillSwitch;
let hook: KillSwitchWebhook;
let trips = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  db = openDb(dbPath(dir, 'fuzz'));
  killSwitch = new KillSwitch(db, () => NOW);
  killSwitch.onKillSwitchTripped(() => trips++);
  hook = await startKillSwitchWebhook({ killSwitch, secret: SECRET, now: () => NOW, replays: db });
});
afterAll(async () => {
  agent.destroy();
  await hook.close();
  db.close();
});

interface Case {
  kind: string;
  /** The status this case must get. */
  expect: number;
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[]>;
  /** Send without content-length (chunked). */
  chunked: boolean;
}

interface Answer {
  status: number;
  json: unknown;
}

function send(c: Case): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[] | number> = { ...c.headers };
    if (!c.chunked) headers['content-length'] = Buffer.byteLength(c.body);
    const req = request({ host: '127.0.0.1', port: hook.port, path: c.path, method: c.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    // A refused oversized body may be cut off while it is still being written; the answer has come by then.
    req.on('error', (err) => (/EPIPE|ECONNRESET/.test(err.message) ? undefined : reject(err)));
    if (c.chunked) {
      for (let i = 0; i < c.body.length; i += 1_000) req.write(c.body.slice(i, i + 1_000));
      req.end();
    } else {
      req.end(c.body);
    }
  });
}

// ---- generators ---------------------------------------------------------------------------------------------------

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: max });
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: n, maxLength: n });
const validTrip = fc.record({
  mode: fc.constantFrom('stop-entries', 'halt', 'flatten'),
  reason: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
  timestamp: fc.integer({ min: NOW - MAX_SKEW_MS, max: NOW + MAX_SKEW_MS }),
}).map((t) => JSON.stringify(t));
const json = { 'content-type': 'application/json' };
const sign = (body: string) => signWebhookBody(SECRET, body);

/** Header names that change how the request is framed or routed; the random extra headers leave them alone. */
const RESERVED = new Set(['content-type', 'content-length', 'transfer-encoding', 'x-quorum-signature', 'host', 'connection', 'expect', 'upgrade', 'te', 'trailer', 'keep-alive']);
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((n) => !RESERVED.has(n)),
  printable(60).map((v) => v.trim()),
  { maxKeys: 4 },
);

const badSignature = fc.tuple(validTrip, fc.oneof(
  fc.constant<string | string[] | undefined>(undefined),
  hex(64),
  hex(63), hex(65),
  printable(100),
  fc.constant('0'.repeat(64)),
)).map(([body, sig]) => [body, sig] as const);

const cases: fc.Arbitrary<Case> = fc.oneof(
  // Bad signatures on a valid, fresh body: 401.
  badSignature.filter(([body, sig]) => typeof sig !== 'string' || sig.toLowerCase() !== sign(body)).map(([body, sig]): Case => ({
    kind: 'signature', expect: 401, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { ...json, ...(sig === undefined ? {} : { 'x-quorum-signature': sig }) },
  })),
  // Signed with another secret, or over other bytes than those sent; the right signature twice (joined by the parser).
  fc.tuple(validTrip, fc.string({ minLength: 16, maxLength: 40 }).filter((s) => s !== SECRET), fc.integer({ min: 0, max: 2 })).map(([body, other, how]): Case => {
    const sig = how === 0 ? signWebhookBody(other, body) : how === 1 ? sign(`${body} `) : undefined;
    return { kind: 'signature-mismatch', expect: 401, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { ...json, 'x-quorum-signature': sig ?? [sign(body), sign(body)] } };
  }),
  // Malformed JSON, signed: 400.
  printable(300).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((body): Case => ({
    kind: 'malformed-json', expect: 400, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { ...json, 'x-quorum-signature': sign(body) },
  })),
  // Any JSON value that is not a valid trip (wrong types, missing or unknown fields), signed: 400.
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      mode: fc.oneof(fc.constantFrom('halt', 'flatten', 'stop-entries', 'HALT', 'nuke', ''), fc.jsonValue({ maxDepth: 1 })),
      reason: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(501), 'ok'), fc.jsonValue({ maxDepth: 1 })),
      timestamp: fc.oneof(fc.constantFrom(NOW, NOW + 0.5, -1, 0, `${NOW}`, null), fc.jsonValue({ maxDepth: 1 })),
      extra: fc.jsonValue({ maxDepth: 1 }),
    }, { requiredKeys: [] }),
  ).map((v) => JSON.stringify(v)).filter((body) => body !== undefined && Buffer.byteLength(body) <= MAX_BODY_BYTES && !isValidTrip(body)).map((body): Case => ({
    kind: 'invalid-fields', expect: 400, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { ...json, 'x-quorum-signature': sign(body) },
  })),
  // A valid body, signed, but stale or from the future: 401.
  fc.tuple(validTrip, fc.oneof(fc.integer({ min: MAX_SKEW_MS + 1, max: 1e10 }), fc.integer({ min: -1e10, max: -MAX_SKEW_MS - 1 }))).map(([raw, shift]) => {
    const t = JSON.parse(raw) as { timestamp: number };
    return JSON.stringify({ ...t, timestamp: NOW + shift });
  }).filter((body) => (JSON.parse(body) as { timestamp: number }).timestamp > 0).map((body): Case => ({
    kind: 'stale', expect: 401, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { ...json, 'x-quorum-signature': sign(body) },
  })),
  // Too large, signed or not, with or without content-length: 413.
  fc.tuple(fc.integer({ min: MAX_BODY_BYTES + 1, max: 40_000 }), fc.constantFrom('x', '{', ' ', 'é'), fc.boolean(), fc.boolean()).map(([n, ch, signed, chunked]): Case => {
    const body = ch.repeat(Math.ceil(n / Buffer.byteLength(ch)));
    return { kind: 'too-large', expect: 413, method: 'POST', path: '/kill-switch', body, chunked, headers: { ...json, ...(signed ? { 'x-quorum-signature': sign(body) } : {}) } };
  }),
  // A valid, signed, fresh body with a content type other than JSON (or none): 415.
  fc.tuple(validTrip, fc.oneof(
    fc.constant<string | undefined>(undefined),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json; charset=latin1', 'json', 'application/xml', 'text/json'),
    printable(40).filter((s) => !s.trim().toLowerCase().startsWith('application/json')),
  )).map(([body, type]): Case => ({
    kind: 'content-type', expect: 415, method: 'POST', path: '/kill-switch', body, chunked: false,
    headers: { ...(type === undefined ? {} : { 'content-type': type }), 'x-quorum-signature': sign(body) },
  })),
  // A valid, signed, fresh body on another method or path: 405 / 404.
  fc.tuple(validTrip, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')).map(([body, method]): Case => ({
    kind: 'method', expect: 405, method, path: '/kill-switch', body, chunked: false, headers: { ...json, 'x-quorum-signature': sign(body) },
  })),
  fc.tuple(validTrip, fc.stringMatching(/^\/[A-Za-z0-9._~\-/?=&%]{0,40}$/).filter((p) => p !== '/kill-switch')).map(([body, path]): Case => ({
    kind: 'path', expect: 404, method: 'POST', path, body, chunked: false, headers: { ...json, 'x-quorum-signature': sign(body) },
  })),
);

function isValidTrip(body: string): boolean {
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).sort().join() === 'mode,reason,timestamp'
      && ['stop-entries', 'halt', 'flatten'].includes(v.mode as string) && typeof v.reason === 'string' && v.reason.trim().length > 0
      && v.reason.length <= 500 && Number.isInteger(v.timestamp) && (v.timestamp as number) > 0;
  } catch {
    return false;
  }
}

function expectClearRefusal(answer: Answer, c: Case): void {
  if (answer.status !== c.expect) throw new Error(`${c.kind}: expected ${c.expect}, got ${answer.status} ${JSON.stringify(answer.json)} for ${JSON.stringify({ ...c, body: c.body.slice(0, 200) })}`);
  const body = answer.json as { ok?: unknown; error?: unknown };
  if (body?.ok !== false || typeof body.error !== 'string' || body.error.length < 5) throw new Error(`${c.kind}: no clear reason in ${JSON.stringify(answer.json)}`);
}

describe('kill-switch webhook under fuzzing', () => {
  it(`refuses ${HTTP_CASES.toLocaleString('en')} bad requests with a 4xx and a reason, never tripping`, { timeout: 120_000 }, async () => {
    const kinds = new Map<string, number>();
    await fc.assert(fc.asyncProperty(cases, extraHeaders, async (c, extra) => {
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      const answer = await send({ ...c, headers: { ...extra, ...c.headers } });
      expectClearRefusal(answer, c);
      if (trips !== 0 || killSwitch.isTripped()) throw new Error(`${c.kind} tripped the switch`);
    }), { numRuns: HTTP_CASES, seed: 20250601 });
    // Every family was exercised.
    expect([...kinds.keys()].sort()).toEqual(['content-type', 'invalid-fields', 'malformed-json', 'method', 'path', 'signature', 'signature-mismatch', 'stale', 'too-large']);
    for (const n of kinds.values()) expect(n).toBeGreaterThan(HTTP_CASES / 40);
    expect(trips).toBe(0);
  });

  it(`answers ${RAW_CASES} malformed raw HTTP requests with a 4xx and a reason (or closes), and keeps serving`, { timeout: 60_000 }, async () => {
    const raw = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
      printable(200).map((s) => Buffer.from(`${s}\r\n\r\n`)),
      fc.tuple(fc.constantFrom('POST', 'GET', 'BREW', 'post'), printable(30), fc.constantFrom('HTTP/1.1', 'HTTP/9.9', 'HTTP/1.1 junk', ''))
        .map(([m, p, v]) => Buffer.from(`${m} ${p} ${v}\r\nhost: x\r\n\r\n`)),
      fc.integer({ min: 17_000, max: 40_000 }).map((n) => Buffer.from(`POST /kill-switch HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(n)}\r\n\r\n`)),
      printable(50).map((s) => Buffer.from(`POST /kill-switch HTTP/1.1\r\nhost: x\r\ncontent-length: ${s}\r\n\r\n{}`)),
    );
    const statuses = new Map<string, number>();
    await fc.assert(fc.asyncProperty(raw, async (bytes) => {
      const reply = await rawExchange(bytes);
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(reply);
      statuses.set(m?.[1] ?? 'closed', (statuses.get(m?.[1] ?? 'closed') ?? 0) + 1);
      if (reply === '') return; // closed without a word: acceptable for bytes that are not HTTP at all
      if (!m || Number(m[1]) < 400 || Number(m[1]) > 499) throw new Error(`not a 4xx: ${JSON.stringify(reply.slice(0, 200))} for ${JSON.stringify(bytes.toString('latin1').slice(0, 100))}`);
      const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
      const parsed = JSON.parse(body) as { ok: boolean; error: string };
      if (parsed.ok !== false || !parsed.error) throw new Error(`no reason: ${body}`);
      if (trips !== 0) throw new Error('tripped');
    }), { numRuns: RAW_CASES, seed: 7 });
    // Nearly all get an answer (malformed: 400, oversized headers: 431); a few byte soups are only closed.
    expect(statuses.get('400')).toBeGreaterThan(RAW_CASES / 4);
    expect(statuses.get('431')).toBeGreaterThan(RAW_CASES / 20);
    expect(statuses.get('closed') ?? 0).toBeLessThan(RAW_CASES / 10);
    expect(trips).toBe(0);
  });

  it('trips exactly once on the valid request, and refuses its replay', async () => {
    const body = JSON.stringify({ mode: 'halt', reason: 'the one good request', timestamp: NOW - 1_234 });
    const c: Case = { kind: 'valid', expect: 200, method: 'POST', path: '/kill-switch', body, chunked: false, headers: { 'content-type': 'application/json; charset=utf-8', 'x-quorum-signature': sign(body).toUpperCase() } };
    expect(await send(c)).toEqual({ status: 200, json: { ok: true, outcome: 'tripped', mode: 'halt' } });
    expect(trips).toBe(1);
    expect(await send(c)).toEqual({ status: 409, json: { ok: false, error: 'replayed request' } });
    expect(await send({ ...c, headers: { ...c.headers, 'x-quorum-signature': sign(body) } })).toMatchObject({ status: 409 });
    expect(trips).toBe(1);
    expect(killSwitch.state()).toMatchObject({ isTripped: true, mode: 'halt', source: 'webhook', reason: 'the one good request' });
  });
});

describe('a client that stalls', () => {
  it('gets a 408 with a reason once its headers are 5 s late, and cannot hold the port', { timeout: 20_000 }, async () => {
    const [started, tripsBefore] = [Date.now(), trips];
    const reply = await rawExchange(Buffer.from('POST /kill-switch HTTP/1.1\r\nhost: x\r\n'), false);
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[^]*\r\n\r\n\{"ok":false,"error":"request not received in time"\}$/);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(trips).toBe(tripsBefore);
  });
});

/** Writes bytes on a fresh socket (then half-closes it when `close`), and collects what comes back until the server closes. */
function rawExchange(bytes: Buffer, close = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(hook.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 8 s for ${JSON.stringify(bytes.toString('latin1').slice(0, 100))}`));
    }, 8_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    if (close) socket.end(bytes);
    else socket.write(bytes);
  });
}
