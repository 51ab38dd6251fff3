// `quorum backtest` with the app's risk settings by default and --no-risk to turn them off; zero-order runs say why.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/engine/store/database';
import { SettingsRepository } from '../../../electron/engine/store/settings-repo';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-backtest-risk-cli-');
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** A generic CSV of bars sitting at their close; the file name gives symbol and timeframe (e.g. CRASHUSDT-1h). */
function csv(name: string, closes: readonly number[], barMs = HOUR): string {
  const rows = closes.map((c, i) => `${T0 + i * barMs},${c},${c},${c},${c},1`);
  const path = join(dir, name);
  writeFileSync(path, ['time,open,high,low,close,volume', ...rows].join('\n'));
  return path;
}

/** A whipsawing slide: sma-cross(2, 3) buys every bounce and loses, so equity falls well past the 20 % drawdown limit. */
const slide: number[] = [];
for (let k = 0, p = 100; k < 30; k++, p *= 0.97) slide.push(p, p * 1.02, p * 1.04, p * 0.99, p * 0.96);
const CRASH = csv('CRASHUSDT-1h.csv', slide);
const SMA = ['--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=3', '--no-store'];

describe('quorum backtest and risk', () => {
  it('applies the stored limits and breakers by default; --no-risk trades on', async () => {
    const db = join(dir, 'never-created.db');
    const on = await quorum('backtest', '--data', CRASH, ...SMA, '--db', db);
    expect(on.code).toBe(0);
    expect(on.out).toContain('Risk: limits and circuit breakers from settings, on a backtest-local state');
    expect(on.out).toMatch(/circuit breaker max-drawdown tripped \d+ times? \(first at 2024-01-\d\dT\d\d:00:00Z: drawdown 2\d\.\d% from peak/);
    expect(on.out).toMatch(/\d+ orders? vetoed: circuit breaker \S+ tripped/);
    // A read of the settings never creates the app's database.
    expect(existsSync(db)).toBe(false);

    const offRun = await quorum('backtest', '--data', CRASH, ...SMA, '--no-risk', '--db', db);
    expect(offRun.out).toContain('Risk: off (--no-risk)');
    expect(offRun.out).not.toMatch(/vetoed|circuit breaker/);
    const closed = (out: string) => Number(/Trades: (\d+) closed/.exec(out)?.[1]);
    expect(closed(offRun.out)).toBeGreaterThan(closed(on.out));
  });

  it('reads the limits from the database given by --db, and reports trips in --json', async () => {
    const db = join(dir, 'strict.db');
    const store = openStore(db);
    new SettingsRepository(store.db).update({ risk: { limits: { maxOrderNotional: 1_000 } } });
    store.db.close();
    const r = await quorum('backtest', '--data', CRASH, ...SMA, '--db', db, '--json', '-');
    const doc = JSON.parse(r.out);
    expect(doc.stats.trades).toBe(0);
    expect(doc.notes[0]).toMatch(/^no orders from \d+ acting decisions: see why below$/);
    expect(doc.notes[1]).toMatch(/^\d+ orders vetoed: order CRASH\/USDT notional 9,500\.00 USDT > 1,000\.00 USDT limit$/);
    expect(r.err).toContain('Notes:');
    const off = JSON.parse((await quorum('backtest', '--data', CRASH, ...SMA, '--db', db, '--json', '-', '--no-risk')).out);
    expect(off.notes).toEqual([]);
    expect(off.breakerTrips).toEqual([]);
    expect(off.stats.trades).toBeGreaterThan(0);
  });

  it('sweeps and walk-forwards run every job through its own local risk state; --no-risk turns it off', async () => {
    const grid = ['--strategy', 'sma-cross', '--param', 'fast=2', '--param', 'slow=3,4', '--workers', '1', '--json', '--db', join(dir, 'none.db')];
    const on = await quorum('sweep', '--data', CRASH, ...grid);
    const off = await quorum('sweep', '--data', CRASH, ...grid, '--no-risk');
    expect(on.err).toContain('risk: limits and circuit breakers from settings');
    expect(off.err).toContain('risk: off (--no-risk)');
    const trades = (out: string) => (JSON.parse(out) as { ranked: { stats: { trades: number } }[] }).ranked.map((r) => r.stats.trades);
    expect(trades(on.out).every((n, i) => n < trades(off.out)[i])).toBe(true);
    const wf = await quorum('walkforward', '--data', CRASH, ...grid, '--train', '50', '--test', '25', '--no-risk');
    expect(wf.code).toBe(0);
    expect(wf.err).toContain('risk: off (--no-risk)');
  });

  it('explains a run whose acting decisions produced no orders', async () => {
    const BTC = csv('BTCUSDT-1d.csv', [46_000, 46_000, 46_000, 45_000, 44_000, 46_500, 46_000, 46_800, 45_500, 44_800, 44_000, 45_200, 46_200, 46_000], 86_400_000);
    const units = await quorum('backtest', '--data', BTC, ...SMA, '--no-risk', '--sizing', 'all-in-units');
    expect(units.out).toContain('Activity: 5 acting decisions, 0 orders');
    expect(units.out).toContain('no orders from 5 acting decisions: see why below');
    expect(units.out).toContain('3 entries skipped: sizing all-in-units gives 0 units: price 46,000 > cash 10,000');
    const fractional = await quorum('backtest', '--data', BTC, ...SMA, '--no-risk');
    expect(fractional.out).toContain('Activity: 5 acting decisions, 5 orders');
    expect(fractional.out).not.toContain('skipped');
  });
});
