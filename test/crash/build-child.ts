// Prepares the crash child: one esbuild bundle (fast start, binance only from ccxt), or tsx when esbuild is missing.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

export interface ChildCommand {
  command: string;
  args: string[];
  /** How it was prepared, for the report. */
  mode: 'bundle' | 'tsx';
  cleanup(): void;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const entry = join(here, 'child.ts');
const require = createRequire(import.meta.url);

/**
 * ccxt's package entry loads all ~100 exchanges (~0.5 s); the child only needs binance, so 'ccxt' is bundled as
 * binance alone. protobufjs (used by exchanges the child never loads) is stubbed; better-sqlite3 stays external
 * (a native addon) by absolute path so the bundle can live in a temp folder.
 */
function plugins(): Plugin[] {
  const binancePath = join(root, 'node_modules/ccxt/js/src/binance.js');
  const sqlitePath = require.resolve('better-sqlite3');
  return [{
    name: 'crash-child',
    setup(b) {
      b.onResolve({ filter: /^ccxt$/ }, () => ({ path: 'ccxt', namespace: 'ccxt-binance' }));
      b.onLoad({ filter: /.*/, namespace: 'ccxt-binance' }, () => ({
        contents: `export { default as binance } from ${JSON.stringify(binancePath)};`, loader: 'js', resolveDir: root,
      }));
      b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlitePath, external: true }));
      b.onResolve({ filter: /^protobufjs/ }, (a) => ({ path: a.path, namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  }];
}

async function bundle(): Promise<ChildCommand> {
  // esbuild comes with tsx (not a direct dependency): if it is ever missing, the child runs under tsx instead.
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'quorum-crash-child-'));
  const outfile = join(dir, 'child.mjs');
  await esbuild.build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, keepNames: true,
    logLevel: 'silent', plugins: plugins(),
    banner: { js: "import { createRequire as __qcr } from 'node:module'; const require = __qcr(import.meta.url);" },
  });
  return { command: process.execPath, args: [outfile], mode: 'bundle', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function prepareChild(): Promise<ChildCommand> {
  try {
    return await bundle();
  } catch {
    return { command: process.execPath, args: ['--import', 'tsx', entry], mode: 'tsx', cleanup: () => undefined };
  }
}
