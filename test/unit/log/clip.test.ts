// Log lines stay bounded however large the strings a client sends: every value and the message are clipped.
import { describe, expect, it } from 'vitest';
import { createLogger, MAX_LOG_STRING } from '../../../electron/engine/log/logger';
import { REDACTED, SecretRegistry } from '../../../electron/engine/log/secrets';

const MEGABYTE = 1 << 20;

function capture(secrets = new SecretRegistry()) {
  const lines: string[] = [];
  const log = createLogger({ secrets, sink: { write: (l: string) => lines.push(l) }, level: 'trace' });
  return { log, lines, secrets };
}

describe('log clipping', () => {
  it('clips a 1 MB field and says how much was cut', () => {
    const { log, lines } = capture();
    log.warn({ why: 'x'.repeat(MEGABYTE) }, 'bridge connection refused');
    expect(lines[0].length).toBeLessThan(5_000);
    const record = JSON.parse(lines[0]);
    expect(record.why).toBe(`${'x'.repeat(MAX_LOG_STRING)}…(+${MEGABYTE - MAX_LOG_STRING} chars)`);
    expect(record.msg).toBe('bridge connection refused');
  });

  it('clips a 1 MB message, including one taken from an Error', () => {
    const { log, lines } = capture();
    log.info('y'.repeat(MEGABYTE));
    log.info({ symbol: 'BTC/USDT' }, 'z'.repeat(MEGABYTE));
    log.error(new Error('e'.repeat(MEGABYTE)));
    log.error({ err: new Error('f'.repeat(MEGABYTE)) });
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(JSON.parse(line).msg).toMatch(new RegExp(`…\\(\\+${MEGABYTE - MAX_LOG_STRING} chars\\)$`));
    expect(lines[0].length).toBeLessThan(5_000);
    expect(lines[1].length).toBeLessThan(5_000);
    // An Error's line also carries its message and stack, each clipped the same way.
    expect(lines[2].length).toBeLessThan(5_000 + MAX_LOG_STRING * 2);
    expect(lines[3].length).toBeLessThan(5_000 + MAX_LOG_STRING * 2);
    expect(JSON.parse(lines[1]).symbol).toBe('BTC/USDT');
  });

  it('clips strings deep in nested objects and arrays, and keeps short ones intact', () => {
    const { log, lines } = capture();
    const big = 'q'.repeat(MEGABYTE);
    log.info({ a: { b: [{ c: [big] }] }, short: 'fine', n: 3, ok: true, none: null }, 'nested');
    expect(lines[0].length).toBeLessThan(5_000);
    const record = JSON.parse(lines[0]);
    expect(record.a.b[0].c[0]).toMatch(/…\(\+1046576 chars\)$/);
    expect(record).toMatchObject({ short: 'fine', n: 3, ok: true, none: null });
  });

  it('keeps an Error as type, message and stack, with the stack clipped', () => {
    const { log, lines } = capture();
    const err = new TypeError('w'.repeat(MEGABYTE));
    log.error({ err }, 'failed');
    const record = JSON.parse(lines[0]);
    expect(record.err.type).toBe('TypeError');
    expect(record.err.message).toMatch(/^w{2000}…\(\+1046576 chars\)$/);
    expect(record.err.stack).toMatch(/^TypeError: w+…\(\+\d+ chars\)$/);
    expect(record.err.stack.length).toBeLessThan(MAX_LOG_STRING + 30);
  });

  it('survives a cycle in a logged object', () => {
    const { log, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    log.info({ loop }, 'cyclic');
    expect(JSON.parse(lines[0]).loop).toEqual({ name: 'loop', self: '[Circular]' });
  });

  it('still masks a registered secret that straddles the clipping point', () => {
    const secret = 'sk_live_STRADDLE_0123456789';
    const { log, lines, secrets } = capture();
    secrets.register(secret);
    const text = 'a'.repeat(MAX_LOG_STRING - 5) + secret + 'b'.repeat(10_000);
    log.info({ detail: text }, text);
    // The cut may fall inside the marker, but never inside the secret itself.
    expect(lines[0]).not.toContain(secret.slice(0, 5));
    expect(lines[0]).toContain(REDACTED.slice(0, 5));
  });

  it('still masks secret-named fields in a clipped record', () => {
    const { log, lines } = capture();
    log.info({ nested: { apiKey: 'k'.repeat(MEGABYTE) } }, 'config');
    expect(JSON.parse(lines[0]).nested.apiKey).toBe(REDACTED);
  });
});
