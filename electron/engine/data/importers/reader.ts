// Drives an import: streams decompressed chunks through the format's parser and yields validated batches.
import { TIMEFRAME_MS } from '../../../../shared/domain';
import { DataError } from '../../errors';
import { openByteSource, readHead } from './byte-source';
import { buildMeta } from './meta';
import { createParser } from './parsers';
import { RowSink } from './row-sink';
import { sniffFormat } from './sniff';
import type { CandleBatch, CandleFileFormat, CandleFileReader, ImportOptions, ImportReport } from './types';

export const DEFAULT_BATCH_SIZE = 65_536;

export async function detectFormat(path: string): Promise<CandleFileFormat> {
  const { head } = await readHead(path);
  return sniffFormat(head, path);
}

export async function readCandleFile(path: string, options: ImportOptions = {}): Promise<CandleFileReader> {
  const { head, compression, innerName } = await readHead(path);
  const format = sniffFormat(head, path);
  const meta = buildMeta({ path, innerName, format, compression, head, timeframe: options.timeframe });
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DataError(`batchSize must be a positive integer`, 'DATA_BAD_OPTION', { field: 'batchSize', value: batchSize });
  }
  const sink = new RowSink({
    policy: options.onError ?? 'reject',
    batchSize,
    relaxPrices: meta.contents === 'funding-rate',
    tfMs: meta.timeframe ? TIMEFRAME_MS[meta.timeframe] : undefined,
  });
  let started = false;
  return {
    format,
    meta,
    batches() {
      if (started) throw new DataError(`${path} is already being read`, 'DATA_REREAD', { value: path });
      started = true;
      return streamBatches(path, format, sink);
    },
    report: () => makeReport(format, sink),
  };
}

async function* streamBatches(path: string, format: CandleFileFormat, sink: RowSink): AsyncGenerator<CandleBatch> {
  const src = await openByteSource(path);
  const parser = createParser(format, sink);
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of src.chunks) {
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const used = parser.consume(buf, false);
      carry = buf.subarray(used);
      if (sink.stopped || parser.fatal) return;
      yield* sink.takeReady();
    }
    parser.consume(carry, true);
    if (sink.stopped || parser.fatal) return;
    sink.flush();
    yield* sink.takeReady();
  } finally {
    src.close();
  }
}

function makeReport(format: CandleFileFormat, sink: RowSink): ImportReport {
  return {
    format,
    rowsRead: sink.rowsRead,
    rowsValid: sink.rowsValid,
    rowsSkipped: sink.rowsRead - sink.rowsValid,
    problems: sink.problems.slice(),
    problemsOmitted: sink.problemsOmitted,
    gaps: sink.gaps ? sink.gaps.gaps.slice() : [],
    gapsOmitted: sink.gaps?.omitted ?? 0,
    stoppedEarly: sink.stopped,
  };
}
