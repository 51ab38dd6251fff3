// The Predictor in the assembled app: a model trained here, picked in Settings or with --param predictor.model, votes
// in backtests (batched onnxruntime calls) and in paper sessions on the exchange emulator (one row per bar); its
// stored holds get their reasons back; a model made for other features is refused naming both hashes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { Engine } from '../../../electron/engine/engine';
import { codeFeatureHash } from '../../../electron/engine/ml/features/hash';
import { manifestPath } from '../../../electron/engine/ml/model-library';
import { trainModel, writeModelFiles } from '../../../electron/engine/ml/train-model';
import { candleAt, sliceSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { BinanceEmulator } from '../../emulator';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { readBinanceCsv } from '../../support/binance-csv';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { batchEqualsStream } from '../../support/predictor-votes';
import { tempDir } from '../../support/temp';

const MODEL = 'fil-gbdt';
const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';

describe.skipIf(!hasSharedData)(hasSharedData ? 'the Predictor in the assembled app (FIL/USDT 1m)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  const modelsDir = join(dir, 'models');
  let series: CandleSeries;

  beforeAll(async () => {
    series = readBinanceCsv(FILE);
    mkdirSync(modelsDir, { recursive: true });
    // Two weeks to learn from; the backtests below run on the rest of the month.
    const trained = await trainModel({
      name: MODEL, kind: 'gbdt', dataset: FILE, timeframe: '1m', series, to: series.time[20_000], seed: 7,
      params: { nEstimators: 40, maxDepth: 4 }, command: 'test',
    });
    writeModelFiles(modelsDir, trained);
  }, 120_000);

  it('votes the same in batch (chunked calls) and in streaming (one row per bar)', async () => {
    const { batch, votes } = await batchEqualsStream(join(modelsDir, `${MODEL}.onnx`), { name: MODEL, kind: 'gbdt' }, sliceSeries(series, 0, 1_500), 256);
    const voted = votes.filter((v) => !v.abstained).length;
    expect(voted).toBeGreaterThan(1_200);
    expect(batch.vote(1_000).reasons[0]).toMatch(/^model fil-gbdt \(gbdt\): P\(up over next 5 bars\)=0\.\d{3}$/);
    await batch.close();
  });

  it('votes in an engine backtest picked by --param predictor.model, and its holds get their votes back', async () => {
    const engine = Engine.start({ dbPath: join(dir, 'bt.db'), host: 'test', logger: captureLogger().logger });
    try {
      await importCandleFile(new CandleStore(engine.store.db), FILE, { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
      const from = series.time[25_000];
      const to = series.time[27_000];
      const data = 'binance:FIL/USDT:1m';
      const { jobId, runId } = await engine.backtests.start({ data, strategy: 'panel', params: { 'predictor.model': MODEL }, from, to });
      expect(await engine.backtests.wait(jobId)).toMatchObject({ state: 'finished' });
      const day = await engine.runDecisions.decisions(runId, { from, to: from + 3_600_000 });
      expect(day.length).toBe(60);
      // Holds are stored without reasons: these came back by running the model again on the run's candles.
      expect(day.filter((d) => d.action === 'hold').length).toBeGreaterThan(30);
      for (const d of day) {
        expect(d.votes.map((v) => v.agent)).toEqual(['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'Predictor', 'RiskAudit']);
        const p = d.votes[4];
        expect(p.abstained ?? false).toBe(false);
        expect(p.reasons[0]).toMatch(/^model fil-gbdt \(gbdt\): P\(up over next 5 bars\)=/);
      }
      // Without the param and with no model in Settings, the panel has no Predictor at all.
      const plain = await engine.backtests.start({ data, strategy: 'panel', from, to });
      await engine.backtests.wait(plain.jobId);
      const [first] = await engine.runDecisions.decisions(plain.runId, { from, to: from + 60_000 });
      expect(first.votes.map((v) => v.agent)).not.toContain('Predictor');
    } finally {
      engine.close();
    }
  }, 120_000);

  it('is selected in Settings for the paper desk, and votes on every live bar', async () => {
    const emulator = await BinanceEmulator.start({ series: { FILUSDT: Array.from({ length: 3_000 }, (_, i) => candleAt(series, i)) }, interval: '1m', startIndex: 1_200, balances: { USDT: 10_000 } });
    const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1;
    const deskDir = join(dir, 'desk');
    mkdirSync(join(deskDir, 'models'), { recursive: true });
    for (const ext of ['.onnx', '.manifest.json', '.report.md']) copyFileSync(join(modelsDir, MODEL + ext), join(deskDir, 'models', MODEL + ext));
    const engine = Engine.start({ dbPath: join(deskDir, 'desk.db'), host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, credentials: memoryCredentials(), deskPollMs: 0, now });
    const decisions: Decision[] = [];
    engine.events.subscribe((event, payload) => { if (event === 'decision.made') decisions.push(payload as Decision); });
    try {
      engine.updateSettings({ panel: { predictor: { model: MODEL } } });
      expect(engine.models.list()).toContainEqual(expect.objectContaining({ name: MODEL, origin: 'user', manifest: expect.objectContaining({ kind: 'gbdt' }) }));
      await engine.startDesk({ account: 'binance', symbol: 'FIL/USDT', timeframe: '1m', strategy: 'panel', params: {}, mode: 'paper', cash: 10_000, windowBars: 600 });
      for (let i = 0; i < 20; i++) {
        emulator.advance(1);
        await engine.desk.step();
      }
      expect(decisions).toHaveLength(20);
      for (const d of decisions) {
        const p = d.votes.find((v) => v.agent === 'Predictor');
        expect(p?.abstained ?? false).toBe(false);
        expect(p?.reasons[0]).toMatch(/^model fil-gbdt \(gbdt\): P\(up over next 5 bars\)=/);
      }
    } finally {
      await engine.stopDesk();
      engine.close();
      await emulator.close();
    }
  }, 120_000);

  it('refuses a model trained on other features, naming both hashes', async () => {
    const otherDir = join(dir, 'other');
    mkdirSync(join(otherDir, 'models'), { recursive: true });
    const manifest = JSON.parse(readFileSync(manifestPath(join(modelsDir, `${MODEL}.onnx`)), 'utf8'));
    const stale = 'ab'.repeat(32);
    copyFileSync(join(modelsDir, `${MODEL}.onnx`), join(otherDir, 'models', `${MODEL}.onnx`));
    writeFileSync(join(otherDir, 'models', `${MODEL}.manifest.json`), JSON.stringify({ ...manifest, features: { ...manifest.features, hash: stale } }));
    const engine = Engine.start({ dbPath: join(otherDir, 'q.db'), host: 'test', logger: captureLogger().logger });
    try {
      const entry = engine.models.list().find((m) => m.origin === 'user');
      if (!entry) throw new Error('the copied model is not listed');
      expect(entry.problem).toContain(stale);
      expect(entry.problem).toContain(codeFeatureHash());
      await expect(engine.backtests.start({ data: FILE, strategy: 'panel', params: { 'predictor.model': MODEL }, from: series.time[25_000], to: series.time[25_500] }))
        .rejects.toThrow(new RegExp(`${stale}.*${codeFeatureHash()}`));
    } finally {
      engine.close();
    }
  });
});
