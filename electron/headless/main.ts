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

main().catch((err: unknown) => {
  console.error(`Headless mode failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
