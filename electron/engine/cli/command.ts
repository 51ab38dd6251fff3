// The shape of one CLI command, and helpers shared by all of them (options, --db, output).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CredentialStore } from '../credentials';
import { ConfigError } from '../errors';
import { defaultDbPath } from '../paths';
import { openStore, type OpenedStore } from '../store/database';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** The OS keychain, for live trading and the kill switch (bin/quorum.mjs wires keytar, which the engine may not import). */
  credentials?: () => CredentialStore;
  /** Clock of `quorum trade` and `quorum kill` engines (default Date.now; tests follow the exchange emulator's candles). */
  now?: () => number;
  /** How `quorum trade start` waits between polls (default: a timer; tests publish the next candle instead). */
  wait?: (ms: number) => Promise<void>;
}

export interface Command {
  /** Words that select it, e.g. ['db', 'backup']. */
  path: string[];
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number> | number;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const DB_OPTION = { db: { type: 'string' } } as const satisfies Options;

/** Parses flags strictly; an unknown flag is a ConfigError naming it. */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new ConfigError((err as Error).message, 'CLI_ARGS', {});
  }
}

export function dbPathFrom(values: { db?: string | boolean | (string | boolean)[] }): string {
  return typeof values.db === 'string' ? values.db : defaultDbPath();
}

export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new ConfigError(`Missing required option --${name}`, 'CLI_ARGS', { field: name });
  return v;
}

/** Opens the database for a command and closes it whatever happens (after the promise settles, for async work). */
export function withStore<T>(path: string, work: (store: OpenedStore) => T): T {
  const store = openStore(path);
  let result: T;
  try {
    result = work(store);
  } catch (err) {
    store.db.close();
    throw err;
  }
  if (result instanceof Promise) return result.finally(() => store.db.close()) as T;
  store.db.close();
  return result;
}
