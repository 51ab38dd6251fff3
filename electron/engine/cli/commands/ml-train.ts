// `quorum train`: a model of one kind fitted on a file or stored dataset, exported to ONNX (checked in onnxruntime)
// and written as NAME.onnx, NAME.manifest.json and NAME.report.md — to --out's folder, or to the models folder
// beside the database. The manifest keeps the normalised command line that makes the same bytes again.
import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { describeIssues } from '../../../../shared/issues';
import { ModelManifestSchema } from '../../../../shared/model-manifest';
import { ConfigError, ModelError } from '../../errors';
import { describeInputs } from '../../ml/features/hash';
import { MODEL_NAME, manifestPath, reportPath, userModelsDir } from '../../ml/model-library';
import { skillVerdict } from '../../ml/reports/training-report';
import { trainModel, writeModelFiles } from '../../ml/train-model';
import { dbPathFrom, parseFlags, type CliIO, type Command } from '../command';
import { isoTime } from '../format';
import { numberFlag } from './backtest-options';
import {
  DATA_OPTIONS, DATA_USAGE, formatSets, LABEL_OPTIONS, loadMlData, MICROSTRUCTURE_OPTION, MICROSTRUCTURE_USAGE, parseRange, parseTrainerFlags, shellWord, TRAINER_OPTIONS, trainerProgress, type Range,
  type TrainerFlags,
} from './ml-shared';

const OPTIONS = { ...DATA_OPTIONS, ...MICROSTRUCTURE_OPTION, ...LABEL_OPTIONS, ...TRAINER_OPTIONS, out: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } } as const;

/** A model name from free text: characters outside [A-Za-z0-9._-] become '-', at most 64, starting alphanumeric. */
export function sanitiseModelName(text: string): string {
  const name = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64).replace(/[-.]+$/, '');
  return name || 'model';
}

interface Destination {
  dir: string;
  name: string;
  /** The flag that names it in the reproducing command: ['--out', path] or ['--name', name]. */
  words: string[];
}

function destination(values: { out?: string; name?: string; db?: string }, kind: string, symbol: string, timeframe: string): Destination {
  if (values.out !== undefined && values.name !== undefined) throw new ConfigError('Give --out or --name, not both', 'CLI_ARGS', { field: 'name', value: values.name });
  if (values.out !== undefined) {
    const file = basename(values.out);
    if (!file.endsWith('.onnx')) throw new ConfigError(`--out must be a path ending in .onnx (e.g. models/NAME.onnx), got ${JSON.stringify(values.out)}`, 'CLI_ARGS', { field: 'out', value: values.out });
    const name = file.slice(0, -'.onnx'.length);
    if (!MODEL_NAME.test(name)) throw new ConfigError(`--out: the model name ${JSON.stringify(name)} must be letters, digits, . - _ (at most 64, starting with a letter or digit)`, 'CLI_ARGS', { field: 'out', value: values.out });
    return { dir: dirname(resolve(values.out)), name, words: ['--out', values.out] };
  }
  const name = values.name ?? sanitiseModelName(`${kind}-${symbol}-${timeframe}`);
  if (!MODEL_NAME.test(name)) throw new ConfigError(`--name must be letters, digits, . - _ (at most 64, starting with a letter or digit), got ${JSON.stringify(name)}`, 'CLI_ARGS', { field: 'name', value: name });
  return { dir: userModelsDir(dbPathFrom(values)), name, words: ['--name', name] };
}

/** `quorum train …` with every flag that shapes the model, defaults spelled out, times in ISO, sets sorted by key. */
export function trainCommandLine(data: string, dest: Destination, t: TrainerFlags, validation: number, range: Range, microstructure = false): string {
  const words = ['quorum', 'train', '--data', data, ...(microstructure ? ['--microstructure'] : []), '--model', t.kind, ...dest.words, '--seed', String(t.seed), '--horizon', String(t.label.horizon),
    '--dead-zone', String(t.label.deadZone), '--validation', String(validation)];
  if (range.from !== undefined) words.push('--from', isoTime(range.from));
  if (range.to !== undefined) words.push('--to', isoTime(range.to));
  for (const set of formatSets(t.params)) words.push('--set', set);
  return words.map(shellWord).join(' ');
}

const rangeText = (r: { from: number; to: number; rows: number }) => `${r.rows.toLocaleString('en-US')} rows (${isoTime(r.from)} .. ${isoTime(r.to)})`;

