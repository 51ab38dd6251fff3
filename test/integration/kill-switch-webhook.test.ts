// Headless mode's optional kill-switch webhook: a signed request halts the engine; an unsigned one is refused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHeadless } from '../../electron/headless/server';
import { SIGNATURE_HEADER, signWebhookBody } from '../../electron/engine/risk';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const SECRET = 'webhook-secret-for-tests-0123456789';

describe('kill-switch webhook in headless mode', () => {
  it('halts the engine on a signed request and refuses an unsigned one', async () => {
    const dir = tempDir();
    const server = await startHeadless({ dbPath: join(dir, 'hook.db'), rendererDir: dir, logger: captureLogger().logger, webhook: { port: 0, secret: SECRET } });
    try {
      expect(server.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kill-switch$/);
      const body = JSON.stringify({ mode: 'halt', reason: 'TradingView alert: stop', timestamp: Date.now() });
      const unsigned = await fetch(server.webhookUrl!, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(unsigned.status).toBe(401);
      expect(server.engine.safety.state().tradingState).toBe('active');
      const signed = await fetch(server.webhookUrl!, { method: 'POST', body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(SECRET, body) } });
      expect(signed.status).toBe(200);
      expect(server.engine.safety.state()).toMatchObject({ tradingState: 'halted', killSwitch: { mode: 'halt', source: 'webhook', reason: 'TradingView alert: stop' } });
      expect(server.engine.alerts.list(5)[0]).toMatchObject({ level: 'critical', source: 'kill-switch' });
    } finally {
      await server.close();
    }
  });
});
