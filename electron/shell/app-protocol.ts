// The renderer is served from app://quorum/… instead of file://: a real origin (so the CSP's 'self' means our files
// only), no file:// privileges for the page, and every path checked to stay inside the built renderer folder.
import { readFile } from 'node:fs/promises';
import { rendererCsp } from './csp';
import { contentType, resolveStaticPath } from './static-path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://quorum`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Registered before the app is ready, as Electron requires for privileged schemes. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The protocol handler: files of `rendererDir`, with the CSP; 404 for anything else, never a file outside it. */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    // A custom scheme's URL has origin "null" in WHATWG terms: compare scheme and host instead.
    const ours = url.protocol === `${APP_SCHEME}:` && url.host === 'quorum';
    const path = ours ? resolveStaticPath(rendererDir, url.pathname) : undefined;
    if (!path) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(path);
      return new Response(new Uint8Array(body), {
        headers: { 'content-type': contentType(path), 'content-security-policy': rendererCsp(), 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
