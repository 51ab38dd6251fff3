// Public types of the candle-file importers: formats, options, batches and the import report.
import type { Timeframe } from '../../../../shared/domain';
import type { CandleSeries } from '../../model/candle-series';
import type { GapRange } from '../gaps';

export type CandleFileFormat = 'binance-csv' | 'freqtrade-json' | 'generic-csv' | 'object-json';

export type ProblemKind =
  | 'out-of-order'
  | 'duplicate'
  | 'high-below-low'
  | 'non-positive-price'
  | 'negative-volume'
  | 'nan'
  | 'column-count'
  | 'unparseable';

export interface Problem {
  /** 1-based line in the (decompressed) file where the bad row starts. */
  line: number;
  /** 1-based index of the row among all rows of the file (useful for one-line JSON files). */
  row: number;
  kind: ProblemKind;
  field?: string;
  value?: string | number;
  message: string;
}

export type { GapRange } from '../gaps';

/** What a file says about itself ('funding-rate' files hold rates, not prices, so price checks are relaxed). */
export type CandleFileContents = 'ohlcv' | 'mark' | 'funding-rate';

export interface CandleFileMeta {
  symbol?: string;
  timeframe?: Timeframe;
  exchange?: string;
  contents: CandleFileContents;
  compression: 'none' | 'gzip' | 'zip';
}

export type ErrorPolicy = 'reject' | 'skip';

export interface ImportOptions {
  /** 'reject' (default) stops at the first problem; 'skip' drops bad rows and keeps going. */
  onError?: ErrorPolicy;
  batchSize?: number;
  /** Overrides the timeframe from the file name/contents (used for gap detection). */
  timeframe?: Timeframe;
}

/** Up to batchSize valid rows, in file order. */
export type CandleBatch = CandleSeries;

export interface ImportReport {
  format: CandleFileFormat;
  rowsRead: number;
  rowsValid: number;
  rowsSkipped: number;
  problems: Problem[];
  /** Problems beyond the cap, counted but not listed. */
  problemsOmitted: number;
  gaps: GapRange[];
  gapsOmitted: number;
  /** True when 'reject' stopped reading at the first problem. */
  stoppedEarly: boolean;
}

export interface CandleFileReader {
  format: CandleFileFormat;
  meta: CandleFileMeta;
  /** Streams the file; may be iterated once. */
  batches(): AsyncGenerator<CandleBatch>;
  /** The report so far; final once batches() has finished. */
  report(): ImportReport;
}
