// Runs an exported model (./export.ts, ./sequence.ts) in onnxruntime-node: CPU execution provider, one intra-op thread
// by default (the engine runs its agents on one thread), every call under a timeout, every failure a ModelError.
//
// The model's input is one float32 tensor [N, ...row shape] (`features` [N, F] for tabular models, [N, T, F] for the
// GRU) and its output `p_up` [N] (or [N, 1]) float32; values are passed row-major, `rows × rowSize` floats.
//
// Timeouts: onnxruntime-node runs a session synchronously on the JS thread (inside a setImmediate), so a run in
// progress cannot be pre-empted. The rule is the engine's (agents/budget.ts): a call is raced against a timer (a call
// still queued behind others is cut off at its deadline) and, when the run returns, a call that took longer than its
// budget is rejected all the same; its late result is never delivered.
//
// Metadata: the node API exposes only the inputs' and outputs' names, types and shapes, not ModelProto.metadata_props,
// so the runner reads the header (metadata, producer, opsets) from the model's bytes with ./proto.ts.

import { readFile } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import { ModelError } from '../../errors';
import { OUTPUT_NAME } from './export';
import { decodeModelHeader, type ModelHeader } from './proto';

export interface RunnerOptions {
  /** Budget of each predict call, ms (default 1,000). */
  timeoutMs?: number;
  /** Budget of loading the model, ms (default 10,000). */
  loadTimeoutMs?: number;
  /** onnxruntime's intra-op threads (default 1). */
  intraOpNumThreads?: number;
  /** onnxruntime's own log level: 0 verbose … 4 fatal (default 4: failures reach the caller as ModelErrors instead). */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** Clock for the after-the-fact budget check (tests); performance.now by default. */
  clock?: () => number;
}

export interface CallOptions {
  /** This call's budget, ms (default: the runner's timeoutMs). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 1_000;
const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

let ortModule: Promise<typeof Ort> | undefined;
/** onnxruntime-node is loaded on first use, so importing the engine does not load the native library. */
function loadOrt(): Promise<typeof Ort> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 500);
}

function checkBudget(ms: number, field: string): number {
  if (!(ms > 0) || !Number.isFinite(ms)) throw new ModelError(`${field} must be a positive number of ms, got ${ms}`, 'MODEL_INVALID_OPTION', { field, value: ms });
  return ms;
}

const TIMEOUT = Symbol('timeout');

/**
 * `work` raced against `budgetMs`, then checked against it by `clock`; a timeout rejects with MODEL_TIMEOUT.
 * `onLate` receives a result that arrives after the deadline (e.g. to release a session nobody will use).
 */
