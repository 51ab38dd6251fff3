// Public entry point of the candle-file importers: format detection by content and streaming import.
export { detectFormat, readCandleFile, DEFAULT_BATCH_SIZE } from './reader';
export { MAX_PROBLEMS } from './row-sink';
export type {
  CandleBatch,
  CandleFileContents,
  CandleFileFormat,
  CandleFileMeta,
  CandleFileReader,
  ErrorPolicy,
  GapRange,
  ImportOptions,
  ImportReport,
  Problem,
  ProblemKind,
} from './types';
