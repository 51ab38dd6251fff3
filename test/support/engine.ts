// Starts a real engine on a temp SQLite file with logs captured in memory.
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { createLogger } from '../../electron/engine/log/logger';

export function captureLogger() {
  const lines: string[] = [];
  const logger = createLogger({ sink: { write: (line: string) => lines.push(line) }, level: 'debug' });
  return { logger, lines };
}

export function startTestEngine(dir: string, name = 'quorum.db'): Engine {
  return Engine.start({ dbPath: join(dir, name), host: 'test', logger: captureLogger().logger });
}
