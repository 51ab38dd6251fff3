// `node --import ./register.mjs …`: the stand-in for `electron` in both module systems — ESM through module.register,
// CommonJS (electron-updater, the preload bundle) through the CommonJS resolver.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const standin = new URL('./electron.cjs', import.meta.url).href;
register('./hooks.mjs', import.meta.url, { data: { standin } });

const original = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? fileURLToPath(standin) : original.call(this, request, ...rest);
};
