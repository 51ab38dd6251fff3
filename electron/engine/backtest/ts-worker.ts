// Starts a worker thread on a module that may be TypeScript: source runs (tsx CLI, vitest) need tsx inside the worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

let tsxApi: string | undefined;

/** file URL of tsx's ESM register API, found through tsx's own exports map rather than a guessed dist path. */
function tsxApiUrl(): string {
  if (tsxApi) return tsxApi;
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  tsxApi = pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
  return tsxApi;
}

/**
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module on Node 20 (its hooks register too late, and a
 * bare 'tsx' resolves from the cwd), so a TypeScript entry is started from a tiny script that registers tsx first.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
