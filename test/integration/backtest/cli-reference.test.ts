// The CLI flags that reproduce other tools' published runs (the engine side is tested in test/reference/backtest).
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';

describe.skipIf(!hasSharedData)('quorum backtest reproduces published runs', () => {
  it('backtesting.py README SmaCross on GOOG with --spread and --exposure closed-trades', async () => {
    const r = await quorum('backtest', '--data', sharedPath('data', 'backtesting.py', 'GOOG.csv'), '--strategy', 'sma-cross',
      '--param', 'fast=10', '--param', 'slow=20', '--allow-short', '--cash', '10000', '--spread', '0.002', '--exposure', 'closed-trades', '--no-risk', '--no-store', '--json', '-');
    expect(r.code).toBe(0);
    const { stats } = JSON.parse(r.out);
    expect(stats.finalEquity.toFixed(2)).toBe('68935.12');
    expect(stats.exposurePct.toFixed(2)).toBe('94.27');
    expect(stats.trades).toBe(93);
  });
});
