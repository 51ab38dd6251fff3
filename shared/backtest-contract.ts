// Contract schemas for backtests from the UI: start, progress, cancel, and the stored result (stats, trades, equity).
import { z } from 'zod';
import { RunSchema } from './runs-contract';
import { Float64Column } from './typed-columns';
import { DatasetName, FileToken, Identifier, SizingSpec, StrategyParams, TimeMs } from './bounds';

/** A stored dataset by name, or a file by the handle an upload or the file dialog gave (never a path). */
const BacktestData = z
  .string()
  .max(110)
  .refine((s) => DatasetName.safeParse(s).success || FileToken.safeParse(s).success, 'a dataset name (exchange:SYMBOL:timeframe) or a file handle');

export const BacktestStartSchema = z
  .object({
    data: BacktestData,
    strategy: Identifier(32),
    params: StrategyParams.default({}),
    options: z
      .object({
        cash: z.number().positive().max(1e12).optional(),
        commission: z.number().min(0).max(0.1).optional(),
        slippage: z.string().max(32).regex(/^(none|0|(bps:)?[0-9.]{1,12}(bps)?|range:[0-9.]{1,12})$/i, "'none', '<n>bps' or 'range:<fraction>'").optional(),
        fill: z.enum(['next-open', 'close']).optional(),
        sizing: SizingSpec.optional(),
        allowShort: z.boolean().optional(),
        finalize: z.boolean().optional(),
        periodsPerYear: z.number().positive().max(1e7).optional(),
        sharpeConvention: z.enum(['backtesting.py', 'mean-std']).optional(),
        /** false: no risk check; otherwise the app's limits and breakers apply on a backtest-local risk state. */
        risk: z.boolean().optional(),
      })
      .strict()
      .default({}),
    from: TimeMs.optional(),
    to: TimeMs.optional(),
  })
  .strict();

export const BacktestProgressSchema = z.object({
  jobId: z.string(),
  runId: z.number().int().optional(),
  state: z.enum(['loading', 'running', 'finished', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  error: z.string().optional(),
});
export type BacktestProgress = z.infer<typeof BacktestProgressSchema>;

/** Numbers that may be NaN or infinite travel as null (JSON has no NaN). */
const Stat = z.union([z.number(), z.string(), z.null()]);

export const BacktestResultSchema = z.object({
  run: RunSchema,
  stats: z.record(z.string(), Stat).nullable(),
  /** Why entries were skipped or vetoed and which circuit breakers tripped, in plain words. */
  notes: z.array(z.string()).default([]),
  trades: z.array(
    z.object({
      entryTime: z.number(), exitTime: z.number(), entryPrice: z.number(), exitPrice: z.number(),
      size: z.number(), pnl: z.number(), returnPct: z.number().nullable(), fees: z.number(),
    }),
  ),
  /** Downsampled to at most `maxPoints` for the chart. */
  equity: z.object({ time: Float64Column, value: Float64Column }).refine((e) => e.time.length === e.value.length, { message: 'equity columns differ in length' }),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;

/** A stored run's HTML report (self-contained, as `quorum backtest --report` writes it), for the page to save. */
export const BacktestReportSchema = z.object({ fileName: z.string().max(200), html: z.string().max(64 * 1024 * 1024) });
export type BacktestReport = z.infer<typeof BacktestReportSchema>;
