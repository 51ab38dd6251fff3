// Public entry point of the candle store.
export { CandleStore } from './candle-store';
export { DEFAULT_BLOCK_BARS, blockSpanMs, blockStartOf } from './layout';
export { BLOCK_FORMAT_VERSION } from './block-codec';
export { concatSeries } from './columns';
export type {
  CandleStoreOptions,
  ImportResult,
  ImportSeriesOptions,
  InstrumentSpec,
  LoadRange,
  SeriesInfo,
  SeriesKey,
  WriteCounts,
} from './types';
