// Emergency stop through the contract: halts (or flattens), raises a critical alert and a notification, survives a restart latched.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { forwardAlerts } from '../../electron/shell/alert-notifier';
import { trayIconName, trayTooltip } from '../../electron/shell/tray-menu';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const dir = tempDir();
const start = (name: string) => Engine.start({ dbPath: join(dir, name), host: 'test', logger: captureLogger().logger });

describe('emergency stop', () => {
  it('latches the kill switch in halt mode, alerts, notifies, and stays latched after a restart', async () => {
    const engine = start('estop.db');
    const notifier = { notify: vi.fn() };
    forwardAlerts(engine.events, notifier);
    const reply = await engine.dispatcher.dispatch('risk.emergencyStop', {});
    expect(reply).toMatchObject({ ok: true, value: { tradingState: 'halted', killSwitch: { isTripped: true, mode: 'halt', source: 'ui' } } });
    expect(notifier.notify).toHaveBeenCalledWith('Quorum: kill-switch', expect.stringMatching(/tripped: halt by ui/), true);
    const state = { ...engine.status(), risk: engine.safety.state() };
    expect(trayIconName(state)).toBe('tray-halted');
    expect(trayTooltip(state)).toBe('Quorum — PAPER — HALTED (halt)');
    engine.close();

    const restarted = start('estop.db');
    expect(restarted.safety.state()).toMatchObject({ tradingState: 'halted', killSwitch: { isTripped: true, mode: 'halt' } });
    restarted.close();
  });

  it('flattens instead of halting when the trader chose it in settings', async () => {
    const engine = start('flatten.db');
    await engine.dispatcher.dispatch('settings.update', { flattenOnEmergencyStop: true });
    expect(engine.safety.emergencyStop('hotkey').killSwitch).toMatchObject({ mode: 'flatten', source: 'hotkey' });
    engine.close();
  });

  it('re-arms only with the typed confirmation', async () => {
    const engine = start('rearm.db');
    engine.safety.emergencyStop('tray');
    const refused = await engine.dispatcher.dispatch('risk.killSwitch.rearm', { confirm: 'yes' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KILL_SWITCH_CONFIRM_REQUIRED', field: 'confirm' } });
    expect(engine.safety.state().tradingState).toBe('halted');
    const rearmed = await engine.dispatcher.dispatch('risk.killSwitch.rearm', { confirm: 'REARM' });
    expect(rearmed).toMatchObject({ ok: true, value: { tradingState: 'active', killSwitch: { isTripped: false } } });
    engine.close();
  });

  it('escalates halt to flatten but never downgrades', async () => {
    const engine = start('escalate.db');
    await engine.dispatcher.dispatch('risk.killSwitch.trip', { mode: 'halt', reason: 'exchange acting up' });
    await engine.dispatcher.dispatch('risk.killSwitch.trip', { mode: 'flatten', reason: 'get out' });
    await engine.dispatcher.dispatch('risk.killSwitch.trip', { mode: 'stop-entries', reason: 'calmer now' });
    expect(engine.safety.state().killSwitch).toMatchObject({ mode: 'flatten', reason: 'get out' });
    engine.close();
  });

  it('applies new risk limits from settings at once, and refuses a bad one by name', async () => {
    const engine = start('limits.db');
    await engine.dispatcher.dispatch('settings.update', { risk: { limits: { maxOrderNotional: 1_000 } } });
    expect(engine.safety.state().limits).toMatchObject({ maxOrderNotional: 1_000, maxOpenOrders: 20 });
    const bad = await engine.dispatcher.dispatch('settings.update', { risk: { breakers: { maxDrawdown: { maxDrawdownPct: -5 } } } });
    expect(bad).toMatchObject({ ok: false, error: { field: 'risk.breakers.maxDrawdown.maxDrawdownPct' } });
    engine.close();
  });
});
