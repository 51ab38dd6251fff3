// The Models page's jobs: list the models with their manifests and reports, train one on a stored dataset, judge one
// walk-forward, with progress events and cancel (as BacktestService does for backtests).
//
// One job at a time: training and evaluation each keep a core busy for seconds to minutes, so a second request while
// one runs is refused with MODEL_BUSY (naming the running job) rather than queued behind it; the page shows the
// running job and its Cancel. A trained model is written only once it is complete (into a temporary folder inside the
// user models folder, then moved into place), so a cancelled or failed job leaves no files behind.
import type { Database } from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetName } from '../../../shared/bounds';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import type { ModelEntry, ModelManifest } from '../../../shared/model-manifest';
import {
  type ModelListEntry, type ModelReport, type ModelsProgress, type ModelsTrainRequest, type TrainableKind,
} from '../../../shared/models-contract';
import { loadDataset } from '../backtest/load-data';
import { formatSpan, parseSpan, type Span } from '../backtest/windows';
import { CandleStore } from '../data/candle-store';
import { parseDatasetName } from '../data/datasets';
import { asQuorumError, ConfigError, DataError, ModelError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { evaluateWalkForward } from './evaluate/walk-forward';
import { sortedParams, TRAIN_KINDS, unknownTrainerOption, type TrainKind, type TrainerParams } from './fit-model';
import { manifestPath, reportPath, type ModelLibrary } from './model-library';
import { walkForwardReport } from './reports/walk-forward-report';
import { jsonScores, trainModel } from './train-model';
import { DEFAULT_LABEL } from './training-set';

// The contract's kinds are the trainers' kinds: a kind added on one side only fails the typecheck here.
type SameKinds = [TrainableKind] extends [TrainKind] ? ([TrainKind] extends [TrainableKind] ? true : false) : false;
const KINDS_AGREE: SameKinds = true;
void KINDS_AGREE;

export const evaluationPath = (onnxPath: string) => onnxPath.replace(/\.onnx$/, '.evaluation.md');

export interface ModelServiceOptions {
  library: ModelLibrary;
  /** The engine's database, where stored datasets are read. */
  db: () => Database;
  onEvent?: (e: ModelsProgress) => void;
  /** Least time between two 'running' events of a job (default 100 ms); state changes are always sent. */
  progressEveryMs?: number;
}

export interface EvaluateJobRequest {
  name: string;
  train?: string;
  test?: string;
}

interface Job {
  id: string;
  kind: ModelsProgress['kind'];
  name: string;
  controller: AbortController;
  last?: ModelsProgress;
  /** performance.now() of the last event sent. */
  lastAt: number;
  finished: Promise<ModelsProgress>;
}

/** Walk-forward panel backtests' commission (the CLI's default). */
const COMMISSION = 0.001;
const VALIDATION_FRACTION = 0.2;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const KEEP_FINISHED = 20;

/** Refuses an option the trainer does not take (and the seed, which has its own field), naming it. */
export function checkTrainerParams(kind: TrainKind, params: TrainerParams): TrainerParams {
  const bad = unknownTrainerOption(kind, params);
  if (bad) throw new ConfigError(`params.${bad.key}: ${bad.why}`, 'MODEL_PARAM_UNKNOWN', { field: `params.${bad.key}`, value: bad.key });
  return sortedParams(params);
}

/** One word of a POSIX shell command line, quoted only when it has to be (as the CLI writes its commands). */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_\-.,:/=@+%]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const isoTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const setWords = (params: TrainerParams) => Object.keys(params).sort().flatMap((k) => ['--set', `${k}=${String(params[k])}`]);

