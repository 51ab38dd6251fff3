// Navigation policy for the app window: the app never navigates away; web links open in the system browser.

export type WindowOpenDecision = { action: 'deny' };

export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** New windows are always denied; http(s) targets go to the OS browser, anything else (file:, javascript:) is dropped. */
export function decideWindowOpen(url: string, openExternal: (url: string) => unknown): WindowOpenDecision {
  if (isExternalWebLink(url)) void openExternal(url);
  return { action: 'deny' };
}

/** Returns true when a navigation must be prevented (and opens web links externally). */
export function shouldBlockNavigation(url: string, appUrl: string, openExternal: (url: string) => unknown): boolean {
  if (isAppUrl(url, appUrl)) return false;
  if (isExternalWebLink(url)) void openExternal(url);
  return true;
}
