// What `quorum features`, `train`, `predict` and `evaluate` share: the data and range flags, the label and trainer
// flags (--horizon, --dead-zone, --set key=value), output to a file or stdout in chunks, and the reproducing command.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadBacktestData, type LoadedData } from '../../backtest/load-data';
import { parseTimeArg } from '../../data/datasets';
import { inferTimeframe } from '../../data/timeframe-infer';
import { ConfigError } from '../../errors';
import { checkTrainKind, sortedParams, unknownTrainerOption, type TrainKind, type TrainerParams } from '../../ml/fit-model';
import type { FeatureExtra } from '../../ml/features/family';
import { readKlineMicrostructure } from '../../ml/microstructure';
import type { ProgressFn } from '../../ml/train';
import { DEFAULT_LABEL, type LabelSpec } from '../../ml/training-set';
import { firstAtOrAfter } from '../../model/time-search';
import { DB_OPTION, requireString, type CliIO } from '../command';
import { LazyStore, numberFlag } from './backtest-options';
import { createProgress, type Progress } from './sweep-progress';

export const DATA_OPTIONS = { ...DB_OPTION, data: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } as const;
export const DATA_USAGE = '--data FILE|exchange:SYMBOL:tf [--from T] [--to T]';
/** Kline inputs beyond OHLCV from a Binance file (features, train, predict; not evaluate: the panel's backtests cannot feed them). */
export const MICROSTRUCTURE_OPTION = { microstructure: { type: 'boolean' } } as const;
export const MICROSTRUCTURE_USAGE = '[--microstructure]';

export const LABEL_OPTIONS = { horizon: { type: 'string' }, 'dead-zone': { type: 'string' } } as const;
export const TRAINER_OPTIONS = { model: { type: 'string' }, seed: { type: 'string' }, set: { type: 'string', multiple: true }, validation: { type: 'string' } } as const;

export interface Range {
  from?: number;
  to?: number;
}

/** --from/--to (ISO date or epoch ms, both inclusive); from after to is refused. */
export function parseRange(values: { from?: string; to?: string }): Range {
  const from = values.from === undefined ? undefined : parseTimeArg(values.from, 'from');
  const to = values.to === undefined ? undefined : parseTimeArg(values.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new ConfigError(`--from (${values.from}) is after --to (${values.to})`, 'CLI_ARGS', { field: 'from', value: values.from });
  }
  return { from, to };
}

/** Bar indices [a, b) of `time` inside the inclusive range. */
export function rangeIndices(time: Float64Array, range: Range): { a: number; b: number } {
  const a = range.from === undefined ? 0 : firstAtOrAfter(time, range.from);
  const b = range.to === undefined ? time.length : firstAtOrAfter(time, range.to + 1);
  return { a, b: Math.max(a, b) };
}

export type MlData = LoadedData & {
  timeframe: string;
  /** With --microstructure: the file's taker-buy volume and trade count per bar (absent otherwise). */
  extra?: FeatureExtra;
};

/**
 * The candles of --data (a file, or a stored dataset read through --db), with a timeframe (inferred if need be);
 * with --microstructure also the kline columns the store leaves out, which only a Binance kline file has.
 */
export async function loadMlData(values: { data?: string; db?: string; microstructure?: boolean }): Promise<MlData> {
  const store = new LazyStore(values);
  let data: LoadedData;
  try {
    data = await loadBacktestData(requireString(values, 'data'), () => store.db);
  } finally {
    store.close();
  }
  const timeframe = data.timeframe ?? inferTimeframe(data.series.time) ?? 'unknown';
  if (!values.microstructure) return { ...data, timeframe };
  if (data.source !== 'file') {
    throw new ConfigError(`--microstructure needs --data to be a Binance kline file: stored datasets keep OHLCV only (${data.name})`, 'CLI_ARGS', {
      field: 'microstructure',
      value: data.name,
    });
  }
  return { ...data, timeframe, extra: await readKlineMicrostructure(data.name, data.series) };
}

