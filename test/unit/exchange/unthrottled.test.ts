// ccxt's client-side limiter is off exactly while urgent work runs, also when such work nests or overlaps.
import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { unthrottled } from '../../../electron/engine/exchange/unthrottled';

describe('unthrottled', () => {
  it('turns the limiter off for the work and back on after, across nested and overlapping uses, and after a failure', async () => {
    const ex = { enableRateLimit: true } as Exchange;
    let release!: () => void;
    const slow = unthrottled(ex, () => new Promise<void>((r) => (release = r)));
    await unthrottled(ex, async () => {
      expect(ex.enableRateLimit).toBe(false);
      await unthrottled(ex, async () => expect(ex.enableRateLimit).toBe(false));
    });
    expect(ex.enableRateLimit).toBe(false); // the slow one still runs
    await expect(unthrottled(ex, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    release();
    await slow;
    expect(ex.enableRateLimit).toBe(true);
  });

  it('leaves a limiter that was off, off', async () => {
    const ex = { enableRateLimit: false } as Exchange;
    await unthrottled(ex, async () => undefined);
    expect(ex.enableRateLimit).toBe(false);
  });
});
