// `npm run headless`: starts the engine and the renderer on loopback, prints the URL with its token.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger, logDirFor } from '../engine/log/logger';
import { defaultDbPath } from '../engine/paths';
import { startHeadless } from './server';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      renderer: { type: 'string' },
      'exchange-url': { type: 'string' },
      'webhook-port': { type: 'string' },
      /** Milliseconds between the desk's polls of the venue (default 5000); demos and UI tests replay bars faster. */
      'desk-poll-ms': { type: 'string' },
    },
  });
  const rendererDir = resolve(values.renderer ?? join(here, '..', '..', 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`No built renderer at ${rendererDir}. Run \`npm run build\` first.`);
    process.exit(1);
  }
  const dbPath = resolve(values.db ?? defaultDbPath());
  // JSON logs go to stdout as before, and to rotating files beside the database (`quorum logs` reads them).
  const logger = createLogger({ file: { dir: logDirFor(dbPath) } });
  const server = await startHeadless({
    dbPath,
    logger,
    rendererDir,
    port: values.port ? Number(values.port) : 0,
    exchangeUrl: values['exchange-url'],
    deskPollMs: values['desk-poll-ms'] === undefined ? undefined : pollMs(values['desk-poll-ms']),
    // The secret comes from the environment, never from a command line that `ps` would show.
    webhook: values['webhook-port'] !== undefined ? { port: Number(values['webhook-port']), secret: process.env.QUORUM_WEBHOOK_SECRET ?? '' } : undefined,
  });
  // One plain line that scripts and tests can parse, besides the JSON logs.
  process.stdout.write(`QUORUM_HEADLESS_URL ${server.url}\n`);
  if (server.webhookUrl) process.stdout.write(`QUORUM_KILL_SWITCH_WEBHOOK ${server.webhookUrl}\n`);
  const stop = () => {
    void server.close().then(() => logger.flush(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A whole number of milliseconds, at least 50 (a faster poll would only queue behind the exchange's rate limit). */
function pollMs(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 50) throw new Error(`--desk-poll-ms must be a whole number of milliseconds >= 50, got ${JSON.stringify(text)}`);
  return ms;
}

main().catch((err: unknown) => {
  console.error(`Headless mode failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
