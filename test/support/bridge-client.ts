// The renderer's contract client connected to a running engine over the real loopback WebSocket bridge (JSON on the
// wire, as headless mode and the browser use it), for integration tests of contract channels.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { Engine } from '../../electron/engine/engine';
import { attachBridge } from '../../electron/engine/ipc/ws-bridge';
import { createClient, type QuorumClient } from '../../renderer/src/api/client';
import { connectWebSocket, type WebSocketLike } from '../../renderer/src/api/ws-transport';

const TOKEN = 'bridge-client-token-0123456789';

export async function bridgeClient(engine: Engine): Promise<{ client: QuorumClient; close(): Promise<void> }> {
  const server = createServer();
  let host = '';
  const bridge = attachBridge({
    server, dispatcher: engine.dispatcher, events: engine.events, token: TOKEN,
    allowedOrigins: () => [`http://${host}`], allowedHosts: () => [host],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const transport = connectWebSocket(`ws://${host}/bridge?token=${TOKEN}`, (url) => new WebSocket(url, { origin: `http://${host}` }) as unknown as WebSocketLike);
  await transport.ready;
  return {
    client: createClient(transport),
    close: async () => {
      transport.close();
      await bridge.close();
      server.close();
    },
  };
}