export const train: Command = {
  path: ['train'],
  summary: 'train a model (gbdt, rf, logreg, ensemble) on candles; writes NAME.onnx, its manifest and report',
  usage: `quorum train ${DATA_USAGE} ${MICROSTRUCTURE_USAGE} --model gbdt|rf|logreg|ensemble|gru [--out models/NAME.onnx | --name NAME] [--seed N] [--horizon 5] [--dead-zone 0] [--validation 0.2] [--set key=value …] [--json] [--db PATH]`,
  async run(argv, io: CliIO) {
    const { values } = parseFlags(argv, OPTIONS);
    const flags = parseTrainerFlags(values);
    const validation = numberFlag(values, 'validation', (n) => n > 0 && n < 1, 'a fraction in (0, 1) (0.2 = the newest 20 % of the rows)') ?? 0.2;
    const range = parseRange(values);
    // A bad --out or --name is refused before the data is read; the default name needs the data's symbol.
    const named = values.out !== undefined || values.name !== undefined ? destination(values, flags.kind, '', '') : undefined;
    const data = await loadMlData(values);
    const dest = named ?? destination(values, flags.kind, data.symbol, data.timeframe);
    const command = trainCommandLine(values.data as string, dest, flags, validation, range, values.microstructure === true);
    // The manifest keeps both (at most 1,000 and 200 characters): refused now rather than after the training.
    if (command.length > 1000) throw new ConfigError(`The reproducing command would be ${command.length} characters (at most 1000): use shorter --data or --out paths`, 'CLI_ARGS', { field: 'data', value: command.length });
    if (data.name.length > 200) throw new ConfigError(`--data names a path of ${data.name.length} characters (at most 200 are kept in the manifest): use a shorter path`, 'CLI_ARGS', { field: 'data', value: data.name });
    io.err(`Training ${flags.kind} ${dest.name} on ${data.name} (${data.series.length.toLocaleString('en-US')} bars): label ${flags.label.horizon} bars ahead, seed ${flags.seed}`);
    const progress = trainerProgress('train', io);
    let trained;
    try {
      trained = await trainModel({
        name: dest.name, kind: flags.kind, dataset: data.name, timeframe: data.timeframe, series: data.series, extra: data.extra, label: flags.label,
        from: range.from, to: range.to, validationFraction: validation, params: flags.params, seed: flags.seed, command, onProgress: progress.onProgress,
      });
    } finally {
      progress.end();
    }
    const check = ModelManifestSchema.safeParse(trained.manifest);
    if (!check.success) throw new ModelError(`The trained model's manifest is invalid, nothing written: ${describeIssues(check.error).message}`, 'MODEL_INVALID', { field: 'manifest' });
    mkdirSync(dest.dir, { recursive: true });
    const path = writeModelFiles(dest.dir, trained);
    const files = { onnx: path, manifest: manifestPath(path), report: reportPath(path) };
    if (values.json) {
      io.out(JSON.stringify({ files, manifest: trained.manifest, exportError: trained.exportError }, null, 2));
      return 0;
    }
    const { manifest: m, validation: v } = trained;
    io.out([
      `Wrote ${files.onnx}`,
      `      ${files.manifest}`,
      `      ${files.report}`,
      `Model ${m.name}: ${m.kind} on ${m.data.dataset} (${m.data.timeframe}), label: close ${m.label.horizon} bars ahead above this close${m.label.deadZone > 0 ? ` by more than ${m.label.deadZone}` : ''}`,
      `Trained on ${rangeText(m.data.train)}; validated on the newest ${rangeText(m.data.validation)}`,
      `Validation: accuracy ${v.accuracy.toFixed(4)}, log-loss ${v.logLoss.toFixed(4)}, AUC ${Number.isFinite(v.auc) ? v.auc.toFixed(4) : 'n/a'}, Brier ${v.brier.toFixed(4)} (share up ${v.baseRate.toFixed(4)})`,
      skillVerdict(v, v.baseRate),
      `ONNX export checked in onnxruntime: largest difference from the trainer ${trained.exportError.toExponential(2)}`,
      ...(m.features.inputs ? [`Reads ${describeInputs(m.features.inputs)}; the Predictor agent cannot serve it`] : []),
      `Reproduce: ${m.command}`,
    ].join('\n'));
    return 0;
  },
};
