// Base of the CSV record parsers: feeds each complete line to parseLine and stops when the sink says so.
import { LineSplitter } from './csv-lines';
import type { RecordParser } from './parser';
import type { RowSink } from './row-sink';

export abstract class LineRecordParser implements RecordParser {
  readonly fatal = false;
  private readonly lines = new LineSplitter();
  // Bound once: the splitter calls these per line, and a fresh closure per chunk would churn the hot loop.
  private readonly onLine = (buf: Uint8Array, s: number, e: number, line: number) => this.parseLine(buf, s, e, line);
  private readonly stop = () => this.sink.stopped;

  constructor(protected readonly sink: RowSink) {}

  consume(buf: Uint8Array, final: boolean): number {
    return this.lines.consume(buf, final, this.onLine, this.stop);
  }

  protected abstract parseLine(buf: Uint8Array, start: number, end: number, line: number): void;
}
