// The app window never navigates away: only our own origin counts as the app; web links open in the OS browser only
// for allow-listed https hosts; new windows and webviews are always refused.
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, isAllowedExternal, denyAllPermissions, type WebContentsLike } from '../../../electron/shell/hardening';
import { isAppUrl } from '../../../electron/shell/window-policy';

const APP = 'app://quorum/index.html';

function contents() {
  const listeners = new Map<string, (event: { preventDefault(): void; url?: string }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const wc: WebContentsLike = {
    on: (event: string, listener: (event: { preventDefault(): void; url?: string }, url?: string) => void) => void listeners.set(event, listener),
    setWindowOpenHandler: (h) => void (openHandler = h),
  } as WebContentsLike;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true), url }, url);
    return prevented;
  };
  return { wc, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('window policy and hardening', () => {
  it.each([
    ['app://quorum/#/data', true],
    ['app://quorum/assets/x.js', true],
    ['app://evil/index.html', false],
    ['quorum://settings', false],
    ['file:///etc/passwd', false],
    ['https://www.binance.com/', false],
    ['not a url', false],
  ])('isAppUrl(%s) is %s', (url, ours) => {
    expect(isAppUrl(url, APP)).toBe(ours);
  });

  it('treats the dev server origin as the app in development', () => {
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it.each([
    ['https://www.binance.com/en/trade', true],
    ['https://github.com/quorum/releases', true],
    ['http://github.com/', false],
    ['https://phish.example/login', false],
    ['https://github.com.evil.example/', false],
    ['javascript:alert(1)', false],
  ])('opens %s externally: %s', (url, allowed) => {
    expect(isAllowedExternal(url)).toBe(allowed);
  });

  it('prevents navigation, frame navigation and redirects away from the app, and every new window and webview', () => {
    const open = vi.fn();
    const { wc, fire, open: openWindow } = contents();
    guardWebContents(wc, () => APP, open);
    expect(fire('will-navigate', 'https://phish.example/')).toBe(true);
    expect(fire('will-frame-navigate', 'https://phish.example/')).toBe(true);
    expect(fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://quorum/#/trade')).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
    expect(openWindow('https://github.com/x')).toEqual({ action: 'deny' });
    expect(openWindow('https://phish.example/')).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://github.com/x']]);
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
    let check: ((...a: unknown[]) => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) });
    const cb = vi.fn();
    request?.({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check?.({}, 'notifications')).toBe(false);
  });
});
