// Keeps node_modules loadable by plain Node across a packaging run.
//
// electron-builder's npmRebuild recompiles native addons for Electron's ABI *in place* in node_modules (once per target
// arch), after which `npm test` and the quorum CLI fail with NODE_MODULE_VERSION errors. Before packaging we copy
// every addon's Node-ABI .node files aside; afterwards we put them back and delete any .node file the rebuild added.
// A copy is exact and needs neither a compiler nor the network, unlike `npm rebuild`.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Inside node_modules so it is git-ignored; it survives a killed run, and the next run restores from it first. */
export const SAVE_DIR = join('node_modules', '.cache', 'quorum-node-abi');

/** Top-level packages with a binding.gyp: the ones @electron/rebuild recompiles. */
export function nativePackages(root) {
  const modules = join(root, 'node_modules');
  const names = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const candidates = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of candidates) if (existsSync(join(modules, name, 'binding.gyp'))) names.push(name);
  }
  return names;
}

/** Every .node file under a package's build/ folder, as paths relative to node_modules. */
function builtAddons(root, name) {
  const build = join(root, 'node_modules', name, 'build');
  if (!existsSync(build)) return [];
  return readdirSync(build, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node'))
    .map((file) => join(name, 'build', file));
}

/** Copies the current (Node-ABI) addons aside. Returns the saved paths, relative to node_modules. */
export function saveNodeAddons(root) {
  const save = join(root, SAVE_DIR);
  rmSync(save, { recursive: true, force: true });
  const packages = nativePackages(root);
  const files = packages.flatMap((name) => builtAddons(root, name));
  for (const file of files) {
    mkdirSync(dirname(join(save, file)), { recursive: true });
    copyFileSync(join(root, 'node_modules', file), join(save, file));
  }
  mkdirSync(save, { recursive: true });
  writeFileSync(join(save, 'manifest.json'), JSON.stringify({ packages, files }, null, 2));
  return files;
}

/** True when a previous run saved addons and has not restored them (it was killed, or is running now). */
export function hasSavedAddons(root) {
  return existsSync(join(root, SAVE_DIR, 'manifest.json'));
}

/** Puts the saved addons back, removes .node files the rebuild created, and drops the saved copy. */
export function restoreNodeAddons(root) {
  const save = join(root, SAVE_DIR);
  const { packages, files } = JSON.parse(readFileSync(join(save, 'manifest.json'), 'utf8'));
  const saved = new Set(files);
  for (const name of packages) {
    for (const file of builtAddons(root, name)) if (!saved.has(file)) rmSync(join(root, 'node_modules', file));
  }
  for (const file of files) {
    const target = join(root, 'node_modules', file);
    mkdirSync(dirname(target), { recursive: true });
    // Copy, then rename over: a new file rather than rewriting one a running process may have mapped.
    copyFileSync(join(save, file), `${target}.restoring`);
    renameSync(`${target}.restoring`, target);
  }
  rmSync(save, { recursive: true, force: true });
}
