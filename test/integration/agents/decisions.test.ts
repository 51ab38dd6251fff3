// Over real BTC/USDT 1h candles the panel trades: some buys and exits, not all hold; every decision fits the contract.
import { describe, expect, it } from 'vitest';
import { DecisionSchema } from '../../../shared/domain';
import { AgentPanel } from '../../../electron/engine/agents';
import type { Position } from '../../../electron/engine/model/order';
import { hasSharedData, SHARED_SKIP_REASON } from '../../shared-data';
import { BTC_1H, loadFreqtrade } from './real-candles';

if (!hasSharedData) console.warn(SHARED_SKIP_REASON);

describe.skipIf(!hasSharedData)('panel decisions on BTC/USDT 1h', () => {
  it('produces non-trivial actions', () => {
    const series = loadFreqtrade(BTC_1H);
    const panel = new AgentPanel();
    panel.prepare(series);
    const actions: Record<string, number> = { buy: 0, sell: 0, exit: 0, hold: 0 };
    const tags: Record<string, number> = {};
    let vetoes = 0;
    let position: Position | undefined;
    for (let i = 0; i < series.length; i++) {
      const d = panel.decide({ index: i, series, symbol: 'BTC/USDT', position, equity: 10_000, cash: 10_000 });
      if (i % 97 === 0) DecisionSchema.parse(d);
      actions[d.action]++;
      tags[`${d.regime}/${d.alignment}`] = (tags[`${d.regime}/${d.alignment}`] ?? 0) + 1;
      if (d.veto) vetoes++;
      if (d.action === 'buy') position = { symbol: 'BTC/USDT', size: 1, entryPrice: series.close[i], openedAt: d.time };
      else if (d.action === 'exit') position = undefined;
    }
    console.log(`BTC/USDT 1h, ${series.length} bars: actions ${JSON.stringify(actions)}, vetoes ${vetoes}`);
    console.log(`regime/alignment: ${JSON.stringify(tags)}`);
    expect(actions.buy).toBeGreaterThan(0);
    expect(actions.exit).toBeGreaterThan(0);
    expect(actions.sell).toBe(0);
    expect(actions.hold).toBeLessThan(series.length);
  });

  it('goes short only when shorts are allowed', () => {
    const series = loadFreqtrade(BTC_1H);
    const panel = new AgentPanel({ settings: { allowShort: true } });
    panel.prepare(series);
    let sells = 0;
    for (let i = 0; i < series.length; i++) {
      if (panel.decide({ index: i, series, symbol: 'BTC/USDT', position: undefined, equity: 1, cash: 1 }).action === 'sell') sells++;
    }
    console.log(`flat all along with shorts allowed: ${sells} short entries`);
    expect(sells).toBeGreaterThan(0);
  });
});
