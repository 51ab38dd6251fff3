// Structured logs never contain a registered secret, nor the value of a secret-named field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/engine/log/logger';
import { REDACTED, SecretRegistry } from '../../../electron/engine/log/secrets';

function capture(secrets = new SecretRegistry()) {
  const lines: string[] = [];
  const log = createLogger({ secrets, sink: { write: (l: string) => lines.push(l) }, level: 'trace' });
  return { log, lines, secrets, text: () => lines.join('') };
}

describe('logger', () => {
  it('writes one JSON object per line with level and message', () => {
    const { log, lines } = capture();
    log.info({ symbol: 'BTC/USDT' }, 'decision recorded');
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({ level: 'info', msg: 'decision recorded', symbol: 'BTC/USDT' });
  });

  it('never prints a registered secret, wherever it appears', () => {
    const { log, secrets, text } = capture();
    const secret = 'sk_live_9f8e7d6c5b4a3210';
    secrets.register(secret);
    log.info(`connecting with ${secret}`);
    log.warn({ request: { url: `https://api.example/?signature=${secret}`, headers: [secret] } }, 'request');
    log.error(new Error(`auth failed for ${secret}`), 'exchange error');
    log.info({ note: `"${secret}"` }, 'quoted');
    expect(text()).not.toContain(secret);
    expect(text()).toContain(REDACTED);
  });

  it('masks fields named like key, secret, password or token', () => {
    const { log, lines } = capture();
    log.info({ apiKey: 'AKIA-visible', nested: { api_secret: 'shh', password: 'hunter2', sessionToken: 't0k3n' }, symbol: 'ETH/USDT' }, 'config');
    const record = JSON.parse(lines[0]);
    expect(record.apiKey).toBe(REDACTED);
    expect(record.nested).toEqual({ api_secret: REDACTED, password: REDACTED, sessionToken: REDACTED });
    expect(record.symbol).toBe('ETH/USDT');
  });

  it('masks any registered secret (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ maxLength: 20 }), (secret, prefix) => {
        const { log, secrets, text } = capture();
        secrets.register(secret);
        log.info({ detail: prefix + secret + prefix }, prefix + secret);
        const out = text();
        expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to register a secret too short to mask', () => {
    expect(() => new SecretRegistry().register('abc')).toThrow(RangeError);
  });
});
