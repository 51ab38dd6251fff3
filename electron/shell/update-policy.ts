// When the app may check for, download and install an update: pure decisions, tested without Electron.

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60_000;

export type UpdateChannel = 'stable' | 'beta';

/** What must not be cut short by an installer restarting the app. */
export interface AtStake {
  liveSessions: number;
  openPositions: number;
}

/** electron-updater's channel settings for the trader's choice. */
export function updaterChannel(channel: UpdateChannel): { channel: string; allowPrerelease: boolean } {
  return channel === 'beta' ? { channel: 'beta', allowPrerelease: true } : { channel: 'latest', allowPrerelease: false };
}

/** On quit with an update downloaded: install silently only when nothing live is at stake, otherwise ask first. */
export function installOnQuit(stake: AtStake): 'install' | 'ask' {
  return stake.liveSessions === 0 && stake.openPositions === 0 ? 'install' : 'ask';
}

/** Whether quitting needs the trader's confirmation at all (a live session runs or positions are open). */
export function quitNeedsConfirmation(stake: AtStake): boolean {
  return stake.liveSessions > 0 || stake.openPositions > 0;
}

/** The next check: at start, then every six hours (a failed check does not hurry the next one). */
export function nextCheckAt(lastCheck: number | undefined, now: number): number {
  return lastCheck === undefined ? now : lastCheck + UPDATE_CHECK_INTERVAL_MS;
}
