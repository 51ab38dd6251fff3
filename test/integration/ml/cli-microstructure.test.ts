// Microstructure features from a real Binance kline month (FIL/USDT 1m): `quorum features --microstructure` adds the
// taker-buy share and trade-count columns read from the file itself (equal to an independent split-based reading),
// `quorum train --microstructure` records them in the manifest and the ONNX metadata, `quorum predict --microstructure`
// serves the model, and everything that has only OHLCV — predict without the flag, a stored dataset, the assembled
// app's model library and Predictor — refuses it in words that name the missing inputs.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { computeFeatures, featureSchema, schemaHash } from '../../../electron/engine/ml/features';
import { MICROSTRUCTURE_SCHEMA } from '../../../electron/engine/ml/microstructure';
import { OnnxRunner } from '../../../electron/engine/ml/onnx';
import { META } from '../../../electron/engine/ml/predictor/load-model';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { readBinanceCsv } from '../../support/binance-csv';
import { quorum } from '../../support/cli';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';
import { readBinanceExtra } from '../../unit/ml/features/binance-extra';

const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
const NAME = 'fil-micro';
const MICRO_HASH = schemaHash(featureSchema(MICROSTRUCTURE_SCHEMA));

describe.skipIf(!hasSharedData)(hasSharedData ? 'microstructure features from Binance klines (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  const db = join(dir, 'quorum.db');
  const model = join(dir, 'models', `${NAME}.onnx`);

  beforeAll(async () => {
    const r = await quorum('train', '--data', FILE, '--microstructure', '--model', 'gbdt', '--to', '2023-08-10', '--set', 'nEstimators=30', '--set', 'maxDepth=4', '--name', NAME, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('taker-buy volume and trade counts');
  }, 60_000);

  it('features --microstructure: three more columns, the extended schema hash, values from the file\'s own kline columns', { timeout: 60_000 }, async () => {
    const r = await quorum('features', '--data', FILE, '--microstructure', '--to', '2023-08-02', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { schema: { hash: string; names: string[] }; time: number[]; rows: (number | null)[][] };
    expect(doc.schema.hash).toBe(MICRO_HASH);
    expect(doc.schema.names.slice(-3)).toEqual(['taker_buy_share', 'taker_buy_share_20', 'trades_z_20']);
    // The same rows from an independent reading of the file (split on commas), through the batch features.
    const candles = readBinanceCsv(FILE);
    const extra = readBinanceExtra(FILE);
    const m = computeFeatures(candles, { extra });
    expect(m.schemaHash).toBe(MICRO_HASH);
    const rows = doc.rows.length;
    expect(rows).toBe(1441); // --to is inclusive: the whole of 1 August and 2 August's first minute
    for (const r of [0, 30, 500, rows - 1]) {
      const expected = Array.from(m.values.subarray(r * m.cols, (r + 1) * m.cols), (v) => (Number.isFinite(v) ? Number(v.toPrecision(9)) : null));
      expect(doc.rows[r]).toEqual(expected);
    }
    // Real data: taker buying is a share of volume, neither constant nor out of [0, 1].
    const share = doc.rows.map((row) => row[m.cols - 3]).filter((v): v is number => v !== null);
    expect(share.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(share).size).toBeGreaterThan(1_000);
  });

  it('train --microstructure records the inputs in the manifest, the ONNX metadata and the reproducing command', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'models', `${NAME}.manifest.json`), 'utf8')) as {
      features: { hash: string; count: number; inputs?: string[] };
      command: string;
    };
    expect(manifest.features).toMatchObject({ hash: MICRO_HASH, count: 64, inputs: ['takerBuyVolume', 'trades'] });
    expect(manifest.command).toContain(' --microstructure ');
    const runner = await OnnxRunner.load(model);
    try {
      expect(runner.metadata[META.featureHash]).toBe(MICRO_HASH);
      expect(runner.metadata[META.inputs]).toBe('takerBuyVolume,trades');
      expect(runner.rowShape).toEqual([64]);
    } finally {
      await runner.close();
    }
  });

  it('predict --microstructure serves it; without the flag, and the shipped candle-only model with it, are refused', { timeout: 60_000 }, async () => {
    const ok = await quorum('predict', '--model', model, '--data', FILE, '--microstructure', '--to', '2023-08-02');
    expect(ok.code, ok.err).toBe(0);
    const p = ok.out.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1])).filter((v) => !Number.isNaN(v));
    expect(p.length).toBeGreaterThan(1_000);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);

    const plain = await quorum('predict', '--model', model, '--data', FILE, '--to', '2023-08-02');
    expect(plain.code).not.toBe(0);
    expect(plain.err).toContain(MICRO_HASH);
    expect(plain.err).toContain('taker-buy volume and trade counts');
    expect(plain.err).toContain('--microstructure');

    const shipped = await quorum('predict', '--model', 'btc-usdt-5m-gbdt', '--db', db, '--data', FILE, '--microstructure', '--to', '2023-08-02');
    expect(shipped.code).not.toBe(0);
    expect(shipped.err).toContain('reads candles only');
  });

  it('refuses --microstructure on data without the kline columns: a stored dataset, a generic CSV', { timeout: 60_000 }, async () => {
    const imported = await quorum('data', 'import', FILE, '--exchange', 'binance', '--symbol', 'FIL/USDT', '--timeframe', '1m', '--db', db);
    expect(imported.code, imported.err).toBe(0);
    const stored = await quorum('features', '--data', 'binance:FIL/USDT:1m', '--microstructure', '--db', db);
    expect(stored.code).not.toBe(0);
    expect(stored.err).toMatch(/--microstructure needs --data to be a Binance kline file: stored datasets keep OHLCV only/);

    const generic = join(dir, 'generic.csv');
    const candles = readBinanceCsv(FILE);
    const lines = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 300; i++) lines.push([candles.time[i], candles.open[i], candles.high[i], candles.low[i], candles.close[i], candles.volume[i]].join(','));
    writeFileSync(generic, `${lines.join('\n')}\n`);
    const r = await quorum('features', '--data', generic, '--microstructure');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--microstructure needs a Binance kline CSV');
  });

  it('the assembled app lists it as unusable and its Predictor refuses it, naming the missing inputs', async () => {
    const appDir = join(dir, 'app');
    mkdirSync(join(appDir, 'models'), { recursive: true });
    for (const ext of ['.onnx', '.manifest.json']) copyFileSync(join(dir, 'models', `${NAME}${ext}`), join(appDir, 'models', `${NAME}${ext}`));
    const engine = Engine.start({ dbPath: join(appDir, 'q.db'), host: 'test', logger: captureLogger().logger });
    try {
      const entry = engine.models.list().find((m) => m.name === NAME);
      expect(entry?.problem).toContain('taker-buy volume and trade counts');
      await expect(engine.backtests.start({ data: FILE, strategy: 'panel', params: { 'predictor.model': NAME } })).rejects.toThrow(/taker-buy volume and trade counts/);
    } finally {
      engine.close();
    }
  });
});
