// Flags shared by `quorum backtest`, `sweep` and `walkforward`: the data, the strategy and the run's costs and rules.
import { loadBacktestData, type LoadedData } from '../../backtest/load-data';
import type { SweepBase } from '../../backtest/sweep-job';
import { parseTimeArg } from '../../data/datasets';
import { ConfigError } from '../../errors';
import { openStore, type OpenedStore } from '../../store/database';
import { DB_OPTION, dbPathFrom, parseFlags, requireString } from '../command';
import { runRisk } from './stored-risk';

export const RUN_OPTIONS = {
  ...DB_OPTION,
  data: { type: 'string' },
  strategy: { type: 'string' },
  param: { type: 'string', multiple: true },
  cash: { type: 'string' },
  commission: { type: 'string' },
  spread: { type: 'string' },
  exposure: { type: 'string' },
  slippage: { type: 'string' },
  fill: { type: 'string' },
  sizing: { type: 'string' },
  'allow-short': { type: 'boolean' },
  'no-risk': { type: 'boolean' },
  finalize: { type: 'boolean' },
  'periods-per-year': { type: 'string' },
  sharpe: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

export const RUN_USAGE = '--data FILE|exchange:SYMBOL:tf --strategy NAME [--param k=v …] [--cash N] [--commission F] [--spread F] [--slippage 5bps] [--fill next-open|close] [--sizing all-in-units|all-in|fixed:Q|fraction:F] [--no-risk] [--allow-short] [--finalize] [--periods-per-year N] [--sharpe backtesting.py|mean-std] [--exposure position|closed-trades] [--from T] [--to T] [--db PATH]';

type Values = ReturnType<typeof parseFlags<typeof RUN_OPTIONS>>['values'];

export function numberFlag(values: Record<string, unknown>, name: string, check: (n: number) => boolean = () => true, want = 'a number'): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new ConfigError(`--${name} must be ${want}, got ${JSON.stringify(raw)}`, 'CLI_ARGS', { field: name, value: raw });
  }
  return n;
}

function choice<T extends string>(values: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) throw new ConfigError(`--${name} must be ${allowed.join(' or ')}, got ${JSON.stringify(raw)}`, 'CLI_ARGS', { field: name, value: raw });
  return raw as T;
}

export interface RunFlags {
  data: string;
  strategy: string;
  paramSpecs: string[];
  /** Everything but the symbol, which comes from the data. */
  base: Omit<SweepBase, 'symbol'>;
  from?: number;
  to?: number;
}

export function parseRunFlags(values: Values): RunFlags {
  const slippage = values.slippage;
  return {
    data: requireString(values, 'data'),
    strategy: requireString(values, 'strategy'),
    paramSpecs: values.param ?? [],
    base: {
      strategy: requireString(values, 'strategy'),
      cash: numberFlag(values, 'cash', (n) => n > 0, 'a number > 0'),
      commission: numberFlag(values, 'commission', (n) => n >= 0 && n < 1, 'a fraction in [0, 1) (0.001 = 0.1 %)'),
      spread: numberFlag(values, 'spread', (n) => n >= 0 && n < 1, 'a fraction in [0, 1) of the price, paid on entry fills'),
      exposure: choice(values, 'exposure', ['position', 'closed-trades'] as const),
      slippage: slippage !== undefined && Number.isFinite(Number(slippage)) ? Number(slippage) : slippage,
      fill: choice(values, 'fill', ['next-open', 'close'] as const),
      sizing: values.sizing,
      risk: runRisk(values['no-risk'] ?? false, dbPathFrom(values)),
      allowShort: values['allow-short'] ?? false,
      finalize: values.finalize ?? false,
      periodsPerYear: numberFlag(values, 'periods-per-year', (n) => n > 0, 'a number > 0'),
      sharpeConvention: choice(values, 'sharpe', ['backtesting.py', 'mean-std'] as const),
    },
    from: values.from === undefined ? undefined : parseTimeArg(values.from, 'from'),
    to: values.to === undefined ? undefined : parseTimeArg(values.to, 'to'),
  };
}

/** The store, opened only when a command needs it (a dataset to read or a run to keep). */
export class LazyStore {
  private store: OpenedStore | undefined;

  constructor(private readonly values: { db?: string }) {}

  get db() {
    this.store ??= openStore(dbPathFrom(this.values));
    return this.store.db;
  }

  close(): void {
    this.store?.db.close();
    this.store = undefined;
  }
}

export async function loadRunData(flags: RunFlags, store: LazyStore): Promise<LoadedData> {
  return loadBacktestData(flags.data, () => store.db);
}

/** The run options of a sweep or walk-forward (the symbol and timeframe from the loaded data). */
export function sweepBase(flags: RunFlags, data: LoadedData): SweepBase {
  return { ...flags.base, symbol: data.symbol, timeframe: data.timeframe, ...(data.market ? { market: data.market } : {}) };
}
