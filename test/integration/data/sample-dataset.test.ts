// The first-run sample through the composition root: data.loadSample stores the shipped BTC/USDT 1h file once, a
// backtest runs on it, and an engine pointed at a folder without the sample says so, naming the error.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { captureLogger, startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';

let engine: Engine | undefined;
afterEach(() => { engine?.close(); engine = undefined; });

describe('data.loadSample', () => {
  it('imports the shipped sample as binance:BTC/USDT:1h, again without change, and sma-cross backtests it', async () => {
    engine = startTestEngine(tempDir());
    const changed: unknown[] = [];
    engine.events.subscribe((event, payload) => { if (event === 'data.changed') changed.push(payload); });
    expect(await engine.dispatcher.dispatch('data.list', {})).toEqual({ ok: true, value: [] });

    const first = await engine.dispatcher.dispatch('data.loadSample', {});
    expect(first).toMatchObject({ ok: true, value: { file: 'BTC_USDT-1h.csv.gz', key: { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' }, committed: true, inserted: 5217, report: { rowsValid: 5217, problems: [] } } });
    const list = await engine.dispatcher.dispatch('data.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', rows: 5217, firstTime: Date.UTC(2022, 0, 1), lastTime: Date.UTC(2022, 7, 6, 8) }] });
    expect(changed).toHaveLength(1);
    // A second load stores nothing new: the same candles are already there.
    expect(await engine.dispatcher.dispatch('data.loadSample', {})).toMatchObject({ ok: true, value: { inserted: 0, unchanged: 5217 } });

    const started = await engine.dispatcher.dispatch('backtest.start', { data: 'binance:BTC/USDT:1h', strategy: 'sma-cross' });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const { runId } = started.value as { runId: number };
    await expect.poll(() => engine?.runs.get(runId)?.status, { timeout: 60_000, interval: 100 }).toBe('finished');
    const loaded = await engine.dispatcher.dispatch('backtest.load', { runId });
    expect(loaded).toMatchObject({ ok: true });
    const { trades, stats } = (loaded as { value: { trades: unknown[]; stats: Record<string, unknown> } }).value;
    // What `quorum backtest --data binance:BTC/USDT:1h --strategy sma-cross` prints for the sample: 146 trades.
    expect(trades).toHaveLength(146);
    expect(stats).not.toBeNull();
  });

  it('names the missing sample when the app has none installed', async () => {
    const dir = tempDir();
    engine = Engine.start({ dbPath: join(dir, 'q.db'), host: 'test', logger: captureLogger().logger, samplesDir: join(dir, 'nowhere') });
    const reply = await engine.dispatcher.dispatch('data.loadSample', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'SAMPLE_MISSING', field: 'samplesDir', message: expect.stringContaining('BTC_USDT-1h.csv.gz') } });
    expect(await engine.dispatcher.dispatch('data.list', {})).toEqual({ ok: true, value: [] });
  });
});
