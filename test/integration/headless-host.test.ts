// Headless mode answers only requests addressed to it by name: a rebound DNS name gets neither the build nor the bridge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadless, type HeadlessServer } from '../../electron/headless/server';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const MARKER = 'quorum-renderer-build-marker';

interface Answer {
  status: number;
  body: string;
}

/** A GET to the server's real address with the Host header set by hand; `undefined` sends no Host at all. */
function get(port: number, host: string | undefined, path = '/'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, setHost: false, headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A bridge connection to 127.0.0.1 with a valid token, the given Host header, and the page's origin unless told otherwise. */
function connect(server: HeadlessServer, port: number, host: string, origin = server.origin): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${encodeURIComponent(server.token)}`, { origin, headers: { host } });
    ws.on('open', () => { ws.close(); resolve('open'); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

/** A hand-written upgrade request, so the Host header can be left out or made huge; resolves with the status line. */
function rawUpgrade(port: number, path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => {
      const lines = [`GET ${path} HTTP/1.1`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => { data += chunk.toString(); });
    socket.on('close', () => resolve(data.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

describe('headless Host header check', () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  const logs = captureLogger();
  let server: HeadlessServer;
  let port: number;
  let otherPort: number;

  beforeAll(async () => {
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), `<!doctype html><title>${MARKER}</title>`);
    server = await startHeadless({ dbPath: join(dir, 'host.db'), rendererDir, logger: logs.logger });
    port = Number(new URL(server.origin).port);
    otherPort = port === 65535 ? port - 1 : port + 1;
  });
  afterAll(async () => { await server?.close(); });

  it('serves the renderer to 127.0.0.1:PORT and localhost:PORT, in any case', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`]) {
      const answer = await get(port, host);
      expect(answer.status, host).toBe(200);
      expect(answer.body).toContain(MARKER);
    }
  });

  it('answers 421 without the file to another name, another port, or no Host', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${otherPort}`, '127.0.0.1', `localhost.evil.example:${port}`, undefined]) {
      for (const path of ['/', '/index.html']) {
        const answer = await get(port, host, path);
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(answer.body).not.toContain(MARKER);
      }
    }
  });

  it('refuses a bridge upgrade with a valid token and origin but a wrong Host, and accepts the right one', async () => {
    expect(await connect(server, port, `evil.example:${port}`)).toBe(403);
    expect(await connect(server, port, `127.0.0.1:${otherPort}`)).toBe(403);
    expect(await connect(server, port, `127.0.0.1:${port}`)).toBe('open');
    expect(await connect(server, port, `localhost:${port}`)).toBe('open');
  });

  it('accepts the localhost page origin as well as the address one', async () => {
    expect(await connect(server, port, `localhost:${port}`, `http://localhost:${port}`)).toBe('open');
    expect(await connect(server, port, `localhost:${port}`, `http://evil.example:${port}`)).toBe(403);
  });

  it('refuses an upgrade with no Host, and logs a huge Host clipped, a few times only', async () => {
    const path = `/bridge?token=${encodeURIComponent(server.token)}`;
    expect(await rawUpgrade(port, path, { Origin: server.origin })).toBe('HTTP/1.1 403 Forbidden');
    const huge = `${'h'.repeat(5_000)}:${port}`;
    for (let i = 0; i < 20; i++) expect(await rawUpgrade(port, path, { Host: huge, Origin: server.origin })).toBe('HTTP/1.1 403 Forbidden');
    const refusals = logs.lines.map((l) => JSON.parse(l)).filter((r) => r.msg === 'bridge connection refused');
    expect(refusals.some((r) => r.why === 'host not allowed: (none)')).toBe(true);
    const hugeOnes = refusals.filter((r) => String(r.why).startsWith('host not allowed: hhh'));
    expect(hugeOnes).toHaveLength(5);
    expect(hugeOnes[0].why).toBe(`host not allowed: ${'h'.repeat(100)}…`);
  });
});
