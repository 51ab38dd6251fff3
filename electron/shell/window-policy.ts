// Which URLs are the app itself (the rest of the navigation policy is in hardening.ts).

export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    // Not `origin`: for a custom scheme such as app:// it is "null" for every URL, which would match anything.
    return target.protocol === app.protocol && target.host === app.host;
  } catch {
    return false;
  }
}
