// Alert channels' pure parts: levels, quiet hours (wrapping midnight, local or UTC), input checks that never echo a
// secret, secret masking in all its forms, and how a message reads.
import { describe, expect, it } from 'vitest';
import { inQuietHours, levelPasses, parseQuietHours, quietHoursText } from '../../../electron/engine/alerts/channel-config';
import { validate, type ChannelInput } from '../../../electron/engine/alerts/channels';
import { dedupeKey } from '../../../electron/engine/alerts/delivery';
import { alertText, emailSubject, webhookBody } from '../../../electron/engine/alerts/message';
import { maskText, secretForms } from '../../../electron/engine/alerts/secrets';
import { SecretRegistry } from '../../../electron/engine/log/secrets';

const at = (hourUtc: number, minute = 0) => Date.UTC(2026, 0, 15, hourUtc, minute);

describe('alert levels', () => {
  it('a channel takes its minimum level and above', () => {
    expect(levelPasses('info', 'warning')).toBe(false);
    expect(levelPasses('warning', 'warning')).toBe(true);
    expect(levelPasses('critical', 'warning')).toBe(true);
    expect(levelPasses('warning', 'critical')).toBe(false);
    expect(levelPasses('info', 'info')).toBe(true);
  });
});

describe('quiet hours', () => {
  it('wrap midnight: 22-07 is 22:00 to 06:59, start included, end excluded', () => {
    const q = parseQuietHours('22-07', 'utc');
    expect(q).toEqual({ start: 22, end: 7, tz: 'utc' });
    expect(inQuietHours(q, at(21, 59))).toBe(false);
    expect(inQuietHours(q, at(22))).toBe(true);
    expect(inQuietHours(q, at(3))).toBe(true);
    expect(inQuietHours(q, at(6, 59))).toBe(true);
    expect(inQuietHours(q, at(7))).toBe(false);
    expect(inQuietHours(q, at(12))).toBe(false);
  });

  it('within a day: 09-17', () => {
    const q = parseQuietHours('9:00-17:00', 'utc');
    expect(inQuietHours(q, at(8, 59))).toBe(false);
    expect(inQuietHours(q, at(9))).toBe(true);
    expect(inQuietHours(q, at(16, 59))).toBe(true);
    expect(inQuietHours(q, at(17))).toBe(false);
  });

  it('local hours follow the machine clock', () => {
    const q = parseQuietHours('22-07');
    const t = at(12);
    const h = new Date(t).getHours();
    expect(inQuietHours(q, t)).toBe(h >= 22 || h < 7);
    expect(quietHoursText(q)).toBe('22-07 local');
  });

  it.each(['22', '24-07', '7-7', 'night', '22-07-01'])('refuses %j', (text) => {
    expect(() => parseQuietHours(text)).toThrow(/whole hours 0-23/);
  });
});

