// The tray's icon, tooltip and menu, computed from engine state so the same logic is testable without Electron.
// Icons live in resources/tray/ and come from scripts/icons/make-tray-icons.mjs.

export const TRAY_ICON_NAMES = ['tray-paper', 'tray-live', 'tray-halted', 'tray-breaker'] as const;
export type TrayIconName = typeof TRAY_ICON_NAMES[number];

export interface TrayState {
  mode: 'paper' | 'live';
  liveArmed: boolean;
  risk?: {
    tradingState: 'active' | 'reducing' | 'halted';
    killSwitch: { isTripped: boolean; mode?: string };
    breakers: { name: string; isTripped: boolean; account?: string }[];
  };
  pnlToday?: number;
  liveSessions: number;
  openPositions: number;
}

/** What the icon and tooltip read: session counts only matter to the menu, so callers holding just status + risk fit. */
export type TraySafetyView = Pick<TrayState, 'mode' | 'liveArmed' | 'risk' | 'pnlToday'>;

export interface TrayMenuItem {
  id?: string;
  label: string;
  enabled?: boolean;
  type?: 'normal' | 'separator';
  click?: () => void;
}

export interface TrayActions {
  showWindow(): void;
  pauseEntries(): void;
  emergencyStop(): void;
  flattenAll(): void;
  rearm(): void;
  quit(): void;
}

/** Windows cuts tray tooltips at 127 characters; clipping here keeps the cut visible (…) and predictable. */
const TOOLTIP_MAX = 127;

const isHalted = (s: TraySafetyView): boolean => (s.risk?.killSwitch.isTripped ?? false) || s.risk?.tradingState === 'halted';
const trippedBreakers = (s: TraySafetyView): string[] => (s.risk?.breakers ?? []).filter((b) => b.isTripped).map((b) => b.name);

/** The most severe state wins: a halt hides a breaker, and either hides live/paper (the trader must see the stop first). */
export function trayIconName(state: TraySafetyView): TrayIconName {
  if (isHalted(state)) return 'tray-halted';
  if (trippedBreakers(state).length > 0 || state.risk?.tradingState === 'reducing') return 'tray-breaker';
  return state.mode === 'live' && state.liveArmed ? 'tray-live' : 'tray-paper';
}

/**
 * The icon file relative to resources/. macOS gets a template image (the menu bar recolours it for light/dark),
 * Windows an .ico (it picks 16 or 32 px for the tray's DPI); elsewhere a PNG, with Electron finding @2x by itself.
 */
export function trayIconFile(name: TrayIconName, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `tray/${name}Template.png`;
  if (platform === 'win32') return `tray/${name}.ico`;
  return `tray/${name}.png`;
}

function safetyText(state: TraySafetyView): string {
  const ks = state.risk?.killSwitch;
  const breakers = trippedBreakers(state);
  if (ks?.isTripped) return `HALTED (${ks.mode ?? 'kill switch'})`;
  if (state.risk?.tradingState === 'halted') return breakers.length > 0 ? `HALTED (breaker ${breakers[0]})` : 'HALTED';
  if (breakers.length > 0) return `breaker ${breakers[0]} tripped${breakers.length > 1 ? ` (+${breakers.length - 1} more)` : ''}`;
  return state.risk?.tradingState === 'reducing' ? 'exits only' : 'active';
}

/** Always signed so a glance tells gain from loss; never "-0.00" for a loss that rounds to nothing. */
function signedMoney(value: number): string {
  const abs = Math.abs(value).toFixed(2);
  return value < 0 && abs !== '0.00' ? `-${abs}` : `+${abs}`;
}

export function trayTooltip(state: TraySafetyView): string {
  const mode = state.mode === 'paper' ? 'PAPER' : state.liveArmed ? 'LIVE armed' : 'live disarmed';
  const parts = ['Quorum', mode, safetyText(state)];
  if (state.pnlToday !== undefined && Number.isFinite(state.pnlToday)) parts.push(`P&L today ${signedMoney(state.pnlToday)}`);
  const text = parts.join(' — ');
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

/** Electron reads a lone "&" in a menu label as a mnemonic and hides it ("P&L" → "PL"); "&&" shows one "&". */
const literalLabel = (text: string): string => text.replaceAll('&', '&&');

export function trayMenu(state: TrayState, actions: TrayActions): TrayMenuItem[] {
  const latched = state.risk?.killSwitch.isTripped ?? false;
  // Quitting stops live sessions and leaves positions unattended, so main.ts asks first; the ellipsis says so.
  const quitAsks = state.liveSessions > 0 || state.openPositions > 0;
  return [
    { id: 'status', label: literalLabel(trayTooltip(state)), enabled: false },
    { type: 'separator', label: '' },
    { id: 'open', label: 'Open Quorum', enabled: true, click: () => actions.showWindow() },
    // Pointless once halted: nothing enters anyway.
    { id: 'pause', label: 'Pause new entries', enabled: !isHalted(state), click: () => actions.pauseEntries() },
    // Always clickable, even when halted: escalation (halt → flatten) must stay one click away.
    { id: 'stop', label: 'Emergency stop', enabled: true, click: () => actions.emergencyStop() },
    // The ellipsis promises a confirmation, which main.ts shows before closing every position.
    { id: 'flatten', label: 'Flatten all…', enabled: true, click: () => actions.flattenAll() },
    // Only opens the window where the trader types the confirmation: the tray never re-arms by itself.
    { id: 'rearm', label: 'Re-arm…', enabled: latched, click: () => actions.rearm() },
    { type: 'separator', label: '' },
    { id: 'quit', label: quitAsks ? 'Quit…' : 'Quit', enabled: true, click: () => actions.quit() },
  ];
}
