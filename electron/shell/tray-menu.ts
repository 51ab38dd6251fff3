// The tray's menu and tooltip, computed from engine state so the same logic is testable without Electron.
import type { EngineStatus } from '../../shared/contract';

export interface TrayMenuItem {
  label: string;
  enabled?: boolean;
  type?: 'normal' | 'separator';
  click?: () => void;
}

export interface TrayActions {
  showWindow(): void;
  emergencyStop(): void;
  quit(): void;
}

export function trayTooltip(status: Pick<EngineStatus, 'mode' | 'liveArmed'>): string {
  const live = status.mode === 'live' ? (status.liveArmed ? 'LIVE (armed)' : 'live (disarmed)') : 'paper';
  return `Quorum — ${live}`;
}

export function trayMenu(status: Pick<EngineStatus, 'mode' | 'liveArmed'>, actions: TrayActions): TrayMenuItem[] {
  return [
    { label: trayTooltip(status), enabled: false },
    { type: 'separator', label: '' },
    { label: 'Open Quorum', click: actions.showWindow },
    { label: 'Emergency stop', click: actions.emergencyStop },
    { type: 'separator', label: '' },
    { label: 'Quit', click: actions.quit },
  ];
}
