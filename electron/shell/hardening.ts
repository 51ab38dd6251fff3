// Electron's security checklist, applied to every web contents the app ever creates: deny permissions, never
// navigate or redirect away from our origin, no new windows, no webviews; web links go to the browser only when
// their host is on the allow-list.
import { isAppUrl } from './window-policy';

/** Hosts a link in the app may open in the system browser (https only). */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['www.binance.com', 'binance.com', 'github.com', 'www.electronjs.org'];

export function isAllowedExternal(url: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' && EXTERNAL_ALLOW_LIST.includes(target.hostname);
  } catch {
    return false;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The slices of Electron's session and web contents we harden; the stand-in in tests implements the same calls. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: PreventableEvent & { url?: string }, url?: string) => void): void;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** No page of ours needs the camera, notifications API, geolocation or anything else a permission guards. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Guards one web contents; the shell calls it from `web-contents-created`, so no contents escapes it. */
export function guardWebContents(contents: WebContentsLike, appUrl: () => string, openExternal: (url: string) => unknown): void {
  const stayHome = (event: PreventableEvent & { url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url, appUrl())) return;
    event.preventDefault();
    if (isAllowedExternal(url)) void openExternal(url);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
