// The Models page's channels through the engine's dispatcher, on a real SQLite file holding FIL/USDT 1m (August 2023):
// train → progress to 'finished' → listed with its manifest → its report; a long training cancelled leaves no files;
// bad requests refused naming the field; a duplicate name refused unless replaced; a walk-forward evaluation written
// beside the model; selecting it for the panel through the settings channel.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../shared/contract';
import { ModelManifestSchema } from '../../../shared/model-manifest';
import { ModelsProgressSchema, type ModelListEntry, type ModelReport, type ModelsProgress } from '../../../shared/models-contract';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import type { Engine } from '../../../electron/engine/engine';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';

const DATASET = 'binance:FIL/USDT:1m';

function value<T>(r: Reply): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe.skipIf(!hasSharedData)(hasSharedData ? 'models.* channels (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  let engine: Engine;
  const events: ModelsProgress[] = [];
  const ask = (channel: string, payload: unknown) => engine.dispatcher.dispatch(channel, payload);
  /** Resolves with the job's last event (finished, failed or cancelled). */
  const ended = (jobId: string) => engine.modelJobs.wait(jobId);

  beforeAll(async () => {
    engine = startTestEngine(dir);
    await engine.ready;
    engine.events.subscribe((event, payload) => {
      if (event === 'models.progress') events.push(ModelsProgressSchema.parse(payload));
    });
    await importCandleFile(new CandleStore(engine.store.db), sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'), { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
  }, 60_000);
  afterAll(async () => {
    await engine?.modelJobs.close();
    engine?.close();
  });

  it('trains a small GBDT: progress events end finished, the model is listed with its manifest, and its report reads', { timeout: 120_000 }, async () => {
    const { jobId } = value<{ jobId: string }>(await ask('models.train', { dataset: DATASET, kind: 'gbdt', name: 'fil-gbdt', seed: 3, horizon: 5, params: { nEstimators: 20, maxDepth: 4 } }));
    expect(jobId).toMatch(/^mj-\d+$/);
    const last = await ended(jobId);
    expect(last, JSON.stringify(last)).toMatchObject({ jobId, kind: 'train', state: 'finished', name: 'fil-gbdt' });
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine[0]).toMatchObject({ state: 'running', done: 0 });
    expect(mine.some((e) => e.state === 'running' && e.total === 20 && /training: /.test(e.message))).toBe(true);
    expect(mine.at(-1)).toEqual(last);
    expect(mine.filter((e) => e.state !== 'running')).toHaveLength(1);
    expect(last.message).toMatch(/validation accuracy 0\.\d{4}, log-loss 0\.\d{4}/);

    const list = value<ModelListEntry[]>(await ask('models.list', {}));
    const entry = list.find((m) => m.name === 'fil-gbdt');
    expect(entry).toMatchObject({ origin: 'user', hasReport: true, hasEvaluation: false });
    expect(entry?.problem).toBeUndefined();
    const manifest = ModelManifestSchema.parse(entry?.manifest);
    expect(manifest).toMatchObject({ name: 'fil-gbdt', kind: 'gbdt', seed: 3, label: { horizon: 5, deadZone: 0 }, params: { maxDepth: 4, nEstimators: 20 } });
    expect(manifest.data).toMatchObject({ dataset: DATASET, timeframe: '1m' });
    expect(manifest.command).toBe('quorum train --data binance:FIL/USDT:1m --model gbdt --name fil-gbdt --seed 3 --horizon 5 --dead-zone 0 --validation 0.2 --set maxDepth=4 --set nEstimators=20');
    expect(manifest.metrics.validation.rows).toBeGreaterThan(5_000);
    const userDir = engine.models.userDir;
    expect(readdirSync(userDir).sort()).toEqual(['fil-gbdt.manifest.json', 'fil-gbdt.onnx', 'fil-gbdt.report.md']);

    const report = value<ModelReport>(await ask('models.report', { name: 'fil-gbdt' }));
    expect(report.markdown).toMatch(/^# Model fil-gbdt/);
    expect(report.markdown).toContain(manifest.command);
    expect(report.evaluation).toBeUndefined();
    // The library resolves it: the Predictor can load it.
    expect(engine.models.resolve('fil-gbdt').manifest.onnxSha256).toBe(manifest.onnxSha256);
  });

  it('cancels a long training: the last event is cancelled and no file is left', { timeout: 120_000 }, async () => {
    const before = readdirSync(engine.models.userDir).sort();
    const { jobId } = value<{ jobId: string }>(await ask('models.train', { dataset: DATASET, kind: 'gbdt', name: 'fil-long', params: { nEstimators: 5_000, earlyStoppingRounds: 0 } }));
    // A second job while one runs is refused, naming the running one.
    expect(await ask('models.train', { dataset: DATASET, kind: 'logreg', name: 'other' })).toMatchObject({ ok: false, error: { code: 'MODEL_BUSY', field: 'jobId' } });
    await expect.poll(() => events.some((e) => e.jobId === jobId && /training: /.test(e.message)), { timeout: 60_000, interval: 20 }).toBe(true);
    expect(value<{ cancelled: boolean }>(await ask('models.cancel', { jobId }))).toEqual({ cancelled: true });
    const last = await ended(jobId);
    expect(last).toMatchObject({ jobId, state: 'cancelled', name: 'fil-long' });
    expect(last.done).toBeLessThan(5_000);
    expect(readdirSync(engine.models.userDir).sort()).toEqual(before);
    expect(value<ModelListEntry[]>(await ask('models.list', {})).map((m) => m.name)).not.toContain('fil-long');
    // Cancelling a job that ended, or one that never was, says so.
    expect(value<{ cancelled: boolean }>(await ask('models.cancel', { jobId }))).toEqual({ cancelled: false });
    expect(value<{ cancelled: boolean }>(await ask('models.cancel', { jobId: 'mj-999' }))).toEqual({ cancelled: false });
  });

  it('refuses bad requests in the contract, naming the field', async () => {
    const refused = async (payload: unknown) => {
      const r = await ask('models.train', payload);
      if (r.ok) throw new Error(`accepted ${JSON.stringify(payload)}`);
      return r.error;
    };
    const base = { dataset: DATASET, kind: 'logreg', name: 'ok-name' };
    expect(await refused({ ...base, kind: 'svm' })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'kind' });
    expect(await refused({ ...base, name: 'bad name!' })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'name' });
    expect(await refused({ ...base, name: '../escape' })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'name' });
    expect(await refused({ ...base, dataset: '/etc/passwd' })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'dataset' });
    expect(await refused({ ...base, horizon: 0 })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'horizon' });
    expect(await refused({ ...base, extra: 1 })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'extra' });
    expect(await refused({ ...base, from: 2, to: 1 })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'from' });
    // Past the contract: an option the trainer does not take, a dataset that is not stored.
    expect(await refused({ ...base, params: { nEstimators: 5 } })).toMatchObject({ code: 'MODEL_PARAM_UNKNOWN', field: 'params.nEstimators' });
    expect(await refused({ ...base, dataset: 'binance:NOPE/USDT:1m' })).toMatchObject({ code: 'DATA_NOT_FOUND', field: 'dataset' });
    expect(await refused({ ...base, kind: 'gru', params: { nEstimators: 5 } })).toMatchObject({ code: 'MODEL_PARAM_UNKNOWN', field: 'params.nEstimators' });
    expect(await ask('models.report', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND', field: 'name' } });
    expect(await ask('models.evaluate', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_FOUND', field: 'name' } });
    expect(await ask('models.evaluate', { name: 'fil-gbdt', train: '30 days' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'train' } });
  });

  it('refuses a duplicate name unless replace is given; a failed training reaches the event with its message', { timeout: 120_000 }, async () => {
    expect(await ask('models.train', { dataset: DATASET, kind: 'logreg', name: 'fil-gbdt' })).toMatchObject({ ok: false, error: { code: 'MODEL_EXISTS', field: 'name' } });
    const sha = ModelManifestSchema.parse(JSON.parse(readFileSync(join(engine.models.userDir, 'fil-gbdt.manifest.json'), 'utf8'))).onnxSha256;
    // A trainer option out of range passes the contract and fails in the trainer: a failed event, no files touched.
    const bad = value<{ jobId: string }>(await ask('models.train', { dataset: DATASET, kind: 'gbdt', name: 'fil-gbdt', replace: true, params: { nEstimators: 0 } }));
    expect(await ended(bad.jobId)).toMatchObject({ state: 'failed', error: expect.stringMatching(/nEstimators/) });
    expect(engine.models.resolve('fil-gbdt').manifest.onnxSha256).toBe(sha);
    // Replaced: a logistic regression under the same name, on the first ten days.
    const { jobId } = value<{ jobId: string }>(await ask('models.train', {
      dataset: DATASET, kind: 'logreg', name: 'fil-gbdt', replace: true, from: Date.UTC(2023, 7, 1), to: Date.UTC(2023, 7, 10), validationFraction: 0.25, horizon: 10, deadZone: 0.001,
    }));
    expect(await ended(jobId)).toMatchObject({ state: 'finished' });
    const replaced = engine.models.resolve('fil-gbdt').manifest;
    expect(replaced).toMatchObject({ kind: 'logreg', label: { horizon: 10, deadZone: 0.001 } });
    expect(replaced.data.validation.to).toBeLessThanOrEqual(Date.UTC(2023, 7, 10));
    expect(replaced.command).toContain('--from 2023-08-01T00:00:00Z --to 2023-08-10T00:00:00Z');
    expect(readdirSync(engine.models.userDir).filter((f) => f.startsWith('.partial'))).toEqual([]);
  });

  it('evaluates a model walk-forward on its own dataset and writes NAME.evaluation.md beside it', { timeout: 300_000 }, async () => {
    const trained = value<{ jobId: string }>(await ask('models.train', { dataset: DATASET, kind: 'logreg', name: 'fil-logreg', seed: 2 }));
    expect(await ended(trained.jobId)).toMatchObject({ state: 'finished' });
    const { jobId } = value<{ jobId: string }>(await ask('models.evaluate', { name: 'fil-logreg' }));
    const last = await ended(jobId);
    expect(last, JSON.stringify(last)).toMatchObject({ kind: 'evaluate', state: 'finished', name: 'fil-logreg' });
    expect(events.some((e) => e.jobId === jobId && /window \d+/.test(e.message))).toBe(true);
    expect(existsSync(join(engine.models.userDir, 'fil-logreg.evaluation.md'))).toBe(true);
    const report = value<ModelReport>(await ask('models.report', { name: 'fil-logreg' }));
    expect(report.evaluation).toMatch(/# Walk-forward evaluation: logreg on FIL\/USDT 1m/);
    expect(report.evaluation).toMatch(/train 15d, test 3d/);
    const entry = value<ModelListEntry[]>(await ask('models.list', {})).find((m) => m.name === 'fil-logreg');
    expect(entry).toMatchObject({ hasEvaluation: true });
    expect(entry?.problem).toBeUndefined();
    expect(entry?.manifest?.metrics.walkForward?.rows).toBeGreaterThan(1_000);
  });

  it('selects a model for the panel through the settings channel, and clears it', async () => {
    expect(value<{ panel: { predictor: { model: string } } }>(await ask('settings.update', { panel: { predictor: { model: 'fil-logreg' } } })).panel.predictor.model).toBe('fil-logreg');
    expect(engine.settings.load().panel.predictor.model).toBe('fil-logreg');
    expect(value<{ panel: { predictor: { model: string } } }>(await ask('settings.update', { panel: { predictor: { model: '' } } })).panel.predictor.model).toBe('');
  });
});
