// The app window never navigates away; web links open in the OS browser, other schemes are dropped.
import { describe, expect, it, vi } from 'vitest';
import { decideWindowOpen, isAppUrl, shouldBlockNavigation } from '../../../electron/shell/window-policy';

const APP = 'file:///opt/Quorum/resources/app/out/renderer/index.html';

describe('window policy', () => {
  it.each([
    ['https://www.binance.com/en/trade', true],
    ['http://example.com', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['quorum://settings', false],
    ['not a url', false],
  ])('never opens a new window for %s (external browser: %s)', (url, external) => {
    const open = vi.fn();
    expect(decideWindowOpen(url, open)).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(external ? 1 : 0);
  });

  it('allows navigation within the app page only', () => {
    const open = vi.fn();
    expect(shouldBlockNavigation(`${APP}#/data`, APP, open)).toBe(false);
    expect(shouldBlockNavigation('file:///opt/other.html', APP, open)).toBe(true);
    expect(shouldBlockNavigation('https://phish.example/login', APP, open)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://phish.example/login');
  });

  it('treats the dev server origin as the app in development', () => {
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});
