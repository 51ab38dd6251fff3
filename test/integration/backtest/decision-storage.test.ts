// A stored panel run keeps its decisions as column blocks, with reasons only where they cannot be recomputed; opening
// any bar through the app's contract gives back exactly the votes and reasons the run produced. Real data: FIL/USDT
// 1m, August 2023, imported into the engine's own SQLite file; the run started through `backtest.start`.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import { loadDataset } from '../../../electron/engine/backtest/load-data';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { MemoryRecorder } from '../../../electron/engine/trading/recorder';
import { mulberry32 } from '../../emulator/candles';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';

const DATASET = 'binance:FIL/USDT:1m';

function reply<T>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe.skipIf(!hasSharedData)('stored decisions as columns, reasons on demand (FIL/USDT 1m, Aug 2023)', () => {
  it('recomputes the votes and reasons of 300 random bars exactly as the run made them, and stores holds as columns only', async () => {
    if (!hasSharedData) return void console.warn(SHARED_SKIP_REASON);
    const dir = tempDir();
    const engine = startTestEngine(dir);
    await engine.ready;
    await importCandleFile(new CandleStore(engine.store.db), sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'), { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
    const sizeBefore = statSync(engine.store.path).size;

    const { runId } = reply<{ runId: number }>(await engine.dispatcher.dispatch('backtest.start', { data: DATASET, strategy: 'panel', options: { sizing: 'all-in' } }));
    await expect.poll(() => engine.runs.get(runId)?.status, { timeout: 60_000, interval: 100 }).toBe('finished');

    // The same run in memory, every bar recorded with every reason: what the stored run must give back.
    const data = loadDataset(DATASET, () => engine.store.db);
    const memory = new MemoryRecorder();
    const settings = engine.settings.load();
    const ref = await runBacktest({ series: data.series, symbol: data.symbol, timeframe: data.timeframe, market: data.market, strategy: 'panel', sizing: 'all-in',
      strategyBase: { panel: settings.panel }, risk: settings.risk, recorder: memory, recordHolds: true, holdReasons: true });
    const bars = memory.decisions;
    expect(bars).toHaveLength(data.series.length);

    const db = engine.store.db;
    const acting = bars.filter((d) => d.action !== 'hold');
    expect(acting.length).toBe(ref.actions);
    expect(acting.length).toBeGreaterThan(50);
    expect(db.prepare('SELECT COUNT(*) FROM decisions WHERE run_id = ?').pluck().get(runId)).toBe(acting.length);
    expect(db.prepare("SELECT COUNT(*) FROM decisions WHERE run_id = ? AND action = 'hold'").pluck().get(runId)).toBe(0);
    expect(db.prepare('SELECT SUM(rows) FROM decision_blocks WHERE run_id = ?').pluck().get(runId)).toBe(bars.length);
    const blockBytes = db.prepare('SELECT SUM(LENGTH(data)) FROM decision_blocks WHERE run_id = ?').pluck().get(runId) as number;
    console.log(`${bars.length} bars: decision blocks ${(blockBytes / bars.length).toFixed(1)} B/bar, ${acting.length} acting rows; file grew ${((statSync(engine.store.path).size - sizeBefore) / 1e6).toFixed(1)} MB`);
    expect(blockBytes / bars.length).toBeLessThan(40);

    // A vetoed order's reason is written onto its decision (the memory recorder keeps it apart).
    const orderVeto = new Map(memory.vetoes.map((v) => [v.intent.decisionTime, v.reason]));
    const next = mulberry32(20231201);
    const picks = [...Array.from({ length: 280 }, () => Math.floor(next() * bars.length)), ...acting.slice(0, 20).map((d) => bars.indexOf(d))];
    for (const i of picks) {
      const want = bars[i];
      const [got] = reply<Decision[]>(await engine.dispatcher.dispatch('decisions.list', { runId, from: want.time, to: want.time + 1 }));
      expect({ i, ...got }).toEqual({ i, time: want.time, symbol: want.symbol, action: want.action, score: want.score, votes: want.votes,
        ...(want.veto || orderVeto.has(want.time) ? { veto: orderVeto.get(want.time) ?? want.veto } : {}), ...(want.alignment ? { alignment: want.alignment } : {}), regime: (want as { regime?: string }).regime });
    }

    // The whole run reads back as numbers (too many bars to explain at once): every action and veto cause in place.
    const all = reply<Decision[]>(await engine.dispatcher.dispatch('decisions.list', { runId, limit: 100_000 }));
    expect(all.map((d) => [d.time, d.action])).toEqual(bars.map((d) => [d.time, d.action]));
    expect(all.filter((d) => d.veto).length).toBe(bars.filter((d) => d.veto || orderVeto.has(d.time)).length);
    engine.close();
  }, 120_000);
});
