// A second client of a headless engine that a page test opened: the renderer's own contract client over the same
// loopback WebSocket bridge (the page URL's token), so a test reads the engine's side through the contract.
import WebSocket from 'ws';
import { bridgeUrlFromLocation } from '../../renderer/src/api/connect';
import { createClient, type QuorumClient } from '../../renderer/src/api/client';
import { connectWebSocket, type WebSocketLike } from '../../renderer/src/api/ws-transport';

export async function contractClient(appUrl: string): Promise<{ client: QuorumClient; close(): void }> {
  const page = new URL(appUrl);
  const url = bridgeUrlFromLocation(page);
  if (!url) throw new Error(`no access token in ${appUrl}`);
  const transport = connectWebSocket(url, (u) => new WebSocket(u, { origin: page.origin }) as unknown as WebSocketLike);
  await transport.ready;
  return { client: createClient(transport), close: () => transport.close() };
}
