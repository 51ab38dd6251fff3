// The models a trader can pick: the app's shipped ones and those trained on this machine (beside the database, in
// models/), each an .onnx file with its manifest. A model whose manifest is missing, unreadable or made for other
// features is listed with the problem, so the Models page can say why it cannot be selected.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssues } from '../../../shared/issues';
import { ModelManifestSchema, type ModelEntry, type ModelManifest } from '../../../shared/model-manifest';
import { ModelError } from '../errors';
import { defaultDbPath } from '../paths';
import { expectedFeatures, inputsMismatch, type ExpectedFeatures } from './features/hash';

export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A model ready to load: its file, its bytes' manifest, and where it came from. */
export interface ResolvedModel {
  name: string;
  path: string;
  manifest: ModelManifest;
  origin: ModelEntry['origin'];
}

/** The user's trained models: models/ beside the database (the app's data folder). */
export function userModelsDir(dbPath: string): string {
  return join(dirname(dbPath), 'models');
}

/**
 * The models that ship with the app: QUORUM_MODELS, else the project's models/ folder found above this file (source
 * and built runs). The packaged app passes its resources folder instead (see electron-builder.yml extraResources).
 */
export function shippedModelsDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.QUORUM_MODELS) return env.QUORUM_MODELS;
  // A CommonJS bundle (a sweep worker) has no import.meta.url: start from the working folder there.
  let dir = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : process.cwd();
  for (let up = 0; up < 6; up++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models', 'README.md'))) return join(dir, 'models');
  }
  return undefined;
}

/** The library of the database at `dbPath` (its models/ folder) with the shipped models: the CLI's, given --db. */
export function modelLibraryFor(dbPath: string, features?: ExpectedFeatures): ModelLibrary {
  return new ModelLibrary(userModelsDir(dbPath), shippedModelsDir(), features);
}

/** The library beside the default database, for loops given no library. */
export function defaultModelLibrary(): ModelLibrary {
  return modelLibraryFor(defaultDbPath());
}

export const manifestPath = (onnxPath: string) => onnxPath.replace(/\.onnx$/, '.manifest.json');
export const reportPath = (onnxPath: string) => onnxPath.replace(/\.onnx$/, '.report.md');

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ModelLibrary {
  constructor(
    /** Where `quorum train` and the Models page write models. */
    readonly userDir: string,
    readonly shippedDir: string | undefined,
    /** The features its user computes (this build's, from candles only, by default): a model made for others is refused. */
    private readonly features: ExpectedFeatures = expectedFeatures(),
  ) {}

  /** Every model, the user's first; a user model shadows a shipped one of the same name. */
  list(): ModelEntry[] {
    const seen = new Set<string>();
    const out: ModelEntry[] = [];
    for (const [dir, origin] of this.dirs()) {
      for (const file of onnxFiles(dir)) {
        const name = file.slice(0, -'.onnx'.length);
        if (seen.has(name) || !MODEL_NAME.test(name)) continue;
        seen.add(name);
        const path = join(dir, file);
        const read = this.readManifest(name, path);
        out.push({
          name, origin, sizeBytes: statSync(path).size, hasReport: existsSync(reportPath(path)),
          ...('manifest' in read ? { manifest: read.manifest } : {}),
          ...('problem' in read ? { problem: read.problem } : {}),
        });
      }
    }
    return out;
  }

  /** The model `name`, checked: exists, has a valid manifest, was trained on this build's features, bytes unchanged. */
  resolve(name: string): ResolvedModel {
    if (!MODEL_NAME.test(name)) {
      throw new ModelError(`predictor.model must be a model name (letters, digits, . - _), got ${JSON.stringify(name)}`, 'MODEL_NAME', { field: 'predictor.model', value: name });
    }
    for (const [dir, origin] of this.dirs()) {
      const path = join(dir, `${name}.onnx`);
      if (!existsSync(path)) continue;
      const read = this.readManifest(name, path);
      if ('problem' in read) throw new ModelError(`Model ${name} cannot be used: ${read.problem}`, 'MODEL_INVALID', { field: 'predictor.model', value: name });
      return { name, path, manifest: read.manifest, origin };
    }
    const where = this.dirs().map(([d]) => d).join(' or ');
    throw new ModelError(`No model named ${name} in ${where} (quorum train writes one; the Models page lists them)`, 'MODEL_NOT_FOUND', { field: 'predictor.model', value: name });
  }

  /** The user folder, created on demand (training writes there). */
  ensureUserDir(): string {
    mkdirSync(this.userDir, { recursive: true });
    return this.userDir;
  }

  private dirs(): Array<[string, ModelEntry['origin']]> {
    const dirs: Array<[string, ModelEntry['origin']]> = [[this.userDir, 'user']];
    if (this.shippedDir && this.shippedDir !== this.userDir) dirs.push([this.shippedDir, 'shipped']);
    return dirs;
  }

  private readManifest(name: string, path: string): { manifest: ModelManifest } | { problem: string } {
    const file = manifestPath(path);
    if (!existsSync(file)) return { problem: `no manifest (${name}.manifest.json) beside the model` };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { problem: `the manifest is not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
    const parsed = ModelManifestSchema.safeParse(raw);
    if (!parsed.success) return { problem: `the manifest is invalid: ${describeIssues(parsed.error).message}` };
    const manifest = parsed.data;
    if (manifest.features.hash !== this.features.hash) {
      return {
        problem: inputsMismatch(manifest.features.inputs ?? [], this.features)
          ?? `it was trained on feature schema ${manifest.features.hash} but this version computes ${this.features.hash}: train it again with this version`,
      };
    }
    if (sha256(readFileSync(path)) !== manifest.onnxSha256) return { problem: `${name}.onnx does not match the sha256 in its manifest (the file changed after training)` };
    return { manifest };
  }
}

function onnxFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort();
}
