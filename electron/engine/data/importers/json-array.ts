// Walks a top-level JSON array in chunks, handing each complete element ([…] or {…}) to a record parser.
import type { RowSink } from './row-sink';

export const MAX_RECORD_BYTES = 1 << 20;

export type RecordHandler = (buf: Uint8Array, start: number, end: number, line: number) => void;

const enum State { BeforeArray, ExpectElement, AfterElement, Done }

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index of the byte closing the element opened at buf[start], or -1 if it is not in buf yet. */
function elementEnd(buf: Uint8Array, start: number): number {
  const open = buf[start];
  const close = open === 91 ? 93 : 125;
  let depth = 0;
  for (let i = start; i < buf.length; i++) {
    const c = buf[i];
    if (c === 34) {
      for (i++; i < buf.length && buf[i] !== 34; i++) if (buf[i] === 92) i++;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

export class JsonArrayScanner {
  fatal = false;
  private line = 1;
  private state = State.BeforeArray;

  constructor(
    private readonly sink: RowSink,
    /** '[' for freqtrade rows, '{' for object rows. */
    private readonly open: number,
    private readonly onRecord: RecordHandler,
  ) {}

  consume(buf: Uint8Array, final: boolean): number {
    let pos = 0;
    while (pos < buf.length && !this.sink.stopped && !this.fatal) {
      const c = buf[pos];
      if (isSpace(c)) {
        if (c === 10) this.line++;
        pos++;
      } else if (this.state === State.ExpectElement && c === this.open) {
        const end = elementEnd(buf, pos);
        if (end < 0) return this.unfinished(buf, pos, final);
        const line = this.line;
        for (let i = pos; i < end; i++) if (buf[i] === 10) this.line++;
        this.onRecord(buf, pos, end, line);
        this.state = State.AfterElement;
        pos = end + 1;
      } else pos = this.punctuation(buf, pos, c);
    }
    if (final && this.state !== State.Done && !this.sink.stopped && !this.fatal) {
      this.sink.bad(this.line, 'unparseable', undefined, undefined, 'file ends before the closing "]" (truncated?)');
    }
    return final ? buf.length : pos;
  }

  private punctuation(buf: Uint8Array, pos: number, c: number): number {
    const s = this.state;
    if (s === State.BeforeArray && c === 91) this.state = State.ExpectElement;
    else if (s === State.AfterElement && c === 44) this.state = State.ExpectElement;
    else if ((s === State.AfterElement || s === State.ExpectElement) && c === 93) this.state = State.Done;
    else return this.junk(buf, pos);
    return pos + 1;
  }

  /** Reports an unexpected byte and resynchronises on the next element opener. */
  private junk(buf: Uint8Array, pos: number): number {
    const text = String.fromCharCode(...buf.subarray(pos, Math.min(pos + 40, buf.length))).split(/[\r\n]/)[0];
    this.sink.bad(this.line, 'unparseable', undefined, text, `unexpected ${JSON.stringify(text)} in the JSON array`);
    if (this.state === State.BeforeArray || this.state === State.Done) {
      this.fatal = this.state === State.BeforeArray;
      return buf.length;
    }
    let i = buf[pos] === this.open ? pos : pos + 1;
    while (i < buf.length && buf[i] !== this.open) {
      if (buf[i] === 10) this.line++;
      i++;
    }
    this.state = State.ExpectElement;
    return i;
  }

  private unfinished(buf: Uint8Array, pos: number, final: boolean): number {
    if (!final && buf.length - pos < MAX_RECORD_BYTES) return pos;
    this.sink.bad(this.line, 'unparseable', undefined, undefined, final ? 'file ends inside a row (truncated?)' : 'a row is longer than 1 MiB');
    this.fatal = true;
    return buf.length;
  }
}
