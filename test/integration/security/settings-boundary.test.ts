// Settings updates through the real dispatcher and SQLite: one unknown or unbounded key anywhere fails the whole update,
// names the key, and leaves every stored setting as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';

describe('settings.update is strict', () => {
  const dir = tempDir();
  let engine: Engine;
  beforeAll(() => {
    engine = startTestEngine(dir, 'settings.db');
  });
  afterAll(() => engine.close());

  const stored = () => engine.store.db.prepare('SELECT key, value FROM settings ORDER BY key').all();

  it.each([
    ['a typo in a nested limit', { paperCash: 5_000, risk: { limits: { maxOpenOrderz: 3 } } }, 'risk.limits.maxOpenOrderz'],
    ['an unknown section key', { risk: { limitz: {} } }, 'risk.limitz'],
    ['an unknown panel key', { panel: { thresholds: { enterLong: 0.4, entrLong: 0.5 } } }, 'panel.thresholds.entrLong'],
    ['__proto__ in a section', JSON.parse('{"panel":{"__proto__":{"allowShort":true}}}'), 'panel.__proto__'],
    ['__proto__ at the top', JSON.parse('{"theme":"light","__proto__":{"liveArmed":true}}'), '__proto__'],
    ['arming live through settings', { liveArmed: true }, 'liveArmed'],
    ['a 500,000-character exchange id', { defaultExchange: 'x'.repeat(500_000) }, 'defaultExchange'],
    ['a hotkey of NUL characters', { emergencyStopHotkey: '\u0000\u0000\u0000' }, 'emergencyStopHotkey'],
    ['a bare letter as global hotkey', { emergencyStopHotkey: 'K' }, 'emergencyStopHotkey'],
    ['a limit of 1e308', { risk: { limits: { maxOrderNotional: 1e308 } } }, 'risk.limits.maxOrderNotional'],
    ['a period of a billion bars', { panel: { quant: { rsiPeriod: 1e9 } } }, 'panel.quant.rsiPeriod'],
  ])('refuses %s as a whole, naming the field', async (_label, patch, field) => {
    const before = stored();
    const reply = await engine.dispatcher.dispatch('settings.update', patch);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field } });
    expect(JSON.stringify(reply).length).toBeLessThan(2_000);
    expect(stored()).toEqual(before);
    expect(({} as Record<string, unknown>).allowShort).toBeUndefined();
  });

  it('still refuses a cross-field contradiction after the merge, and takes a valid partial update', async () => {
    const bad = await engine.dispatcher.dispatch('settings.update', { panel: { thresholds: { exitLong: 0.9 } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID' } });
    const ok = await engine.dispatcher.dispatch('settings.update', { emergencyStopHotkey: 'CmdOrCtrl+Alt+F12', risk: { limits: { maxOpenOrders: 7 } } });
    expect(ok).toMatchObject({ ok: true, value: { emergencyStopHotkey: 'CmdOrCtrl+Alt+F12', risk: { limits: { maxOpenOrders: 7, maxLeverage: 1 } } } });
  });

  it('falls back to the default for a stored value that no longer validates, and logs it clipped', () => {
    engine.store.db.prepare("UPDATE settings SET value = ? WHERE key = 'emergencyStopHotkey'").run(JSON.stringify('\u0000'.repeat(10)));
    engine.store.db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('defaultExchange', ?, 0)").run(JSON.stringify('y'.repeat(500_000)));
    const settings = engine.settings.load();
    expect(settings.emergencyStopHotkey).toBe('CommandOrControl+Shift+K');
    expect(settings.defaultExchange).toBe('binance');
  });
});
