// Builds the record parser for a detected format.
import { BinanceCsvParser } from './csv-binance';
import { GenericCsvParser } from './csv-generic';
import { FreqtradeJsonParser } from './json-freqtrade';
import { ObjectJsonParser, type ObjectMeta } from './json-object';
import type { RecordParser } from './parser';
import type { RowSink } from './row-sink';
import type { CandleFileFormat } from './types';

export function createParser(format: CandleFileFormat, sink: RowSink, onMeta?: (meta: ObjectMeta) => void): RecordParser {
  switch (format) {
    case 'binance-csv':
      return new BinanceCsvParser(sink);
    case 'generic-csv':
      return new GenericCsvParser(sink);
    case 'freqtrade-json':
      return new FreqtradeJsonParser(sink);
    case 'object-json':
      return new ObjectJsonParser(sink, onMeta);
  }
}
