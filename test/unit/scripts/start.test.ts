// `npm start` where Electron cannot be fetched: a clear message pointing to headless mode, no stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const electronDownloaded = existsSync(resolve(root, 'node_modules', 'electron', 'path.txt'));
if (electronDownloaded) console.warn('Electron binary present: the "cannot start" message is not exercised here');

describe.skipIf(electronDownloaded)('npm start without an Electron binary', () => {
  it('explains that the desktop app cannot start and points to npm run headless', () => {
    // A mirror nobody listens on makes the download fail fast, with or without internet.
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: resolve(root, 'test-results', 'no-electron-cache') },
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toMatch(/cannot start the desktop app/);
    expect(output).toMatch(/npm run headless/);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
