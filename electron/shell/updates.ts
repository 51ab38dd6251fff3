// electron-updater wired to the policy: check at start and every six hours, download in the background, install on
// quit only when nothing live is at stake (otherwise the quit dialog asks). electron-updater is CommonJS and defines
// `autoUpdater` through a getter, which Node's ESM named-export detection cannot see: import the default.
import updater from 'electron-updater';
import type { AppInfo } from '../../shared/contract';
import type { Logger } from '../engine/log/logger';
import { installOnQuit, UPDATE_CHECK_INTERVAL_MS, updaterChannel, type AtStake, type UpdateChannel } from './update-policy';

/** What Settings shows of the updater (the contract's `app.info` update field). */
export type UpdateStatus = NonNullable<AppInfo['update']>;

export interface Updates {
  status(): UpdateStatus;
  /** Before quitting: whether the downloaded update may install now, given what is at stake. */
  onQuit(stake: AtStake, confirmInstall: () => boolean): void;
  stop(): void;
}

export function startUpdates(options: { channel: () => UpdateChannel; log: Logger }): Updates {
  const { autoUpdater } = updater;
  let status: UpdateStatus = { state: 'idle' };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('checking-for-update', () => (status = { state: 'checking' }));
  autoUpdater.on('update-available', (info: { version: string }) => (status = { state: 'downloading', version: info.version }));
  autoUpdater.on('update-not-available', () => (status = { state: 'idle' }));
  autoUpdater.on('update-downloaded', (info: { version: string }) => (status = { state: 'ready', version: info.version }));
  autoUpdater.on('error', (err: Error) => {
    status = { state: 'error', error: err.message };
    options.log.warn({ err: err.message }, 'update check failed');
  });
  const check = () => {
    Object.assign(autoUpdater, updaterChannel(options.channel()));
    autoUpdater.checkForUpdates().catch((err: unknown) => options.log.warn({ err: String(err) }, 'update check failed'));
  };
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    status: () => status,
    onQuit(stake, confirmInstall) {
      if (status.state !== 'ready') return;
      autoUpdater.autoInstallOnAppQuit = installOnQuit(stake) === 'install' || confirmInstall();
    },
    stop: () => clearInterval(timer),
  };
}
