// Splits a byte buffer into lines for the CSV parsers, tracking 1-based line numbers across chunks.

export type LineHandler = (buf: Uint8Array, start: number, end: number, line: number) => void;

export class LineSplitter {
  line = 0;

  /** Calls onLine for each complete line (without "\r\n"); returns bytes used. Stops early when stop() is true. */
  consume(buf: Uint8Array, final: boolean, onLine: LineHandler, stop: () => boolean): number {
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) {
        if (!final) break;
        nl = len;
      }
      this.line++;
      let end = nl;
      if (end > pos && buf[end - 1] === 13) end--;
      if (end > pos) onLine(buf, pos, end, this.line);
      pos = nl + 1;
      if (stop()) return len;
    }
    return Math.min(pos, len);
  }
}

/** First byte of a data row (a digit, sign or quote) versus a header word. */
export function looksLikeData(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
}
