// Works out a file's metadata before import: name hints, self-description (object JSON), and a sampled timeframe.
import type { Timeframe } from '../../../../shared/domain';
import { inferTimeframe, timeframeFromMs } from '../timeframe-infer';
import type { Compression } from './byte-source';
import { hintsFromName, symbolFromToken } from './file-meta';
import type { ObjectMeta } from './json-object';
import { createParser } from './parsers';
import { RowSink } from './row-sink';
import type { CandleFileFormat, CandleFileMeta } from './types';

export interface MetaInput {
  path: string;
  innerName?: string;
  format: CandleFileFormat;
  compression: Compression;
  head: Uint8Array;
  timeframe?: Timeframe;
}

/** Priority for the timeframe: caller's option, then the file's own field, then its name, then bar spacing. */
export function buildMeta(input: MetaInput): CandleFileMeta {
  const fromPath = hintsFromName(input.path);
  const fromInner = input.innerName ? hintsFromName(input.innerName) : undefined;
  const sample = sampleHead(input.format, input.head);
  const meta: CandleFileMeta = { contents: fromPath.contents, compression: input.compression };
  const symbol = objectSymbol(sample.object) ?? fromInner?.symbol ?? fromPath.symbol;
  if (symbol) meta.symbol = symbol;
  const sized = sample.object.sizeInMillis ? timeframeFromMs(sample.object.sizeInMillis) : undefined;
  const timeframe = input.timeframe ?? sized ?? fromInner?.timeframe ?? fromPath.timeframe ?? sample.inferred;
  if (timeframe) meta.timeframe = timeframe;
  if (input.format === 'binance-csv') meta.exchange = 'binance';
  return meta;
}

function objectSymbol(o: ObjectMeta): string | undefined {
  if (o.base && o.counter) return `${o.base}/${o.counter}`;
  return o.base ? symbolFromToken(o.base) : undefined;
}

/** Parses the first bytes once, leniently, only to learn bar spacing and object fields. */
function sampleHead(format: CandleFileFormat, head: Uint8Array): { object: ObjectMeta; inferred?: Timeframe } {
  let object: ObjectMeta = {};
  const sink = new RowSink({ policy: 'skip', batchSize: 8192, relaxPrices: true });
  try {
    createParser(format, sink, (m) => (object = m)).consume(head, false);
  } catch {
    // A broken head is reported properly by the real import; the sample just yields less.
  }
  return { object, inferred: inferTimeframe(sink.bufferedTimes()) };
}
