// Structured JSON logging (pino) with secrets masked twice: by field name, and by registered value on the final line.
import pino, { type Logger } from 'pino';
import { maskSecretFields, SecretRegistry } from './secrets';

export type { Logger } from 'pino';

export interface LineSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; stdout by default. */
  sink?: LineSink;
  secrets?: SecretRegistry;
  name?: string;
}

export const globalSecrets = new SecretRegistry();

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? globalSecrets;
  const sink = options.sink ?? process.stdout;
  const maskingSink = { write: (line: string) => sink.write(secrets.mask(line)) };
  return pino(
    {
      name: options.name ?? 'quorum',
      level: options.level ?? process.env.QUORUM_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => maskSecretFields(record) as Record<string, unknown>,
      },
    },
    maskingSink,
  );
}
