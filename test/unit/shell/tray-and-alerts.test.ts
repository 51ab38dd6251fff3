// Tray menu reflects engine state and offers Emergency stop; alerts become desktop notifications.
import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../electron/engine/ipc/event-bus';
import { forwardAlerts } from '../../../electron/shell/alert-notifier';
import { trayMenu, trayTooltip } from '../../../electron/shell/tray-menu';

describe('tray', () => {
  const state = { mode: 'paper', liveArmed: false, liveSessions: 0, openPositions: 0 } as const;

  it('shows paper, disarmed live and armed live distinctly', () => {
    expect(trayTooltip(state)).toBe('Quorum — PAPER — active');
    expect(trayTooltip({ ...state, mode: 'live', liveArmed: false })).toBe('Quorum — live disarmed — active');
    expect(trayTooltip({ ...state, mode: 'live', liveArmed: true })).toBe('Quorum — LIVE armed — active');
  });

  it('has an Emergency stop item wired to the action', () => {
    const actions = { showWindow: vi.fn(), pauseEntries: vi.fn(), emergencyStop: vi.fn(), flattenAll: vi.fn(), rearm: vi.fn(), quit: vi.fn() };
    const stop = trayMenu(state, actions).find((i) => i.label === 'Emergency stop');
    stop?.click?.();
    expect(actions.emergencyStop).toHaveBeenCalledTimes(1);
  });
});

describe('alert notifications', () => {
  it('notifies warnings and critical alerts, not info', () => {
    const events = new EventBus();
    const notifier = { notify: vi.fn() };
    forwardAlerts(events, notifier);
    events.emit('alert.raised', { id: 1, time: 0, level: 'info', source: 'data', message: 'imported' });
    events.emit('alert.raised', { id: 2, time: 0, level: 'critical', source: 'breaker', message: 'daily loss tripped' });
    expect(notifier.notify).toHaveBeenCalledTimes(1);
    expect(notifier.notify).toHaveBeenCalledWith('Quorum: breaker', 'daily loss tripped', true);
  });
});
