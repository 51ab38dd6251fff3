// Where the sweep worker's code is: its .ts source in source runs (tsx, vitest), the file electron-vite emits beside
// the main bundle in the built app (electron.vite.config.ts lists it as an entry of the main build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Candidates relative to this module: the source folder, or out/main/ from the bundle or one of its chunks/. */
const CANDIDATES = ['./sweep-worker.ts', './sweep-worker.js', '../sweep-worker.js'];

export function workerUrl(): URL {
  // A variable, not a literal, in `new URL`: bundlers would otherwise try to turn the worker into an asset.
  for (const name of CANDIDATES) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`The sweep worker is missing next to ${import.meta.url} (looked for ${CANDIDATES.join(', ')})`);
}
