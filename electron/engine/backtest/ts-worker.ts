// Starts a worker thread on a module that may be TypeScript. The built app starts the emitted .js file. Source runs
// (tsx CLI, vitest, benches) bundle the .ts entry once per process with esbuild and start workers on that code: loading
// ~130 modules through tsx's hooks inside every worker cost 0.6–1.3 s of start-up per worker, the bundle ~0.2 s.
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import { isInlined } from './inlined-packages';

const bundles = new Map<string, Promise<string>>();

/** esbuild as tsx's own dependency (tsx runs the sources, so it is there whenever a .ts entry is). */
async function esbuild(): Promise<typeof Esbuild> {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const mod = (await import(pathToFileURL(fromTsx.resolve('esbuild')).href)) as typeof Esbuild & { default?: typeof Esbuild };
  return mod.default ?? mod;
}

/**
 * One CommonJS script (an eval'd worker is a script): our sources inlined, and the packages the built app inlines too
 * (INLINED_PACKAGES), so source runs start threads as the app does; other packages are left to `require` by absolute
 * path, so native addons (better-sqlite3) load as usual whatever the process's cwd.
 */
async function bundle(entry: string): Promise<string> {
  const { build } = await esbuild();
  const out = await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    plugins: [{
      name: 'packages-by-path',
      setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('node:') || isInlined(a.path) ? undefined : { path: createRequire(a.importer).resolve(a.path), external: true })),
    }],
  });
  return out.outputFiles[0].text;
}

/** The worker's code: built once per entry and process, then every worker of every pool starts from it. */
export function workerBundle(moduleUrl: URL): Promise<string> {
  let code = bundles.get(moduleUrl.href);
  if (!code) {
    code = bundle(fileURLToPath(moduleUrl));
    bundles.set(moduleUrl.href, code);
    code.catch(() => bundles.delete(moduleUrl.href));
  }
  return code;
}

export async function startWorker(moduleUrl: URL, options: WorkerOptions = {}): Promise<Worker> {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, options);
  return new Worker(await workerBundle(moduleUrl), { ...options, eval: true });
}
