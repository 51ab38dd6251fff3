// One exception hierarchy for the engine: a root class and one subclass per area, each with a stable code.

export type ErrorArea = 'config' | 'data' | 'exchange' | 'risk' | 'model' | 'storage' | 'contract';

export interface ErrorDetails {
  /** The field (or column, or setting) the problem is about, when there is one. */
  field?: string;
  /** The offending value, already safe to show (never a secret). */
  value?: unknown;
  /** 1-based line number in an input file, for data problems. */
  line?: number;
  [extra: string]: unknown;
}

export class QuorumError extends Error {
  readonly area: ErrorArea | 'internal';
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(message: string, code = 'QUORUM_ERROR', details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.area = 'internal';
    this.code = code;
    this.details = details;
  }
}

function areaError(area: ErrorArea, defaultCode: string) {
  return class extends QuorumError {
    override readonly area: ErrorArea = area;
    constructor(message: string, code = defaultCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
      super(message, code, details, options);
    }
  };
}

/** A setting or config file is invalid or missing. */
export class ConfigError extends areaError('config', 'CONFIG_INVALID') {}
/** Market data is malformed, missing or inconsistent. */
export class DataError extends areaError('data', 'DATA_INVALID') {}
/** An exchange call failed (network, rejection, rate limit). */
export class ExchangeError extends areaError('exchange', 'EXCHANGE_FAILED') {}
/** An exchange call ran past its time budget. */
export class ExchangeTimeoutError extends ExchangeError {
  constructor(operation: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(`${operation} timed out after ${timeoutMs} ms`, 'EXCHANGE_TIMEOUT', { operation, timeoutMs }, options);
  }
}
/** The risk manager refused an order or a breaker is tripped. */
export class RiskError extends areaError('risk', 'RISK_VETO') {}
/** A model file is missing, invalid, or inference failed. */
export class ModelError extends areaError('model', 'MODEL_FAILED') {}
/** SQLite or file storage failed, or a database is incompatible. */
export class StorageError extends areaError('storage', 'STORAGE_FAILED') {}
/** A message crossing a boundary (IPC, bridge) did not match the contract. */
export class ContractError extends areaError('contract', 'CONTRACT_INVALID') {}

/** File-system failures a user can cause and fix: a data error with a plain message, never INTERNAL with a raw path. */
const FILE_ERRORS: Readonly<Record<string, [code: string, message: string]>> = {
  ENOENT: ['FILE_NOT_FOUND', 'The file or folder does not exist'],
  ENOTDIR: ['FILE_NOT_FOUND', 'A part of the path is not a folder'],
  EISDIR: ['FILE_UNREADABLE', 'Expected a file but found a folder'],
  EACCES: ['FILE_NOT_PERMITTED', 'Permission denied for the file'],
  EPERM: ['FILE_NOT_PERMITTED', 'The operation on the file is not permitted'],
  ELOOP: ['FILE_UNREADABLE', 'The file is a loop of symbolic links'],
  ENAMETOOLONG: ['FILE_UNREADABLE', 'The file name is too long'],
  EMFILE: ['FILE_UNREADABLE', 'Too many files are open; try again'],
  ENOSPC: ['DISK_FULL', 'The disk is full'],
  EROFS: ['FILE_NOT_PERMITTED', 'The file system is read-only'],
  EEXIST: ['FILE_EXISTS', 'The file already exists'],
};

/** Turns anything thrown into a QuorumError, keeping the original as the cause. */
export function asQuorumError(err: unknown): QuorumError {
  if (err instanceof QuorumError) return err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const known = FILE_ERRORS[code];
  if (known) {
    const [quorumCode, message] = known;
    const Area = code === 'ENOSPC' ? StorageError : DataError;
    return new Area(`${message} (${code})`, quorumCode, { syscall: (err as { syscall?: unknown }).syscall }, { cause: err });
  }
  if (isCcxtError(err)) {
    // An exchange said no, or could not be reached: the trader's problem to see, not our bug.
    const name = (err as Error).name;
    const code = name === 'RequestTimeout' ? 'EXCHANGE_TIMEOUT' : name === 'AuthenticationError' ? 'EXCHANGE_AUTH' : /Network|DDoS|Unavailable|NotAvailable/.test(name) ? 'EXCHANGE_UNREACHABLE' : 'EXCHANGE_FAILED';
    return new ExchangeError(`${name}: ${(err as Error).message.slice(0, 500)}`, code, { ccxt: name }, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new QuorumError(message, 'INTERNAL', {}, { cause: err });
}

/** ccxt's errors all derive from its BaseError; matched by the prototype chain so this file need not load ccxt. */
function isCcxtError(err: unknown): boolean {
  for (let p = err instanceof Error ? Object.getPrototypeOf(err) : null; p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
    if (p.constructor?.name === 'BaseError') return true;
  }
  return false;
}

/** An importer's message names the path it read; a client gets the file's own name instead (paths stay in the engine). */
export function withFileNames(err: unknown, names: ReadonlyMap<string, string>): unknown {
  if (!(err instanceof QuorumError)) return err;
  let message = err.message;
  for (const [path, name] of names) message = message.split(path).join(name);
  if (message === err.message) return err;
  const Same = err.constructor as new (m: string, c: string, d: ErrorDetails, o: { cause?: unknown }) => QuorumError;
  return new Same(message, err.code, { ...err.details, value: undefined }, { cause: err });
}
