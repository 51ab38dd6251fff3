// One content-security policy for the renderer, wherever it is served: the desktop app's app:// protocol, the
// headless server's header, and a meta tag in the built index.html (so the page carries it even if a header is lost).

/** `wsHosts`: the headless bridge's host:port pairs; the desktop app talks over IPC and needs none. */
export function rendererCsp(wsHosts: readonly string[] = []): string {
  const connect = ["'self'", ...wsHosts.map((h) => `ws://${h}`)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src ${connect}`,
    // lightweight-charts injects a <style> element; styles cannot run code, scripts stay 'self' only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The meta-tag policy in the built page: the headless bridge's port is not known at build time, only its hosts. */
export const META_CSP = rendererCsp(['127.0.0.1:*', 'localhost:*']);
