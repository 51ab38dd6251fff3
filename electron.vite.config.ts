import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { META_CSP } from './electron/shell/csp';

/** The built page carries the CSP as a meta tag; the dev server (inline React-refresh preamble) does not. */
function cspMeta(): Plugin {
  return {
    name: 'quorum-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
  };
}

// Three bundles: main (ESM, engine included), preload (CommonJS, as sandboxed preloads require), renderer (React).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The sweep worker is a second entry: emitted as out/main/sweep-worker.js, where pool-worker-url.ts looks for it.
        input: { main: resolve('electron/main.ts'), 'sweep-worker': resolve('electron/engine/backtest/sweep-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react(), cspMeta()],
  },
});
