import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { META_CSP } from './electron/shell/csp';
import { INLINED_PACKAGES } from './electron/engine/backtest/inlined-packages';

/** The built page carries the CSP as a meta tag; the dev server (inline React-refresh preamble) does not. */
function cspMeta(): Plugin {
  return {
    name: 'quorum-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
  };
}

// Three bundles: main (ESM, engine included), preload (CommonJS, as sandboxed preloads require), renderer (React).
/** The renderer's shared libraries, each a chunk of its own (React, the charts, zod). */
function vendorChunk(id: string): string | undefined {
  if (/node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  if (/node_modules[\\/](lightweight-charts|fancy-canvas)[\\/]/.test(id)) return 'charts';
  if (/node_modules[\\/]zod[\\/]/.test(id)) return 'zod';
  return undefined;
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Other packages stay in node_modules (native addons must); these are bundled: see inlined-packages.ts.
      externalizeDeps: { exclude: [...INLINED_PACKAGES] },
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
      rollupOptions: {
        input: resolve('renderer/index.html'),
        // Pages load on first visit (App.tsx); the libraries every page shares are chunks of their own, cached apart.
        output: { manualChunks: vendorChunk },
      },
    },
    plugins: [react(), cspMeta()],
  },
});
