// Picks the transport: Electron's preload API when present, else the headless bridge named in the page URL.
import { PRELOAD_GLOBAL, type QuorumTransport } from '../../../shared/transport';
import { createClient, type QuorumClient } from './client';
import { connectWebSocket } from './ws-transport';

export function bridgeUrlFromLocation(location: { host: string; search: string }): string | undefined {
  const token = new URLSearchParams(location.search).get('token');
  return token ? `ws://${location.host}/bridge?token=${encodeURIComponent(token)}` : undefined;
}

export function connectClient(win: Window & { [PRELOAD_GLOBAL]?: QuorumTransport }): { client: QuorumClient; transport: 'electron' | 'websocket' } {
  const preload = win[PRELOAD_GLOBAL];
  if (preload) return { client: createClient(preload), transport: 'electron' };
  const url = bridgeUrlFromLocation(win.location);
  if (!url) throw new Error('No engine connection: open the URL printed by `npm run headless` (it carries the access token).');
  return { client: createClient(connectWebSocket(url)), transport: 'websocket' };
}
