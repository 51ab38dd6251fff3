// Contract schemas for market data: datasets, imports (with uploads for browser-picked files), downloads, deletes.
import { z } from 'zod';
import { TimeframeSchema } from './domain';
import { ExchangeId, FileToken, Identifier, MarketSymbol, text, TimeMs } from './bounds';

/** A dataset a client names: bounded exchange id and symbol. */
export const SeriesKeySchema = z
  .object({
    exchange: ExchangeId,
    symbol: MarketSymbol,
    timeframe: TimeframeSchema,
  })
  .strict();

/** A dataset as the store holds it (replies: whatever an import or the CLI stored). */
export const StoredSeriesKeySchema = z.object({ exchange: z.string(), symbol: z.string(), timeframe: TimeframeSchema });

export const DatasetSchema = StoredSeriesKeySchema.extend({
  firstTime: z.number(),
  lastTime: z.number(),
  rows: z.number().int(),
  gapRanges: z.number().int(),
  missingBars: z.number().int(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

export const GapSchema = z.object({ from: z.number(), to: z.number(), bars: z.number().int() });
export const TimeRangeSchema = z.object({ from: z.number(), to: z.number() });

const JobId = Identifier(64);

/** Files reach the engine only as handles it gave out (uploads, file dialogs): never as paths. */
export const ImportRequestSchema = z
  .object({
    jobId: JobId,
    files: z.array(FileToken).min(1).max(500),
    exchange: ExchangeId.optional(),
    symbol: MarketSymbol.optional(),
    timeframe: TimeframeSchema.optional(),
    onError: z.enum(['reject', 'skip']).default('reject'),
  })
  .strict();

export const ImportProblemSchema = z.object({
  line: z.number().int(),
  kind: z.string(),
  field: z.string().optional(),
  value: z.union([z.string(), z.number()]).optional(),
  message: z.string(),
});

export const FileImportSchema = z.object({
  /** The file's name as the user knows it (never a path on the engine's disk). */
  file: z.string(),
  key: StoredSeriesKeySchema,
  symbolSource: z.enum(['option', 'file', 'file-name']),
  committed: z.boolean(),
  inserted: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
  report: z.object({
    format: z.string(),
    rowsRead: z.number().int(),
    rowsValid: z.number().int(),
    rowsSkipped: z.number().int(),
    problems: z.array(ImportProblemSchema),
    problemsOmitted: z.number().int(),
    gaps: z.array(GapSchema),
    gapsOmitted: z.number().int(),
  }),
});
export type FileImport = z.infer<typeof FileImportSchema>;

/** One chunk of a file the user picked or dropped in the UI; the engine reassembles it in its uploads folder. */
export const UploadChunkSchema = z
  .object({
    uploadId: z.string().max(64).regex(/^[A-Za-z0-9_-]{8,64}$/),
    name: text(255).min(1),
    /** 2 GiB in 384 KiB chunks is 5,462 chunks. */
    seq: z.number().int().nonnegative().max(8_192),
    /** base64, at most 512 KiB of text per chunk. */
    data: z.string().max(512 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    last: z.boolean(),
  })
  .strict();

/** With the last chunk: the handle that names the finished file in `data.import` or `backtest.start`. */
export const UploadReplySchema = z.object({ received: z.number().int(), file: z.string().optional() });

/** A file the user chose in the main process's open dialog, handed to the page as a short-lived handle. */
export const PickedFileSchema = z.object({ file: z.string(), name: z.string(), bytes: z.number().int() });
/** What the dialog is for: candle files to import, or a database backup to restore (one file). */
export const FilesOpenSchema = z.object({ purpose: z.enum(['candles', 'database']), multiple: z.boolean().default(true) }).strict();

export const DownloadRequestSchema = SeriesKeySchema.extend({
  jobId: JobId,
  from: TimeMs,
  to: TimeMs.optional(),
}).strict();

export const DownloadResultSchema = z.object({
  wantedBars: z.number().int(),
  storedBars: z.number().int(),
  requests: z.number().int(),
  retries: z.number().int(),
  missingBefore: z.array(TimeRangeSchema),
  unavailable: z.array(TimeRangeSchema),
});

export const DataProgressSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'download']),
  /** 0..1 when the total is known. */
  fraction: z.number().min(0).max(1).optional(),
  message: z.string(),
});
export type DataProgress = z.infer<typeof DataProgressSchema>;
