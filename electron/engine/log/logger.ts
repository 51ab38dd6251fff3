// Structured JSON logging (pino) with secrets masked twice: by field name, and by registered value on the final line.
// Every string is also clipped, so a client-supplied value cannot flood the log.
import pino, { type LogFn, type Logger } from 'pino';
import { maskSecretFields, SecretRegistry } from './secrets';
import { rollingFileSink, type LogFileOptions } from './rolling-file';

export type { Logger } from 'pino';
export type { LogFileOptions } from './rolling-file';
export { logDirFor } from './log-files';

export interface LineSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; stdout by default. */
  sink?: LineSink;
  secrets?: SecretRegistry;
  name?: string;
  /** Also write every line, masked and clipped the same, to rotating files in `file.dir`. */
  file?: LogFileOptions;
}

export const globalSecrets = new SecretRegistry();

/** Longest string kept in a log line, per value. */
export const MAX_LOG_STRING = 2_000;
/** Past this nesting a record is cut: clipping recurses, and must not overflow the stack. */
const MAX_DEPTH = 64;

/** Clips strings to MAX_LOG_STRING, saying how much was cut. */
function stringClipper(secrets: SecretRegistry): (text: string) => string {
  return (text) => {
    if (text.length <= MAX_LOG_STRING) return text;
    // Mask before cutting: a cut through a registered secret would leave its prefix unmaskable on the final line.
    const masked = secrets.mask(text);
    if (masked.length <= MAX_LOG_STRING) return masked;
    return `${masked.slice(0, MAX_LOG_STRING)}…(+${masked.length - MAX_LOG_STRING} chars)`;
  };
}

/** A copy of a log record with every string clipped, at any depth; Errors become pino's plain error shape, clipped. */
function deepClipper(clip: (text: string) => string): (value: unknown) => unknown {
  const walk = (value: unknown, path: Set<object>, depth: number): unknown => {
    if (typeof value === 'string') return clip(value);
    if (value === null || typeof value !== 'object') return value;
    if (path.has(value)) return '[Circular]';
    if (depth > MAX_DEPTH) return '[Too deep]';
    // Serialized here rather than by pino's err serializer, which would run after the field masking flattened the Error to {}.
    const source = value instanceof Error ? pino.stdSerializers.err(value) : value;
    path.add(value);
    const out = Array.isArray(source)
      ? source.map((v) => walk(v, path, depth + 1))
      : Object.fromEntries(Object.entries(source).map(([k, v]) => [k, walk(v, path, depth + 1)]));
    path.delete(value);
    return out;
  };
  return (value) => walk(value, new Set(), 0);
}

/** The message pino would take from a lone Error or `{ err }` argument, which logMethod never sees as a string. */
function impliedMessage(args: unknown[]): string | undefined {
  const [first] = args;
  if (args.length !== 1 || first === null || typeof first !== 'object') return undefined;
  if (first instanceof Error) return first.message;
  const record = first as { msg?: unknown; err?: unknown };
  return record.msg === undefined && record.err instanceof Error ? record.err.message : undefined;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? globalSecrets;
  const sink = options.sink ?? process.stdout;
  // Masked once here, so the console and the file get the same, already-safe bytes.
  const file = options.file ? rollingFileSink(options.file, (err) => log.warn({ err, dir: options.file?.dir }, 'cannot write the log file (reported once; the console log goes on)')) : undefined;
  const maskingSink = {
    write: (line: string) => {
      const masked = secrets.mask(line);
      sink.write(masked);
      file?.write(masked);
    },
    // pino's logger.flush(cb) calls this: it waits for the file to open, then for its lines to reach the disk.
    flush: (cb: (err?: Error) => void) => (file ? file.flush(cb) : cb()),
  };
  const clip = stringClipper(secrets);
  const clipDeep = deepClipper(clip);
  const log: Logger = pino(
    {
      name: options.name ?? 'quorum',
      level: options.level ?? process.env.QUORUM_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // formatters.log has already serialized Errors; pino's err serializer would wrap that result again (type "Object").
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => clipDeep(bindings) as Record<string, unknown>,
        log: (record) => maskSecretFields(clipDeep(record)) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const clipped = (args as unknown[]).map((a) => (typeof a === 'string' ? clip(a) : a));
          const implied = impliedMessage(clipped);
          if (typeof implied === 'string') clipped.push(clip(implied));
          method.apply(this, clipped as Parameters<LogFn>);
        },
      },
    },
    maskingSink,
  );
  return log;
}
