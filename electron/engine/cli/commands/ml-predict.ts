// `quorum predict`: a trained model's P(up) for every bar of a file or stored dataset, through the same streaming
// features and onnxruntime calls the Predictor agent uses. The model is a name (the models folder beside the
// database, then the shipped ones) or a path to NAME.onnx with NAME.manifest.json beside it, checked the same way:
// valid manifest, this build's feature schema, unchanged bytes. CSV `time,p_up` (epoch ms UTC; NaN while the
// features warm up) or --json {model, kind, horizon, time, p} (null there).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ModelError } from '../../errors';
import type { FeatureInput } from '../../../../shared/model-manifest';
import { expectedFeatures, inputsMismatch, type ExpectedFeatures } from '../../ml/features/hash';
import { MICROSTRUCTURE_INPUTS } from '../../ml/microstructure';
import { manifestPath, ModelLibrary, modelLibraryFor } from '../../ml/model-library';
import { openModel, type LoadedModel } from '../../ml/predictor/load-model';
import { PredictionTrack } from '../../ml/predictor/prediction-track';
import { sliceSeries } from '../../model/candle-series';
import { dbPathFrom, parseFlags, requireString, type CliIO, type Command } from '../command';
import { isoTime } from '../format';
import { DATA_OPTIONS, DATA_USAGE, f32Text, loadMlData, MICROSTRUCTURE_OPTION, MICROSTRUCTURE_USAGE, parseRange, rangeIndices, sliceExtra } from './ml-shared';

const CHUNK = 5_000;

export function isModelPath(spec: string): boolean {
  return spec.endsWith('.onnx') || spec.includes('/') || spec.includes('\\');
}

/** A manifest beside the file that names other features than `ours`: refused with both hashes in full. */
function checkManifestHash(path: string, ours: ExpectedFeatures): void {
  const file = manifestPath(path);
  if (!existsSync(file)) return; // the library names the missing manifest
  let features: { hash?: unknown; inputs?: unknown } | undefined;
  try {
    features = (JSON.parse(readFileSync(file, 'utf8')) as { features?: { hash?: unknown; inputs?: unknown } }).features;
  } catch {
    return; // the library names the broken manifest
  }
  const hash = features?.hash;
  if (typeof hash === 'string' && hash !== ours.hash) {
    const inputs = Array.isArray(features?.inputs) ? (features.inputs as FeatureInput[]) : [];
    throw new ModelError(
      `Model ${path} was trained on feature schema ${hash} but this computes ${ours.hash}: ${inputsMismatch(inputs, ours) ?? 'train it again with this version'}`,
      'MODEL_SCHEMA_MISMATCH', { field: 'model', value: path, modelHash: hash, codeHash: ours.hash },
    );
  }
}

/**
 * Opens --model: a path (its folder as a one-folder library, so every check is the library's) or a library name, for
 * a caller computing `features` (this build's candle-only ones by default).
 */
export async function openModelSpec(spec: string, db: string | undefined, features = expectedFeatures()): Promise<{ model: LoadedModel; path: string }> {
  if (isModelPath(spec)) {
    const path = resolve(spec.endsWith('.onnx') ? spec : `${spec}.onnx`);
    if (!existsSync(path)) throw new ModelError(`--model ${spec}: no such file`, 'MODEL_NOT_FOUND', { field: 'model', value: spec });
    checkManifestHash(path, features);
    const library = new ModelLibrary(dirname(path), undefined, features);
    const name = basename(path).slice(0, -'.onnx'.length);
    return { model: await openModel(library, name, {}, features), path };
  }
  const library = modelLibraryFor(dbPathFrom({ db }), features);
  const model = await openModel(library, spec, {}, features);
  return { model, path: library.resolve(spec).path };
}

export const predict: Command = {
  path: ['predict'],
  summary: "a trained model's P(up) for every bar of a candle file or dataset (CSV time,p_up or JSON)",
  usage: `quorum predict --model NAME|PATH.onnx ${DATA_USAGE} ${MICROSTRUCTURE_USAGE} [--json] [--db PATH]`,
  async run(argv, io: CliIO) {
    const { values } = parseFlags(argv, { ...DATA_OPTIONS, ...MICROSTRUCTURE_OPTION, model: { type: 'string' }, json: { type: 'boolean' } });
    const spec = requireString(values, 'model');
    const range = parseRange(values);
    requireString(values, 'data');
    const { model, path } = await openModelSpec(spec, values.db, expectedFeatures(values.microstructure ? MICROSTRUCTURE_INPUTS : []));
    try {
      const data = await loadMlData(values);
      const { a, b } = rangeIndices(data.series.time, range);
      const track = new PredictionTrack(model.runner, { extra: sliceExtra(data.extra, b) });
      // The features look back only: bars after --to are never needed, bars before --from warm them up.
      await track.update(b < data.series.length ? sliceSeries(data.series, 0, b) : data.series);
      const time = data.series.time;
      let first = -1;
      for (let i = a; i < b && first < 0; i++) if (Number.isFinite(track.p[i])) first = i;
      io.err(`Model ${model.name} (${model.kind}, P(up) ${model.horizon} bars ahead) from ${path} on ${data.name}: ${b - a} bars` +
        (first >= 0 ? `, first probability at ${isoTime(time[first])}` : ', none past the warm-up'));
      if (values.json) {
        const p = Array.from(track.p.subarray(a, b), (v) => (Number.isFinite(v) ? Number(f32Text(v)) : null));
        io.out(JSON.stringify({ model: model.name, kind: model.kind, horizon: model.horizon, time: Array.from(time.subarray(a, b)), p }));
        return 0;
      }
      io.out('time,p_up');
      for (let from = a; from < b; from += CHUNK) {
        const lines: string[] = [];
        for (let i = from; i < Math.min(b, from + CHUNK); i++) lines.push(`${time[i]},${f32Text(track.p[i])}`);
        io.out(lines.join('\n'));
      }
      return 0;
    } finally {
      await model.runner.close();
    }
  },
};
