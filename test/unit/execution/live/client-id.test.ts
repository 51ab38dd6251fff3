// Wire client ids: always acceptable to Binance, deterministic, and distinct for distinct decisions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWireSafe, wireClientId } from '../../../../electron/engine/execution/journal';

describe('wireClientId', () => {
  it('passes valid ids through unchanged', () => {
    expect(wireClientId('q-1700000000000-1')).toBe('q-1700000000000-1');
    expect(wireClientId('a'.repeat(36))).toBe('a'.repeat(36));
  });

  it('hashes ids that are too long or use other characters', () => {
    const id = wireClientId('run7:BTC/USDT:1700000000000:1');
    expect(id).toMatch(/^q-[A-Za-z0-9_-]{34}$/);
    expect(wireClientId('a'.repeat(37))).toHaveLength(36);
  });

  it('is always wire-safe and deterministic', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (raw) => {
      const id = wireClientId(raw);
      return (raw === '' || isWireSafe(id)) && id === wireClientId(raw);
    }));
  });

  it('keeps distinct decisions apart', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 2, maxLength: 50 }), (ids) => {
      return new Set(ids.map(wireClientId)).size === ids.length;
    }));
  });
});
