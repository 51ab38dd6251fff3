// A session's risk refusals as alerts: each kind once (the numbers in a reason change every bar, its kind does not),
// again when another kind came in between or an hour has passed.
import { describe, expect, it } from 'vitest';
import { refusalKind, RefusalNotices, REPEAT_AFTER_MS } from '../../../electron/engine/accounts/refusal-notices';

describe('refusal notices', () => {
  it('tells each kind of refusal once, again after another kind or an hour', () => {
    const n = new RefusalNotices();
    const notional = (x: string) => `order BTC/USDT notional ${x} USDT > 1,000.00 USDT limit`;
    expect(refusalKind(notional('2,497.50'))).toBe('order BTC/USDT notional # USDT > # USDT limit');
    expect(n.isNews(notional('2,497.50'), 0)).toBe(true);
    expect(n.isNews(notional('2,512.13'), 60_000)).toBe(false);
    expect(n.isNews('open orders would be 21 > 20 limit', 120_000)).toBe(true);
    expect(n.isNews(notional('2,500.00'), 180_000)).toBe(true);
    expect(n.isNews(notional('2,500.00'), 180_000 + REPEAT_AFTER_MS - 1)).toBe(false);
    expect(n.isNews(notional('2,500.00'), 180_000 + REPEAT_AFTER_MS)).toBe(true);
  });
});
