// Settings: defaults (paper, disarmed), validated updates that name the bad field, persistence across restarts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { openStore } from '../../../electron/engine/store/database';
import { SettingsRepository } from '../../../electron/engine/store/settings-repo';
import { tempDir } from '../../support/temp';

const dir = tempDir();

describe('settings', () => {
  it('defaults to paper mode with live trading disarmed', () => {
    const { db } = openStore(join(dir, 'defaults.db'));
    const settings = new SettingsRepository(db).load();
    expect(settings.mode).toBe('paper');
    expect(settings.liveArmed).toBe(false);
    db.close();
  });

  it('persists an update across a reopen', () => {
    const path = join(dir, 'persist.db');
    const first = openStore(path);
    new SettingsRepository(first.db).update({ paperCash: 5000, flattenOnEmergencyStop: true });
    first.db.close();
    const second = openStore(path);
    expect(new SettingsRepository(second.db).load()).toMatchObject({ paperCash: 5000, flattenOnEmergencyStop: true });
    second.db.close();
  });

  it('rejects a bad value naming the field, and changes nothing', () => {
    const { db } = openStore(join(dir, 'bad.db'));
    const repo = new SettingsRepository(db);
    let caught: unknown;
    try {
      repo.update({ paperCash: -1, theme: 'light' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).details.field).toBe('paperCash');
    expect(repo.load().theme).toBe('dark');
    db.close();
  });

  it('cannot arm live trading through an update', () => {
    const { db } = openStore(join(dir, 'arm.db'));
    expect(() => new SettingsRepository(db).update({ liveArmed: true })).toThrow(ConfigError);
    db.close();
  });

  it('falls back to the default for a stored value that no longer validates, keeping the row', () => {
    const { db } = openStore(join(dir, 'corrupt.db'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('mode', '\"turbo\"', 0)").run();
    expect(new SettingsRepository(db).load().mode).toBe('paper');
    expect(db.prepare("SELECT value FROM settings WHERE key = 'mode'").get()).toEqual({ value: '"turbo"' });
    db.close();
  });

  it('keeps every panel weight and threshold, merging a partial panel update into the stored one', () => {
    const { db } = openStore(join(dir, 'panel.db'));
    const repo = new SettingsRepository(db);
    expect(repo.load().panel.thresholds.enterLong).toBe(0.3);
    repo.update({ panel: { thresholds: { enterLong: 0.45 } } });
    repo.update({ panel: { weights: { regimeShares: { trending: { trend: 0.7, meanReversion: 0.3 } } } } });
    const panel = repo.load().panel;
    expect(panel.thresholds).toMatchObject({ enterLong: 0.45, exitLong: -0.1 });
    expect(panel.weights.regimeShares.trending).toEqual({ trend: 0.7, meanReversion: 0.3 });
    expect(panel.weights.regimeShares.ranging).toEqual({ trend: 0.4, meanReversion: 0.6 });
    db.close();
  });

  it('names the bad panel field', () => {
    const { db } = openStore(join(dir, 'panel-bad.db'));
    let caught: unknown;
    try {
      new SettingsRepository(db).update({ panel: { quant: { rsiPeriod: 0 } } });
    } catch (err) {
      caught = err;
    }
    expect((caught as ConfigError).details.field).toBe('panel.quant.rsiPeriod');
    db.close();
  });
});
