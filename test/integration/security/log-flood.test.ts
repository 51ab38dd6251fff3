// A client cannot flood the engine's log: its strings are clipped in every line, and a repeated refusal is logged a few
// times per window, then counted. Through the real dispatcher and the real (pino) logger.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

describe('log flooding', () => {
  const dir = tempDir();
  const { logger, lines } = captureLogger();
  const engine = Engine.start({ dbPath: join(dir, 'flood.db'), host: 'test', logger, deskPollMs: 0, killSwitchPollMs: 0 });
  afterAll(() => engine.close());

  it('clips a 1 MB channel name and rate-limits 200 refusals of it to a handful of short lines', async () => {
    const start = lines.length;
    const huge = 'x'.repeat(1 << 20);
    for (let i = 0; i < 200; i++) {
      const reply = await engine.dispatcher.dispatch(`${huge}${i}`, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(JSON.stringify(reply).length).toBeLessThan(1_000);
    }
    const written = lines.slice(start);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(5);
    for (const line of written) expect(line.length).toBeLessThan(2_000);
  });

  it('clips a huge string inside a payload in the reply and the log', async () => {
    const start = lines.length;
    const reply = await engine.dispatcher.dispatch('risk.killSwitch.trip', { mode: 'halt', reason: 'r'.repeat(1 << 20) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'reason' } });
    expect(JSON.stringify(reply).length).toBeLessThan(1_000);
    for (const line of lines.slice(start)) expect(line.length).toBeLessThan(5_000);
    expect(engine.safety.state().killSwitch.isTripped).toBe(false);
  });
});
