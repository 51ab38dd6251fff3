// The sequence model end to end on real candles (FIL/USDT 1m): trained by trainModel (kind 'gru'), exported with
// ONNX's GRU operator and checked in onnxruntime on its validation windows, the same votes from the Predictor in batch
// (chunked calls of [N, T, F] windows) and bar by bar, picked from the library by an engine backtest, and judged
// walk-forward like the tabular kinds. Small settings keep it quick; the full-size numbers are in the README.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelManifestSchema } from '../../../shared/model-manifest';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { Engine } from '../../../electron/engine/engine';
import { evaluateWalkForward } from '../../../electron/engine/ml/evaluate/walk-forward';
import { OnnxRunner } from '../../../electron/engine/ml/onnx';
import { checkModelFeatures } from '../../../electron/engine/ml/predictor/load-model';
import { trainModel, writeModelFiles, type TrainedModel } from '../../../electron/engine/ml/train-model';
import { sliceSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { readBinanceCsv } from '../../support/binance-csv';
import { captureLogger } from '../../support/engine';
import { batchEqualsStream } from '../../support/predictor-votes';
import { tempDir } from '../../support/temp';

const MODEL = 'fil-gru';
const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
const T = 16;
const PARAMS = { hiddenSize: 8, seqLength: T, maxEpochs: 3, epochFraction: 0.5 };

describe.skipIf(!hasSharedData)(hasSharedData ? 'the GRU on FIL/USDT 1m' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  const modelsDir = join(dir, 'models');
  let series: CandleSeries;
  let trained: TrainedModel;

  beforeAll(async () => {
    series = readBinanceCsv(FILE);
    mkdirSync(modelsDir, { recursive: true });
    // About eight days to learn from (the last fifth for early stopping); the backtests run later in the month.
    trained = await trainModel({ name: MODEL, kind: 'gru', dataset: FILE, timeframe: '1m', series, to: series.time[12_000], seed: 7, params: PARAMS, command: 'test' });
    writeModelFiles(modelsDir, trained);
  }, 60_000);

  it('is exported with the GRU operator, checked in onnxruntime to 1e-5, with a gru manifest', async () => {
    expect(trained.exportError).toBeLessThanOrEqual(1e-5);
    expect(trained.model.kind).toBe('gru');
    const m = ModelManifestSchema.parse(trained.manifest);
    expect(m.kind).toBe('gru');
    expect(m.params).toEqual(PARAMS);
    expect(m.data.validation.rows).toBeGreaterThan(2_000);
    // The first sample is the first bar with T complete feature rows behind it.
    expect(m.data.train.from).toBeGreaterThanOrEqual(series.time[199 + T - 1]);
    expect(m.metrics.validation.rows).toBe(m.data.validation.rows);
    expect(Number.isFinite(m.metrics.validation.logLoss)).toBe(true);
    const runner = await OnnxRunner.load(trained.bytes);
    try {
      expect(runner.rowShape).toEqual([T, 61]);
      expect(runner.metadata['quorum.model.kind']).toBe('gru');
      await expect(checkModelFeatures(MODEL, runner)).resolves.toBeUndefined();
    } finally {
      await runner.close();
    }
  });

  it('gives the same bytes for the same data, params and seed', async () => {
    const again = await trainModel({ name: MODEL, kind: 'gru', dataset: FILE, timeframe: '1m', series, to: series.time[12_000], seed: 7, params: PARAMS, command: 'test' });
    expect(again.manifest.onnxSha256).toBe(trained.manifest.onnxSha256);
    expect(Buffer.from(again.bytes).equals(Buffer.from(trained.bytes))).toBe(true);
  }, 60_000);

  it('votes the same in batch (chunked [N, T, F] calls) and in streaming (one window per bar)', async () => {
    const part = sliceSeries(series, 12_000, 13_500);
    const { batch, votes } = await batchEqualsStream(join(modelsDir, `${MODEL}.onnx`), { name: MODEL, kind: 'gru' }, part, 100);
    // Features warm up over 199 bars, then the window needs T rows.
    votes.forEach((v, i) => expect(v.abstained ?? false, `bar ${i}`).toBe(i < 199 + T - 1));
    const voted = votes.filter((v) => !v.abstained).length;
    expect(voted).toBe(part.length - (199 + T - 1));
    expect(batch.vote(1_000).reasons[0]).toMatch(/^model fil-gru \(gru\): P\(up over next 5 bars\)=0\.\d{3}$/);
    await batch.close();
  });

  it('votes in an engine backtest picked by --param predictor.model', async () => {
    const engine = Engine.start({ dbPath: join(dir, 'bt.db'), host: 'test', logger: captureLogger().logger });
    try {
      await importCandleFile(new CandleStore(engine.store.db), FILE, { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
      const from = series.time[25_000];
      const to = series.time[26_000];
      const { jobId, runId } = await engine.backtests.start({ data: 'binance:FIL/USDT:1m', strategy: 'panel', params: { 'predictor.model': MODEL }, from, to });
      expect(await engine.backtests.wait(jobId)).toMatchObject({ state: 'finished' });
      const hour = await engine.runDecisions.decisions(runId, { from, to: from + 3_600_000 });
      expect(hour.length).toBe(60);
      for (const d of hour) {
        const p = d.votes.find((v) => v.agent === 'Predictor');
        expect(p?.abstained ?? false).toBe(false);
        expect(p?.reasons[0]).toMatch(/^model fil-gru \(gru\): P\(up over next 5 bars\)=/);
      }
    } finally {
      engine.close();
    }
  }, 60_000);

  it('is judged walk-forward like the other kinds: scores per window, the panel with its model', async () => {
    const evaluation = await evaluateWalkForward({
      series: sliceSeries(series, 0, 10_000), symbol: 'FIL/USDT', kind: 'gru', params: PARAMS, seed: 3,
      train: { bars: 7_000 }, test: { bars: 3_000 },
    });
    expect(evaluation.kind).toBe('gru');
    expect(evaluation.windows).toHaveLength(1);
    const [w] = evaluation.windows;
    expect(w.test.rows).toBeGreaterThan(2_500);
    expect(w.scores.rows).toBe(w.test.rows);
    expect(Number.isFinite(w.scores.logLoss)).toBe(true);
    expect(Number.isFinite(w.panelWithModel.returnPct)).toBe(true);
    // With the model voting, the panel decides differently from without it on at least some bars.
    expect(w.panelWithModel).not.toEqual(w.panel);
  }, 60_000);
});
