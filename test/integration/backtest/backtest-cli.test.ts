// `quorum backtest` and `quorum decisions` end to end on real files and a stored dataset: output, JSON, report, storage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-backtest-cli-');
const db = join(dir, 'bt.db');
const GOOG = sharedPath('data', 'backtesting.py', 'GOOG.csv');
// No risk layer: these runs check the engine's own figures (GOOG's drawdowns and gaps would trip the default breakers).
const SMA = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=20', '--commission', '0.002', '--no-risk'];

describe.skipIf(!hasSharedData)('quorum backtest (GOOG.csv)', () => {
  let runId = 0;

  it('prints a labelled stats table, a trades summary and the stored run id', async () => {
    const r = await quorum('backtest', '--data', GOOG, ...SMA, '--db', db);
    expect(r.code).toBe(0);
    for (const label of ['Return [%]', 'Sharpe ratio', 'Max. drawdown [%]', '# Trades', 'Win rate [%]', 'Buy & hold return [%]']) expect(r.out).toContain(label);
    expect(r.out).toMatch(/# Trades\s+46/);
    expect(r.out).toMatch(/Trades: 46 closed/);
    const m = /Run stored as #(\d+)/.exec(r.out);
    expect(m).not.toBeNull();
    runId = Number(m?.[1]);
  });

  it('writes {stats, trades, equity} JSON, identical on a second run', async () => {
    const a = await quorum('backtest', '--data', GOOG, ...SMA, '--json', '-', '--no-store');
    const b = await quorum('backtest', '--data', GOOG, ...SMA, '--json', '-', '--no-store');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out);
    expect(Object.keys(doc)).toEqual(['stats', 'trades', 'equity', 'notes', 'breakerTrips']);
    expect(doc.breakerTrips).toEqual([]);
    expect(doc.stats.trades).toBe(46);
    expect(doc.trades).toHaveLength(46);
    expect(Object.keys(doc.trades[0])).toEqual(expect.arrayContaining(['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'size', 'pnl', 'returnPct', 'fees']));
    expect(doc.equity.time).toHaveLength(2148);
    expect(doc.equity.value).toHaveLength(2148);
    expect(doc.equity.value.at(-1)).toBeCloseTo(doc.stats.finalEquity, 6);
    expect(a.err).toContain('Run not stored');
  });

  it('writes a self-contained HTML report with stats, both plots and the trades', async () => {
    const file = join(dir, 'report.html');
    const json = join(dir, 'out.json');
    const r = await quorum('backtest', '--data', GOOG, ...SMA, '--no-store', '--report', file, '--json', json);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('Sharpe ratio');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toMatch(/id="equity"><svg[^>]*>.*<path d="M/s);
    expect(html).toMatch(/id="drawdown"><svg/);
    expect(html).toContain('Trades (46)');
    expect(JSON.parse(readFileSync(json, 'utf8')).stats.trades).toBe(46);
  });

  it('stores decisions with votes that `quorum decisions` returns', async () => {
    const r = await quorum('decisions', '--run', String(runId), '--json', '--actions-only', '--db', db);
    expect(r.code).toBe(0);
    const { run, decisions } = JSON.parse(r.out);
    expect(run).toMatchObject({ id: runId, kind: 'backtest', strategy: 'sma-cross', symbol: 'GOOG', status: 'finished', params: { fast: 10, slow: 20 } });
    expect(run.stats.trades).toBe(46);
    expect(decisions.length).toBeGreaterThanOrEqual(92);
    expect(decisions[0].votes[0]).toMatchObject({ agent: 'sma-cross', confidence: 1 });
    expect(decisions[0].votes[0].reasons[0]).toMatch(/SMA\(10\)=.* crossed (above|below) SMA\(20\)/);
    const text = await quorum('decisions', '--run', String(runId), '--limit', '3', '--actions-only', '--db', db);
    expect(text.out).toMatch(/Run #\d+: backtest sma-cross/);
    expect(text.out.match(/^\d{4}-\d\d-\d\dT/gm)).toHaveLength(3);
  });

  it('fails clearly on bad input', async () => {
    expect((await quorum('backtest', '--data', GOOG, '--strategy', 'nope', '--no-store')).err).toMatch(/unknown strategy 'nope'/);
    const bad = await quorum('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--param', 'fast=30', '--param', 'slow=10', '--no-store');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/fast must be less than slow/);
    expect((await quorum('backtest', '--data', join(dir, 'missing.csv'), '--strategy', 'sma-cross', '--no-store')).err).toMatch(/no such file/);
    expect((await quorum('backtest', '--data', GOOG, '--strategy', 'sma-cross', '--fill', 'later', '--no-store')).code).toBe(2);
    expect((await quorum('decisions', '--run', '999', '--db', db)).err).toMatch(/No run #999/);
  });
});

describe.skipIf(!hasSharedData)('quorum backtest (stored dataset)', () => {
  const fil = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');

  it('runs on an imported dataset and matches the same file run directly', async () => {
    expect((await quorum('data', 'import', fil, '--db', db)).code).toBe(0);
    const args = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30', '--commission', '0.001', '--sharpe', 'mean-std', '--json', '-'];
    const stored = await quorum('backtest', '--data', 'binance:FIL/USDT:1m', ...args, '--db', db);
    expect(stored.code).toBe(0);
    expect(stored.err).toMatch(/Run stored as #\d+/);
    // Same --db: both runs read the same stored risk settings.
    const direct = await quorum('backtest', '--data', fil, ...args, '--no-store', '--db', db);
    const a = JSON.parse(stored.out);
    expect(a.equity.time).toHaveLength(44_640);
    expect(a.stats.periodsPerYear).toBe(525_600);
    expect(stored.out).toBe(direct.out);
  });

  it('honours --from/--to (replayed range only; earlier bars warm up)', async () => {
    const r = await quorum('backtest', '--data', 'binance:FIL/USDT:1m', '--strategy', 'sma-cross', '--from', '2023-08-10', '--to', '2023-08-11T23:59:00Z', '--json', '-', '--no-store', '--db', db);
    const doc = JSON.parse(r.out);
    expect(doc.equity.time[0]).toBe(Date.UTC(2023, 7, 10));
    expect(doc.equity.time).toHaveLength(2 * 1440);
  });
});
