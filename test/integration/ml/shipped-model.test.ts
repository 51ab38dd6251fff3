// The model that ships in models/: listed as usable (manifest valid, trained on this build's features, bytes as the
// manifest says), under 5 MB, and made again byte for byte by the command its manifest (and the README) gives.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelManifestSchema } from '../../../shared/model-manifest';
import { ModelLibrary, sha256, shippedModelsDir } from '../../../electron/engine/ml/model-library';
import { hasSharedData, SHARED_SKIP_REASON } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const NAME = 'btc-usdt-5m-gbdt';
const shipped = resolve('models');

describe('the shipped model', () => {
  it('is listed as a usable shipped model, under 5 MB', () => {
    expect(shippedModelsDir()).toBe(shipped);
    const [entry] = new ModelLibrary(tempDir(), shipped).list();
    expect(entry).toMatchObject({ name: NAME, origin: 'shipped', hasReport: true });
    expect(entry.problem).toBeUndefined();
    expect(entry.manifest?.kind).toBe('gbdt');
    expect(statSync(join(shipped, `${NAME}.onnx`)).size).toBeLessThan(5 * 2 ** 20);
    expect(readFileSync(join(shipped, 'README.md'), 'utf8')).toContain(entry.manifest?.command);
  });

  it.skipIf(!hasSharedData)(hasSharedData ? 'is made again byte for byte by its manifest command' : SHARED_SKIP_REASON, { timeout: 120_000 }, async () => {
    const manifest = ModelManifestSchema.parse(JSON.parse(readFileSync(join(shipped, `${NAME}.manifest.json`), 'utf8')));
    const args = manifest.command.split(' ').slice(1);
    const out = join(tempDir(), `${NAME}.onnx`);
    args[args.indexOf('--out') + 1] = out;
    const r = await quorum(...args);
    expect(r.code, r.err).toBe(0);
    expect(sha256(readFileSync(out))).toBe(manifest.onnxSha256);
    expect(readFileSync(out)).toEqual(readFileSync(join(shipped, `${NAME}.onnx`)));
  });
});
