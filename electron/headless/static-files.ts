// Serves the built renderer from one folder, refusing anything outside it and any request not addressed to this server.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostAllowed } from '../engine/ipc/ws-bridge';
import { contentType, resolveStaticPath } from '../shell/static-path';

/** `allowedHosts` are the Host headers that name this server: anything else is refused, so a rebound DNS name cannot read the build. */
export function serveStatic(root: string, csp: string, allowedHosts: readonly string[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const path = resolveStaticPath(root, req.url ?? '/');
    if (!path || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': contentType(path),
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  };
}