/** The first `b` bars' share of `extra` (features look back only, so later bars are never needed). */
export function sliceExtra(extra: FeatureExtra | undefined, b: number): FeatureExtra | undefined {
  if (!extra) return undefined;
  return { takerBuyVolume: extra.takerBuyVolume?.subarray(0, b), trades: extra.trades?.subarray(0, b) };
}

/** --horizon (bars ahead, default 5) and --dead-zone (a fraction, default 0). */
export function parseLabel(values: Record<string, unknown>): LabelSpec {
  return {
    horizon: numberFlag(values, 'horizon', (n) => Number.isInteger(n) && n >= 1 && n <= 10_000, 'a whole number of bars ≥ 1') ?? DEFAULT_LABEL.horizon,
    deadZone: numberFlag(values, 'dead-zone', (n) => n >= 0 && n < 1, 'a fraction in [0, 1) (0.001 = 0.1 %)') ?? DEFAULT_LABEL.deadZone,
  };
}

export function parseSeed(values: Record<string, unknown>): number {
  return numberFlag(values, 'seed', (n) => Number.isSafeInteger(n), 'an integer') ?? 1;
}

function parseValue(raw: string): number | string | boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

/**
 * `--set key=value …` for the trainer of `kind`: numbers, true/false, or text; an unknown key is refused before any
 * data is read, naming it and the keys the trainer takes (the trainer checks the values' ranges itself).
 */
export function parseTrainerSets(kind: TrainKind, sets: readonly string[]): TrainerParams {
  const out: Record<string, number | string | boolean> = {};
  for (const pair of sets) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const raw = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (key === '' || raw === '') throw new ConfigError(`--set must look like key=value, got ${JSON.stringify(pair)}`, 'CLI_ARGS', { field: 'set', value: pair });
    out[key] = parseValue(raw);
  }
  const bad = unknownTrainerOption(kind, out);
  if (bad) throw new ConfigError(`--set ${bad.key}: ${bad.why}`, 'CLI_ARGS', { field: 'set', value: bad.key });
  return sortedParams(out);
}

export interface TrainerFlags {
  kind: TrainKind;
  params: TrainerParams;
  seed: number;
  label: LabelSpec;
}

export function parseTrainerFlags(values: Record<string, unknown>): TrainerFlags {
  const kind = checkTrainKind(requireString(values, 'model'));
  return { kind, params: parseTrainerSets(kind, (values.set as string[] | undefined) ?? []), seed: parseSeed(values), label: parseLabel(values) };
}

/** The sets as `key=value` words, sorted by key (the normalised form a manifest's command keeps). */
export function formatSets(params: TrainerParams): string[] {
  return Object.keys(params).sort().map((k) => `${k}=${String(params[k])}`);
}

/** One word of a POSIX shell command line: quoted only when it has to be. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_\-.,:/=@+%]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A progress bar on stderr for a trainer's (done, total, message) reports; a new bar when the total changes. */
export function trainerProgress(label: string, io: CliIO): { onProgress: ProgressFn; end(): void } {
  let bar: Progress | undefined;
  let total = -1;
  return {
    onProgress(done, n, message) {
      if (n !== total) {
        bar?.end();
        bar = createProgress(label, n, io.err);
        total = n;
      }
      bar?.update(done, message);
    },
    end() {
      bar?.end();
    },
  };
}

/** Lines written to --out (created with its folder) or to stdout, in chunks so a big matrix never is one string. */
export interface LineSink {
  lines(text: string[]): void;
  close(): void;
}

export function lineSink(io: CliIO, out?: string): LineSink {
  if (out === undefined || out === '-') return { lines: (text) => text.length > 0 && io.out(text.join('\n')), close: () => {} };
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  return {
    lines: (text) => {
      if (text.length > 0) writeSync(fd, `${text.join('\n')}\n`);
    },
    close: () => closeSync(fd),
  };
}

/** A float32 value in at most 9 significant digits, enough to read back the same float32 ('NaN' when missing). */
export function f32Text(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(Number(v.toPrecision(9)));
}