async function withBudget<T>(
  work: () => Promise<T>,
  budgetMs: number,
  operation: string,
  clock: () => number,
  details: Record<string, unknown>,
  onLate?: (value: T) => void,
): Promise<T> {
  const started = clock();
  // Node may fire a 1 ms timer a fraction of a millisecond early (its loop time is cached): elapsed is kept to 0.01 ms.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), budgetMs);
  });
  try {
    const running = work();
    const result = await Promise.race([running, deadline]);
    const elapsedMs = clock() - started;
    if (result === TIMEOUT || elapsedMs > budgetMs) {
      if (result === TIMEOUT) running.then((v) => onLate?.(v), () => undefined);
      else onLate?.(result);
      throw new ModelError(`${operation} timed out after ${budgetMs} ms`, 'MODEL_TIMEOUT', { field: 'timeoutMs', value: budgetMs, operation, elapsedMs: Math.round(elapsedMs * 100) / 100, ...details });
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** A loaded model, ready to predict. Create with OnnxRunner.load; release with close(). */
export class OnnxRunner {
  /** ModelProto.metadata_props as a record. */
  readonly metadata: Readonly<Record<string, string>>;
  /** ModelProto header fields (producer, IR version, opsets, doc string, metadata). */
  readonly header: ModelHeader;
  readonly inputName: string;
  readonly outputName: string;
  /** The input's shape without the batch dimension: [F], or [T, F] for sequence models. */
  readonly rowShape: readonly number[];
  /** Values per row: the product of rowShape. */
  readonly rowSize: number;
  private closed = false;

  private constructor(
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
    header: ModelHeader,
    io: { inputName: string; outputName: string; rowShape: number[] },
    private readonly options: Required<Pick<RunnerOptions, 'timeoutMs' | 'clock'>>,
  ) {
    this.header = header;
    this.metadata = Object.freeze({ ...header.metadata });
    this.inputName = io.inputName;
    this.outputName = io.outputName;
    this.rowShape = Object.freeze([...io.rowShape]);
    this.rowSize = io.rowShape.reduce((a, b) => a * b, 1);
  }

  /** Loads a model from its bytes or from a file path. Every failure is a ModelError (code MODEL_NOT_FOUND, MODEL_INVALID, MODEL_UNSUPPORTED, MODEL_TIMEOUT). */
  static async load(source: Uint8Array | string, options: RunnerOptions = {}): Promise<OnnxRunner> {
    const timeoutMs = checkBudget(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    const loadTimeoutMs = checkBudget(options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS, 'loadTimeoutMs');
    const threads = options.intraOpNumThreads ?? 1;
    if (!Number.isInteger(threads) || threads < 0) throw new ModelError(`intraOpNumThreads must be a whole number, got ${threads}`, 'MODEL_INVALID_OPTION', { field: 'intraOpNumThreads', value: threads });
    const clock = options.clock ?? (() => performance.now());
    const bytes = typeof source === 'string' ? await readModelFile(source) : source;
    const where = typeof source === 'string' ? { path: source } : { bytes: bytes.length };
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
      throw new ModelError('the model is empty (0 bytes)', 'MODEL_INVALID', { field: 'model', value: 0, ...where });
    }
    const ort = await loadOrt();
    const sessionOptions: Ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: options.logSeverityLevel ?? 4,
    };
    let session: Ort.InferenceSession;
    try {
      session = await withBudget(
        () => ort.InferenceSession.create(bytes, sessionOptions),
        loadTimeoutMs,
        'loading the model',
        clock,
        where,
        (late) => void late.release().catch(() => undefined),
      );
    } catch (err) {
      if (err instanceof ModelError) throw err;
      throw new ModelError(`onnxruntime could not load the model: ${message(err)}`, 'MODEL_INVALID', { field: 'model', ...where }, { cause: err });
    }
    try {
      let header: ModelHeader;
      try {
        header = decodeModelHeader(bytes);
      } catch (err) {
        throw new ModelError(`the model's header could not be read: ${message(err)}`, 'MODEL_INVALID', { field: 'model', ...where }, { cause: err });
      }
      const io = describeIo(session);
      return new OnnxRunner(ort, session, header, io, { timeoutMs, clock });
    } catch (err) {
      await session.release().catch(() => undefined);
      throw err;
    }
  }

  /** P(up) for each row of a row-major `rows × rowSize` array. */
  async predict(values: Float32Array, rows: number, options: CallOptions = {}): Promise<Float32Array> {
    this.checkOpen();
    if (!Number.isInteger(rows) || rows < 0) throw new ModelError(`rows must be a whole number, got ${rows}`, 'MODEL_INPUT_INVALID', { field: 'rows', value: rows });
    if (!(values instanceof Float32Array)) {
      throw new ModelError('values must be a Float32Array', 'MODEL_INPUT_INVALID', { field: 'values', value: Object.prototype.toString.call(values) });
    }
    if (values.length !== rows * this.rowSize) {
      const perRow = rows > 0 ? values.length / rows : values.length;
      const got = Number.isInteger(perRow) ? `${perRow} per row` : `${values.length} values, not a whole number of rows`;
      throw new ModelError(
        `the model expects ${this.rowSize} features per row${this.shapeNote()}, got ${got} (${values.length} values for ${rows} rows)`,
        'MODEL_FEATURE_COUNT',
        { field: 'features', expected: this.rowSize, got: perRow, value: values.length, rows },
      );
    }
    const timeoutMs = checkBudget(options.timeoutMs ?? this.options.timeoutMs, 'timeoutMs');
    if (rows === 0) return new Float32Array(0);
    const input = new this.ort.Tensor('float32', values, [rows, ...this.rowShape]);
    let result: Ort.InferenceSession.ReturnType;
    try {
      result = await withBudget(() => this.session.run({ [this.inputName]: input }, [this.outputName]), timeoutMs, `inference on ${rows} rows`, this.options.clock, { rows });
    } catch (err) {
      if (err instanceof ModelError) throw err;
      throw new ModelError(`inference failed: ${message(err)}`, 'MODEL_INFERENCE_FAILED', { field: 'model', rows }, { cause: err });
    }
    const out = result[this.outputName];
    if (out.type !== 'float32' || out.data.length !== rows) {
      throw new ModelError(`output ${this.outputName} has ${out.data.length} ${out.type} values for ${rows} rows`, 'MODEL_UNSUPPORTED', { field: this.outputName, value: out.dims.join('×'), rows });
    }
    return out.data as Float32Array;
  }

  /** P(up) for one row of `rowSize` values. */
  async predictOne(row: ArrayLike<number>, options: CallOptions = {}): Promise<number> {
    this.checkOpen();
    if (row.length !== this.rowSize) {
      throw new ModelError(`the model expects ${this.rowSize} features${this.shapeNote()}, got ${row.length}`, 'MODEL_FEATURE_COUNT', {
        field: 'features',
        expected: this.rowSize,
        got: row.length,
        value: row.length,
      });
    }
    const values = row instanceof Float32Array ? row : Float32Array.from(row);
    return (await this.predict(values, 1, options))[0];
  }

  /** Releases the session; later calls fail with MODEL_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }

  private checkOpen(): void {
    if (this.closed) throw new ModelError('the model has been closed', 'MODEL_CLOSED', { field: 'model' });
  }

  private shapeNote(): string {
    return this.rowShape.length > 1 ? ` (${this.rowShape.join('×')})` : '';
  }
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ModelError('the model file does not exist', 'MODEL_NOT_FOUND', { field: 'path', value: path }, { cause: err });
    throw new ModelError(`the model file could not be read (${String(code ?? message(err))})`, 'MODEL_UNREADABLE', { field: 'path', value: path }, { cause: err });
  }
}

/** One float32 input [batch, fixed dims…] and a float32 output (`p_up`, or the only one) of one value per row. */
function describeIo(session: Ort.InferenceSession): { inputName: string; outputName: string; rowShape: number[] } {
  if (session.inputNames.length !== 1) {
    throw new ModelError(`the model has ${session.inputNames.length} inputs; one feature tensor is supported`, 'MODEL_UNSUPPORTED', { field: 'inputs', value: session.inputNames.join(', ') });
  }
  const input = session.inputMetadata[0];
  if (!input.isTensor || input.type !== 'float32' || input.shape.length < 2) {
    const what = input.isTensor ? `${input.type} [${input.shape.join(', ')}]` : 'not a tensor';
    throw new ModelError(`the model's input ${input.name} is ${what}; a float32 [N, …] tensor is supported`, 'MODEL_UNSUPPORTED', { field: input.name, value: what });
  }
  const rowShape = input.shape.slice(1);
  if (!rowShape.every((d): d is number => typeof d === 'number' && d > 0)) {
    throw new ModelError(`the model's input ${input.name} has shape [${input.shape.join(', ')}]; all but the batch dimension must be fixed`, 'MODEL_UNSUPPORTED', { field: input.name, value: input.shape.join(', ') });
  }
  const outputName = session.outputNames.includes(OUTPUT_NAME) ? OUTPUT_NAME : session.outputNames.length === 1 ? session.outputNames[0] : undefined;
  if (outputName === undefined) {
    throw new ModelError(`the model has no ${OUTPUT_NAME} output (outputs: ${session.outputNames.join(', ')})`, 'MODEL_UNSUPPORTED', { field: 'outputs', value: session.outputNames.join(', ') });
  }
  const output = session.outputMetadata[session.outputNames.indexOf(outputName)];
  const perRow = output.isTensor ? output.shape.slice(1) : [];
  if (!output.isTensor || output.type !== 'float32' || output.shape.length < 1 || output.shape.length > 2 || perRow.some((d) => d !== 1)) {
    const what = output.isTensor ? `${output.type} [${output.shape.join(', ')}]` : 'not a tensor';
    throw new ModelError(`the model's output ${outputName} is ${what}; float32 [N] or [N, 1] is supported`, 'MODEL_UNSUPPORTED', { field: outputName, value: what });
  }
  return { inputName: input.name, outputName, rowShape };
}
