// `npm run dist [-- <electron-builder args>]`: builds the app and packages it (this OS unless --mac/--win/--linux),
// then leaves node_modules loadable by plain Node again: npmRebuild recompiles native addons for Electron in place
// (see native-abi.mjs). Publishing is off unless a --publish flag is passed; the release workflow publishes.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { hasSavedAddons, restoreNodeAddons, saveNodeAddons } from './native-abi.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..', '..');
/** A package's CLI file, found through its package.json (electron-vite's "exports" hide bin/). */
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

/** What the tests and the CLI need from the native addons, run under this Node. keytar is optional. */
const NODE_SMOKE = `
new (require('better-sqlite3'))(':memory:').close();
let keytar; try { keytar = require.resolve('keytar'); } catch { process.exit(0); }
require(keytar);
`;

function run(label, args) {
  console.log(`\n=== ${label}`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

function nodeCanLoadAddons() {
  const r = spawnSync(process.execPath, ['-e', NODE_SMOKE], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) console.error(r.stderr);
  return r.status === 0;
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

// electron-builder expands these into the publish config (and the app's app-update.yml) even when not publishing.
const missing = ['QUORUM_RELEASE_OWNER', 'QUORUM_RELEASE_REPO'].filter((name) => !process.env[name]);
if (missing.length > 0) {
  fail(`Set ${missing.join(' and ')}: the GitHub owner/repository whose releases the packaged app's updater checks.`);
}

// A killed run leaves the saved copy behind: put it back before trusting node_modules again.
if (hasSavedAddons(root)) restoreNodeAddons(root);
if (!nodeCanLoadAddons()) {
  fail('Native modules do not load under Node, so there is nothing good to restore afterwards: run `npm rebuild better-sqlite3 keytar` first.');
}
if (!run('electron-vite build', [bin('electron-vite', 'bin/electron-vite.js'), 'build'])) fail('Build failed.');

const args = process.argv.slice(2);
if (!args.some((a) => a === '-p' || a.startsWith('--publish'))) args.push('--publish', 'never');

// Ctrl-C reaches electron-builder too; this process stays alive long enough to restore the addons.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
saveNodeAddons(root);
let packaged = false;
try {
  packaged = run(`electron-builder ${args.join(' ')}`, [bin('electron-builder', 'cli.js'), ...args]);
} finally {
  restoreNodeAddons(root);
}
if (!nodeCanLoadAddons()) fail('Restoring the Node builds of the native modules failed: run `npm rebuild better-sqlite3 keytar`.');
if (!packaged) fail('Packaging failed (node_modules restored for Node).');
console.log('\nPackages are in release/; node_modules still load under Node.');
