// The tray's menu and tooltip, computed from engine state so the same logic is testable without Electron.
import type { EngineStatus } from '../../shared/contract';
import type { RiskStateView } from '../../shared/risk-contract';

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

export type TrayState = Pick<EngineStatus, 'mode' | 'liveArmed'> & { risk?: Pick<RiskStateView, 'tradingState' | 'killSwitch'> };

/** The tray icon variant: red when halted, amber when only exits may trade, normal otherwise. */
export function trayIconName(state: TrayState): 'tray' | 'tray-reducing' | 'tray-halted' {
  const trading = state.risk?.tradingState ?? 'active';
  return trading === 'halted' ? 'tray-halted' : trading === 'reducing' ? 'tray-reducing' : 'tray';
}

export function trayTooltip(state: TrayState): string {
  const live = state.mode === 'live' ? (state.liveArmed ? 'LIVE (armed)' : 'live (disarmed)') : 'paper';
  const ks = state.risk?.killSwitch;
  const safety = ks?.isTripped ? ` — STOPPED (${ks.mode})` : state.risk?.tradingState === 'reducing' ? ' — exits only' : '';
  return `Quorum — ${live}${safety}`;
}

export function trayMenu(state: TrayState, actions: TrayActions): TrayMenuItem[] {
  const stopped = state.risk?.killSwitch.isTripped ?? false;
  return [
    { label: trayTooltip(state), enabled: false },
    { type: 'separator', label: '' },
    { label: 'Open Quorum', click: actions.showWindow },
    // Always clickable: escalating halt → flatten must stay one click away.
    { label: stopped ? 'Emergency stop (latched — open Quorum to re-arm)' : 'Emergency stop', click: actions.emergencyStop },
    { type: 'separator', label: '' },
    { label: 'Quit', click: actions.quit },
  ];
}