describe('channel input', () => {
  const SLACK = 'https://hooks.slack.com/services/T0000/B0000/XXXXsecretXXXX';

  it('keeps only the origin of a webhook URL in the settings; the URL is the secret', () => {
    const { settings, secret } = validate({ kind: 'slack', name: 'ops', url: SLACK });
    expect(settings).toEqual({ kind: 'slack', minLevel: 'warning', target: 'https://hooks.slack.com' });
    expect(secret).toBe(SLACK);
    expect(JSON.stringify(settings)).not.toContain('XXXXsecret');
  });

  it('wants https except to this machine (a generic webhook may use http on the local network)', () => {
    expect(() => validate({ kind: 'slack', name: 'a', url: 'http://hooks.example.com/services/abcdef' })).toThrow(/https/);
    expect(validate({ kind: 'discord', name: 'a', url: 'http://127.0.0.1:9/api/webhooks/1/abc' }).settings).toMatchObject({ target: 'http://127.0.0.1:9' });
    expect(validate({ kind: 'webhook', name: 'a', url: 'http://192.168.1.5:8080/hook' }).settings).toMatchObject({ target: 'http://192.168.1.5:8080' });
  });

  it('never echoes a secret in a refusal', () => {
    const cases: ChannelInput[] = [
      { kind: 'slack', name: 'a', url: 'ftp://hooks.slack.com/services/T0/B0/topsecretvalue' },
      { kind: 'telegram', name: 'a', token: 'not a token topsecretvalue', chatId: '1' },
      { kind: 'email', name: 'a', host: 'smtp.example.com', pass: 'topsecretvalue', from: 'q@example.com', to: ['me@example.com'] },
    ];
    for (const input of cases) {
      let message = '';
      try {
        validate(input);
      } catch (err) {
        message = `${(err as Error).message} ${JSON.stringify((err as { details?: unknown }).details)}`;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('topsecretvalue');
    }
  });

  it('checks Telegram tokens and chat ids, email addresses and logins', () => {
    expect(validate({ kind: 'telegram', name: 't', token: '123456:ABCdef_ghi-jkl', chatId: '-100123' }).settings)
      .toEqual({ kind: 'telegram', minLevel: 'warning', chatId: '-100123', baseUrl: 'https://api.telegram.org' });
    expect(() => validate({ kind: 'telegram', name: 't', token: '123456:ABCdef_ghi-jkl', chatId: 'someone' })).toThrow(/chat-id/);
    expect(() => validate({ kind: 'email', name: 'e', host: 'h', from: 'nope', to: ['a@b.c'] })).toThrow(/--from/);
    expect(() => validate({ kind: 'email', name: 'e', host: 'h', from: 'q@b.c', to: ['a@b.c'], pass: 'abcd' })).toThrow(/--smtp-user/);
    expect(validate({ kind: 'email', name: 'e', host: 'h', from: 'Quorum <q@b.c>', to: ['a@b.c, d@e.f'] }).settings)
      .toMatchObject({ port: 587, to: ['a@b.c', 'd@e.f'] });
    expect(() => validate({ kind: 'slack', name: 'bad name', url: SLACK })).toThrow(/--name/);
  });
});

describe('masking', () => {
  it('masks a URL secret, its encoded form and its path', () => {
    const url = 'https://discord.com/api/webhooks/123/tok_en-abc';
    expect(secretForms(url)).toEqual(expect.arrayContaining([url, encodeURIComponent(url), '/api/webhooks/123/tok_en-abc']));
    const text = `failed ${url} and ${encodeURIComponent(url)} path /api/webhooks/123/tok_en-abc`;
    const masked = maskText(text, url, 500, new SecretRegistry());
    expect(masked).not.toContain('tok_en-abc');
    expect(masked).toContain('[REDACTED]');
  });

  it('masks a bot token inside its API URL, and clips', () => {
    const token = '123456:ABCdef_ghi-jkl';
    expect(maskText(`POST https://api.telegram.org/bot${token}/sendMessage`, token, 500, new SecretRegistry())).toBe('POST https://api.telegram.org/bot[REDACTED]/sendMessage');
    expect(maskText('x'.repeat(600), undefined, 100, new SecretRegistry())).toHaveLength(101);
  });
});

describe('messages', () => {
  const alert = { id: 7, time: Date.UTC(2026, 0, 1), level: 'critical' as const, source: 'breaker:drawdown', message: 'Circuit breaker drawdown tripped' };

  it('says how many identical alerts were folded in', () => {
    expect(alertText({ alert, repeats: 0 })).toBe('Quorum CRITICAL · breaker:drawdown\nCircuit breaker drawdown tripped');
    expect(alertText({ alert, repeats: 99 })).toContain('Circuit breaker drawdown tripped (and 99 more like it)');
    expect(emailSubject({ alert, repeats: 3 })).toBe('[Quorum] CRITICAL breaker:drawdown: Circuit breaker drawdown tripped');
    expect(webhookBody({ alert, repeats: 2 })).toMatchObject({ type: 'quorum.alert', alert: { ...alert, isoTime: '2026-01-01T00:00:00.000Z' }, repeats: 2 });
  });

  it('dedupes on source and message only', () => {
    expect(dedupeKey(alert)).toBe(dedupeKey({ ...alert }));
    expect(dedupeKey(alert)).not.toBe(dedupeKey({ ...alert, source: 'breaker:daily' }));
    expect(dedupeKey({ source: 'a', message: 'bc' })).not.toBe(dedupeKey({ source: 'ab', message: 'c' }));
  });
});
