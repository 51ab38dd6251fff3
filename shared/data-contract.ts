// Contract schemas for market data: datasets, imports (with uploads for browser-picked files), downloads, deletes.
import { z } from 'zod';
import { TimeframeSchema } from './domain';

export const SeriesKeySchema = z.object({
  exchange: z.string().min(1),
  symbol: z.string().min(1),
  timeframe: TimeframeSchema,
});

export const DatasetSchema = SeriesKeySchema.extend({
  firstTime: z.number(),
  lastTime: z.number(),
  rows: z.number().int(),
  gapRanges: z.number().int(),
  missingBars: z.number().int(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

export const GapSchema = z.object({ from: z.number(), to: z.number(), bars: z.number().int() });
export const TimeRangeSchema = z.object({ from: z.number(), to: z.number() });

const JobId = z.string().min(1).max(64);

export const ImportRequestSchema = z
  .object({
    jobId: JobId,
    paths: z.array(z.string().min(1)).min(1).max(500),
    exchange: z.string().min(1).optional(),
    symbol: z.string().min(1).optional(),
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
  file: z.string(),
  key: SeriesKeySchema,
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
    uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    name: z.string().min(1).max(255),
    seq: z.number().int().nonnegative(),
    /** base64, at most 512 KiB of text per chunk. */
    data: z.string().max(512 * 1024),
    last: z.boolean(),
  })
  .strict();

export const DownloadRequestSchema = SeriesKeySchema.extend({
  jobId: JobId,
  from: z.number().int(),
  to: z.number().int().optional(),
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