/** Control characters out, bounded: a problem or error as the contract carries it. */
function plain(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/**
 * Walk-forward spans for `series`: 30 days of training and 7 of test when the data holds at least two such windows
 * (44 days); otherwise half the data to train and an eighth to test (about four windows), in whole days, hours or bars.
 */
export function defaultSpans(series: CandleSeries, timeframe?: string): { train: Span; test: Span } {
  const n = series.length;
  if (n < 2) return { train: { bars: 1 }, test: { bars: 1 } };
  const step = timeframe && timeframe in TIMEFRAME_MS ? TIMEFRAME_MS[timeframe as Timeframe] : (series.time[n - 1] - series.time[0]) / (n - 1);
  const duration = series.time[n - 1] - series.time[0] + step;
  if (duration >= 44 * DAY) return { train: { ms: 30 * DAY }, test: { ms: 7 * DAY } };
  for (const unit of [DAY, HOUR]) {
    const test = Math.floor(duration / 8 / unit) * unit;
    if (test >= unit && test >= 4 * step) return { train: { ms: Math.floor(duration / 2 / unit) * unit }, test: { ms: test } };
  }
  return { train: { bars: Math.max(1, Math.floor(n / 2)) }, test: { bars: Math.max(1, Math.floor(n / 8)) } };
}

export class ModelService {
  private readonly jobs = new Map<string, Job>();
  private running?: Job;
  private seq = 0;

  constructor(private readonly options: ModelServiceOptions) {}

  /** Every model (the user's first) with its manifest or problem, and whether it has an evaluation. */
  list(): ModelListEntry[] {
    return this.options.library.list().map((e) => ({
      ...e,
      ...(e.problem !== undefined ? { problem: plain(e.problem, 500) } : {}),
      hasEvaluation: this.evaluationFile(e) !== undefined,
    }));
  }

  /** The model's report (or a summary of its manifest when it has none) and its walk-forward evaluation, if any. */
  report(name: string): ModelReport {
    const entry = this.find(name);
    const path = this.onnxPath(entry);
    const report = existsSync(reportPath(path)) ? readBounded(reportPath(path)) : summary(entry);
    const evaluation = this.evaluationFile(entry);
    return { markdown: report, ...(evaluation ? { evaluation: readBounded(evaluation) } : {}) };
  }

  /** Starts training; resolves at once with the job id (the work goes on in the background). */
  train(req: ModelsTrainRequest): { jobId: string } {
    this.refuseIfBusy();
    const params = checkTrainerParams(req.kind, req.params ?? {});
    this.refuseExisting(req.name, req.replace === true);
    this.refuseMissingDataset(req.dataset, 'dataset');
    const job = this.newJob('train', req.name);
    job.finished = this.settle(job, () => this.runTraining(job, { ...req, params }));
    return { jobId: job.id };
  }

  /** Starts a walk-forward evaluation of the model's kind, params, label and seed on its own dataset. */
  evaluate(req: EvaluateJobRequest): { jobId: string } {
    this.refuseIfBusy();
    const entry = this.find(req.name);
    if (!entry.manifest) throw new ModelError(`Model ${req.name} cannot be evaluated: ${plain(entry.problem ?? 'it has no manifest', 400)}`, 'MODEL_INVALID', { field: 'name', value: req.name });
    const m = entry.manifest;
    if (!(TRAIN_KINDS as readonly string[]).includes(m.kind)) {
      throw new ModelError(`Model ${req.name} is a ${m.kind} model, which this version does not train: it cannot be evaluated here`, 'MODEL_KIND_UNSUPPORTED', { field: 'name', value: req.name });
    }
    if (!DatasetName.safeParse(m.data.dataset).success) {
      throw new ModelError(`Model ${req.name} was trained on a file, not a stored dataset: evaluate it with \`quorum evaluate --data FILE\``, 'MODEL_DATA_NOT_STORED', { field: 'name', value: req.name });
    }
    this.refuseMissingDataset(m.data.dataset, 'name');
    const spans = { train: req.train === undefined ? undefined : parseSpan(req.train, 'train'), test: req.test === undefined ? undefined : parseSpan(req.test, 'test') };
    const job = this.newJob('evaluate', req.name);
    job.finished = this.settle(job, () => this.runEvaluation(job, entry, m, spans));
    return { jobId: job.id };
  }

  /** Cooperative: the trainer stops between trees or iterations, the evaluation between windows; nothing is written. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job !== this.running || job.controller.signal.aborted) return false;
    job.controller.abort();
    return true;
  }

  /** The job's last event (finished, failed or cancelled). */
  wait(jobId: string): Promise<ModelsProgress> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new ModelError(`No model job ${jobId}`, 'MODEL_JOB_NOT_FOUND', { field: 'jobId', value: jobId }));
    return job.finished;
  }

  /** The running job, if any. */
  current(): { jobId: string; kind: ModelsProgress['kind']; name: string } | undefined {
    const job = this.running;
    return job ? { jobId: job.id, kind: job.kind, name: job.name } : undefined;
  }

  /** Cancels the running job (the engine is closing); resolves once it stopped. */
  async close(): Promise<void> {
    const job = this.running;
    if (!job) return;
    job.controller.abort();
    await job.finished;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private refuseIfBusy(): void {
    const job = this.running;
    if (job) {
      throw new ModelError(`A model job is running (${job.kind === 'train' ? 'training' : 'evaluating'} ${job.name}, ${job.id}): wait for it to finish or cancel it`, 'MODEL_BUSY', { field: 'jobId', value: job.id });
    }
  }

  private refuseExisting(name: string, replace: boolean): void {
    if (replace) return;
    const existing = this.options.library.list().find((e) => e.name === name);
    if (!existing) return;
    const why = existing.origin === 'user'
      ? `A model named ${name} already exists: choose another name, or replace it`
      : `A model named ${name} ships with the app: choose another name, or replace to shadow it with yours`;
    throw new ModelError(why, 'MODEL_EXISTS', { field: 'name', value: name });
  }

  private refuseMissingDataset(dataset: string, field: string): void {
    if (new CandleStore(this.options.db()).count(parseDatasetName(dataset)) === 0) {
      throw new DataError(`Dataset ${dataset} is empty or not stored (see the Data page)`, 'DATA_NOT_FOUND', { field, value: dataset });
    }
  }

  private find(name: string): ModelEntry {
    const entry = this.options.library.list().find((e) => e.name === name);
    if (!entry) throw new ModelError(`No model named ${name} (the Models page lists them)`, 'MODEL_NOT_FOUND', { field: 'name', value: name });
    return entry;
  }

  private onnxPath(entry: Pick<ModelEntry, 'name' | 'origin'>): string {
    const { library } = this.options;
    const dir = entry.origin === 'user' || !library.shippedDir ? library.userDir : library.shippedDir;
    return join(dir, `${entry.name}.onnx`);
  }

  /** NAME.evaluation.md beside the model, or in the user folder for a shipped model (whose folder may be read-only). */
  private evaluationFile(entry: Pick<ModelEntry, 'name' | 'origin'>): string | undefined {
    const beside = evaluationPath(this.onnxPath(entry));
    if (existsSync(beside)) return beside;
    const user = join(this.options.library.userDir, `${entry.name}.evaluation.md`);
    return entry.origin === 'shipped' && existsSync(user) ? user : undefined;
  }

  private newJob(kind: Job['kind'], name: string): Job {
    const job: Job = { id: `mj-${++this.seq}`, kind, name, controller: new AbortController(), lastAt: 0, finished: Promise.resolve(undefined as never) };
    this.jobs.set(job.id, job);
    this.running = job;
    // Finished jobs are kept a while for wait() and cancel() answers; the oldest go.
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEEP_FINISHED) break;
      if (this.jobs.get(id) !== job) this.jobs.delete(id);
    }
    this.emit(job, { state: 'running', done: 0, total: 0, message: 'loading the dataset' }, true);
    return job;
  }

  private emit(job: Job, e: Omit<ModelsProgress, 'jobId' | 'kind' | 'name'>, force = false): ModelsProgress {
    const event: ModelsProgress = {
      jobId: job.id, kind: job.kind, name: job.name, ...e,
      message: plain(e.message, 500), ...(e.error !== undefined ? { error: plain(e.error, 2_000) } : {}),
    };
    const now = performance.now();
    if (force || job.last?.state !== event.state || now - job.lastAt >= (this.options.progressEveryMs ?? 100)) {
      job.lastAt = now;
      job.last = event;
      this.options.onEvent?.(event);
    }
    return event;
  }

  /** Runs the job after the reply went out, and turns its end into the last event. Never rejects. */
  private async settle(job: Job, work: () => Promise<{ done: number; total: number; message: string }>): Promise<ModelsProgress> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (job.controller.signal.aborted) throw new ModelError('Cancelled', 'CANCELLED');
      const end = await work();
      return this.emit(job, { state: 'finished', ...end }, true);
    } catch (err) {
      const e = asQuorumError(err);
      const cancelled = e.code === 'CANCELLED' || job.controller.signal.aborted;
      const last = job.last;
      return cancelled
        ? this.emit(job, { state: 'cancelled', done: last?.done ?? 0, total: last?.total ?? 0, message: 'cancelled: nothing was written' }, true)
        : this.emit(job, { state: 'failed', done: last?.done ?? 0, total: last?.total ?? 0, message: 'failed', error: e.message }, true);
    } finally {
      if (this.running === job) this.running = undefined;
    }
  }

  private checkCancelled(job: Job): void {
    if (job.controller.signal.aborted) throw new ModelError('Cancelled', 'CANCELLED');
  }

  private async runTraining(job: Job, req: ModelsTrainRequest & { params: TrainerParams }): Promise<{ done: number; total: number; message: string }> {
    const data = loadDataset(req.dataset, this.options.db);
    const label = { horizon: req.horizon ?? DEFAULT_LABEL.horizon, deadZone: req.deadZone ?? DEFAULT_LABEL.deadZone };
    const seed = req.seed ?? 1;
    const validation = req.validationFraction ?? VALIDATION_FRACTION;
    this.emit(job, { state: 'running', done: 0, total: 0, message: `computing features on ${data.series.length.toLocaleString('en-US')} bars` }, true);
    await breathe();
    this.checkCancelled(job);
    const command = [
      'quorum', 'train', '--data', data.name, '--model', req.kind, '--name', req.name, '--seed', String(seed), '--horizon', String(label.horizon),
      '--dead-zone', String(label.deadZone), '--validation', String(validation),
      ...(req.from !== undefined ? ['--from', isoTime(req.from)] : []), ...(req.to !== undefined ? ['--to', isoTime(req.to)] : []),
      ...setWords(req.params),
    ].map(shellWord).join(' ');
    let total = 0;
    const trained = await trainModel({
      name: req.name, kind: req.kind, dataset: data.name, timeframe: data.timeframe ?? 'unknown', series: data.series, label,
      from: req.from, to: req.to, validationFraction: validation, params: req.params, seed, command, signal: job.controller.signal,
      onProgress: (done, n, message) => {
        total = n;
        this.emit(job, { state: 'running', done, total: n, message: `training: ${message}` });
      },
    });
    // Cancelled while exporting: the model is dropped, nothing written.
    this.checkCancelled(job);
    this.emit(job, { state: 'running', done: total, total, message: 'writing the model' }, true);
    this.writeModel(req.name, req.replace === true, trained);
    const v = trained.validation;
    const auc = Number.isFinite(v.auc) ? `, AUC ${v.auc.toFixed(4)}` : '';
    return { done: total, total, message: `trained ${req.name}: validation accuracy ${v.accuracy.toFixed(4)}, log-loss ${v.logLoss.toFixed(4)}${auc}` };
  }

  /** NAME.onnx, manifest and report, complete or not at all: written to a temporary folder, then moved into place. */
  private writeModel(name: string, replace: boolean, trained: { bytes: Uint8Array; manifest: ModelManifest; report: string }): void {
    const dir = this.options.library.ensureUserDir();
    const target = join(dir, `${name}.onnx`);
    if (!replace && existsSync(target)) throw new ModelError(`A model named ${name} appeared while training: not overwritten (train again with replace)`, 'MODEL_EXISTS', { field: 'name', value: name });
    const tmp = mkdtempSync(join(dir, '.partial-'));
    try {
      const staged = join(tmp, `${name}.onnx`);
      writeFileSync(staged, trained.bytes);
      writeFileSync(manifestPath(staged), `${JSON.stringify(trained.manifest, null, 2)}\n`);
      writeFileSync(reportPath(staged), trained.report);
      // An evaluation of the model being replaced judged other bytes (maybe other params): it goes.
      rmSync(evaluationPath(target), { force: true });
      // The .onnx last: a listing never sees a model without its manifest.
      renameSync(reportPath(staged), reportPath(target));
      renameSync(manifestPath(staged), manifestPath(target));
      renameSync(staged, target);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  private async runEvaluation(job: Job, entry: ModelEntry, m: ModelManifest, given: { train?: Span; test?: Span }): Promise<{ done: number; total: number; message: string }> {
    const data = loadDataset(m.data.dataset, this.options.db);
    const sized = defaultSpans(data.series, data.timeframe);
    const train = given.train ?? sized.train;
    const test = given.test ?? sized.test;
    const kind = m.kind as TrainKind;
    const params = m.params as TrainerParams;
    this.emit(job, { state: 'running', done: 0, total: 0, message: `walk-forward on ${data.series.length.toLocaleString('en-US')} bars: train ${formatSpan(train)}, test ${formatSpan(test)}` }, true);
    await breathe();
    this.checkCancelled(job);
    let windows = 0;
    const evaluation = await evaluateWalkForward({
      series: data.series, symbol: data.symbol, kind, params, seed: m.seed, label: m.label, train, test, anchored: false,
      validationFraction: VALIDATION_FRACTION, commission: COMMISSION, signal: job.controller.signal,
      onProgress: (done, total, message) => {
        windows = total;
        this.emit(job, { state: 'running', done, total, message });
      },
    });
    this.checkCancelled(job);
    const command = [
      'quorum', 'evaluate', '--data', data.name, '--model', kind, '--train', formatSpan(train).replace(' ', ''), '--test', formatSpan(test).replace(' ', ''),
      '--seed', String(m.seed), '--horizon', String(m.label.horizon), '--dead-zone', String(m.label.deadZone), '--validation', String(VALIDATION_FRACTION),
      '--commission', String(COMMISSION), ...setWords(params),
    ].map(shellWord).join(' ');
    const report = [
      `<!-- Walk-forward evaluation of model ${m.name} (${kind}) on the whole stored dataset ${data.name}, written by the Models page. -->`,
      '',
      walkForwardReport(evaluation, {
        data: data.name, symbol: data.symbol, timeframe: data.timeframe, train: formatSpan(train), test: formatSpan(test), anchored: false,
        seed: m.seed, params, commission: COMMISSION, command,
      }),
    ].join('\n');
    const onnx = this.onnxPath(entry);
    if (entry.origin === 'user') {
      writeFileSync(evaluationPath(onnx), report);
      this.recordWalkForward(onnx, m, jsonScores(evaluation.pooled));
    } else {
      // A shipped model's folder belongs to the app (read-only when installed): the evaluation goes to the user's.
      writeFileSync(join(this.options.library.ensureUserDir(), `${entry.name}.evaluation.md`), report);
    }
    const p = evaluation.pooled;
    return {
      done: windows, total: windows,
      message: `evaluated ${m.name} on ${evaluation.windows.length} windows: pooled accuracy ${p.accuracy.toFixed(4)}, log-loss ${p.logLoss.toFixed(4)} (baseline ${evaluation.pooledBaselineLogLoss.toFixed(4)})`,
    };
  }

  /** The pooled walk-forward scores in a user model's manifest (metrics.walkForward), written whole and atomically. */
  private recordWalkForward(onnx: string, m: ModelManifest, scores: ModelManifest['metrics']['validation']): void {
    const path = manifestPath(onnx);
    const next: ModelManifest = { ...m, metrics: { ...m.metrics, walkForward: scores } };
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(tmp, path);
  }
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

const MAX_REPORT = 2_000_000;

function readBounded(path: string): string {
  const text = statSync(path).size > MAX_REPORT * 4 ? '(the report is too large to show)' : readFileSync(path, 'utf8');
  return text.length <= MAX_REPORT ? text : `${text.slice(0, MAX_REPORT - 40)}\n\n… (cut: the report is longer)`;
}

/** A short report from the manifest, for a model written without one (or one whose manifest is missing). */
function summary(entry: ModelEntry): string {
  const m = entry.manifest;
  if (!m) return `# Model ${entry.name}\n\nNo report and no usable manifest: ${entry.problem ?? 'unknown problem'}.\n`;
  const v = m.metrics.validation;
  const n = (x: number | null, d = 4) => (x === null ? 'n/a' : x.toFixed(d));
  return [
    `# Model ${m.name}`,
    '',
    'No report was written beside this model; from its manifest:',
    '',
    `- Kind: ${m.kind}; seed ${m.seed}; label: close ${m.label.horizon} bars ahead, dead zone ${m.label.deadZone}.`,
    `- Data: ${m.data.dataset} (${m.data.timeframe}); ${m.data.train.rows} training rows, ${m.data.validation.rows} validation rows.`,
    `- Validation: accuracy ${n(v.accuracy)}, log-loss ${n(v.logLoss)}, AUC ${n(v.auc)}, Brier ${n(v.brier)}.`,
    '',
    '```',
    m.command,
    '```',
    '',
  ].join('\n');
}
