// `quorum evaluate`: a short walk-forward run of logistic regression on real FIL/USDT 1m prints the windows, pooled
// scores and a plain verdict against the constant-prior baseline; --json carries the same numbers; --out writes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WalkForwardEvaluation } from '../../../electron/engine/ml/evaluate/walk-forward';
import { walkForwardReport, type WalkForwardContext } from '../../../electron/engine/ml/reports/walk-forward-report';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
/** Seventeen days: train 7 days, test 3 → three windows, testing Aug 8–10, 11–13 and 14–16. */
const RUN = ['--data', FILE, '--model', 'logreg', '--train', '7d', '--test', '3d', '--to', '2023-08-16T23:59:00Z'];

interface Scores {
  rows: number;
  logLoss: number;
  auc: number;
  accuracy: number;
}

describe.skipIf(!hasSharedData)(hasSharedData ? 'quorum evaluate (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();

  it('prints the walk-forward report: windows, pooled scores, calibration, returns and a plain verdict', { timeout: 60_000 }, async () => {
    const out = join(dir, 'wf.md');
    const r = await quorum('evaluate', ...RUN, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^# Walk-forward evaluation: logreg on FIL\/USDT 1m/);
    for (const heading of ['## Verdict', '## Windows (out of sample)', '## Pooled scores (every test row)', '### Calibration', '## Returns']) expect(r.out).toContain(heading);
    const windowRows = r.out.split('\n').filter((l) => /^\| \d+ \| 2023-08-/.test(l));
    expect(windowRows).toHaveLength(3);
    expect(windowRows[0]).toContain('2023-08-08 00:00 → 2023-08-10 23:59');
    expect(r.out).toMatch(/\*\*The model (beats|does not beat) the baseline\.\*\*/);
    expect(r.out).toMatch(/\*\*The (panel with the model did (better|worse) than without it|model made no difference to the panel):\*\*/);
    expect(r.out).toMatch(/Against buy & hold \([+-]\d+\.\d\d %\)/);
    expect(r.err).toMatch(/evaluate \[#+\] 3\/3 \(100%\) done/);
    expect(readFileSync(out, 'utf8')).toBe(r.out.replace(/\n$/, ''));
  });

  it('prints JSON with every window, the pooled scores against the baseline and the verdict', { timeout: 60_000 }, async () => {
    const r = await quorum('evaluate', ...RUN, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as {
      kind: string; windows: { scores: Scores; baselineLogLoss: number; test: { rows: number } }[]; pooled: Scores; pooledBaselineLogLoss: number;
      compounded: { panel: number; panelWithModel: number; buyHold: number }; verdict: { beatsBaseline: boolean; modelHelpsPanel: boolean; beatsBuyHold: boolean };
    };
    expect(doc.kind).toBe('logreg');
    expect(doc.windows).toHaveLength(3);
    expect(doc.pooled.rows).toBe(doc.windows.reduce((n, w) => n + w.test.rows, 0));
    expect(doc.pooled.rows).toBeGreaterThan(5_000);
    for (const v of [doc.pooled.logLoss, doc.pooled.auc, doc.pooled.accuracy, doc.pooledBaselineLogLoss]) expect(Number.isFinite(v)).toBe(true);
    expect(doc.verdict.beatsBaseline).toBe(doc.pooled.logLoss < doc.pooledBaselineLogLoss && doc.pooled.auc > 0.5);
    expect(doc.verdict.modelHelpsPanel).toBe(doc.compounded.panelWithModel > doc.compounded.panel);

    // The report's verdict follows the pooled scores: both ways, in plain words.
    const { context, ...evaluation } = JSON.parse(r.out) as WalkForwardEvaluation & { context: WalkForwardContext };
    const base = evaluation.pooledBaselineLogLoss;
    const verdict = (logLoss: number, auc: number) =>
      walkForwardReport({ ...evaluation, pooled: { ...evaluation.pooled, logLoss, auc } }, context).split('## Windows')[0];
    expect(verdict(base - 0.01, 0.55)).toMatch(/\*\*The model beats the baseline\.\*\* .* is below the \d\.\d{4} of always answering/);
    const worse = verdict(base + 0.01, 0.55);
    expect(worse).toMatch(/\*\*The model does not beat the baseline\.\*\* .* is not below the/);
    expect(worse).toMatch(/Its AUC 0\.550 is above 0\.5, but its probabilities are further from what happened than the constant prior's/);
    expect(worse).toMatch(/treat its votes as noise/);
    expect(verdict(base - 0.01, 0.5)).toMatch(/does not beat the baseline\.\*\* .*its AUC 0\.500 is not above 0\.5/);
  });

  it('says when no window fits, and refuses a bad span', async () => {
    const none = await quorum('evaluate', '--data', FILE, '--model', 'logreg', '--train', '40d', '--test', '3d');
    expect(none.code).toBe(2); // a usage error: the spans do not fit the data
    expect(none.err).toMatch(/No walk-forward window fits in the data/);
    const bad = await quorum('evaluate', '--data', FILE, '--model', 'logreg', '--train', 'week');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--train must look like 30d/);
  });
});
