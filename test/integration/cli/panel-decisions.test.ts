// The agent panel over the real BTC/USDT 1h data: a decision for every candle, stored with every vote and its
// reasons, and queryable with `quorum decisions --run ID --json`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const AGENTS = ['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'RiskAudit'];

describe.skipIf(!hasSharedData)('panel decisions on BTC/USDT 1h', () => {
  it('stores every candle decision with all five votes and their reasons', async () => {
    const db = join(tempDir(), 'panel.db');
    const data = sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz');
    const run = await quorum('backtest', '--data', data, '--strategy', 'panel', '--sizing', 'all-in', '--commission', '0.001', '--db', db);
    expect(run.code).toBe(0);
    const runId = /Run stored as #(\d+)/.exec(run.out + run.err)?.[1];
    expect(runId).toBeDefined();

    const out = JSON.parse((await quorum('decisions', '--run', runId!, '--json', '--db', db)).out) as { run: { strategy: string }; decisions: Decision[] };
    expect(out.run.strategy).toBe('panel');
    const all = out.decisions;
    expect(all).toHaveLength(5_217);
    for (const d of all) expect(d.votes.map((v) => v.agent)).toEqual(AGENTS);
    const acting = all.filter((d) => d.action !== 'hold');
    expect(acting.filter((d) => d.action === 'buy').length).toBeGreaterThan(20);
    expect(acting.filter((d) => d.action === 'exit').length).toBeGreaterThan(20);
    const buy = acting.find((d) => d.action === 'buy')!;
    expect(buy.score).toBeGreaterThanOrEqual(0.3);
    expect(buy.alignment).toMatch(/^(aligned|opposed|neutral)$/);
    expect(buy.votes[0].reasons.join(' ')).toMatch(/RSI\(14\)=\d+\.\d/);
    expect(buy.votes[1].reasons.join(' ')).toMatch(/EMA|ROC|trend/);

    const actionsOnly = JSON.parse((await quorum('decisions', '--run', runId!, '--json', '--actions-only', '--db', db)).out) as { decisions: Decision[] };
    expect(actionsOnly.decisions).toEqual(acting);
  });
});
