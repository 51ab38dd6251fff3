// Reading the rotating log files for `quorum logs`: the last lines across files, and new lines as they are written.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { listLogFiles } from '../../log/log-files';

/** Where a follower stands: the file it reads and how many of its bytes it has printed. */
export interface LogCursor {
  path: string;
  offset: number;
}

/** The last `n` lines of the folder's log, reading back through rotated files while the newer ones have fewer. */
export function tailLines(dir: string, n: number): { lines: string[]; cursor?: LogCursor } {
  const files = listLogFiles(dir);
  const newest = files.at(-1);
  if (!newest) return { lines: [] };
  const bytes = readFileSync(newest.path);
  // The byte count read, not the size listed: the file may have grown in between.
  const cursor = { path: newest.path, offset: bytes.length };
  let lines = splitLines(bytes.toString('utf8'));
  for (let i = files.length - 2; i >= 0 && lines.length < n; i--) lines = [...splitLines(readOlder(files[i].path)), ...lines];
  return { lines: n > 0 ? lines.slice(-n) : [], cursor };
}

/** A rotated file's text; empty when rotation has just deleted it. */
function readOlder(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The lines of `path` after byte `offset` (from 0 when it shrank: replaced or truncated). A line still being written
 * is left for the next read, unless the file is finished (the writer has moved on to a newer one): cutting at the
 * last newline byte also keeps a multi-byte character whole.
 */
function readFrom(path: string, offset: number, finished: boolean): { lines: string[]; end: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { lines: [], end: offset }; // deleted by rotation: its lines were read, or went with it
  }
  try {
    const size = fstatSync(fd).size;
    const start = size < offset ? 0 : offset;
    const buffer = Buffer.alloc(size - start);
    const read = buffer.length ? readSync(fd, buffer, 0, buffer.length, start) : 0;
    const used = finished ? read : buffer.lastIndexOf(0x0a, read - 1) + 1;
    return { lines: splitLines(buffer.subarray(0, used).toString('utf8')), end: start + used };
  } finally {
    closeSync(fd);
  }
}

/**
 * Prints lines written after `cursor` (every file's, when there is no cursor yet), polling every `intervalMs` until
 * `stop()`. Polling, not fs.watch: watch events are unreliable across platforms and network drives, and a
 * rotation shows up simply as a newer file in the listing.
 */
export function followLines(dir: string, cursor: LogCursor | undefined, print: (line: string) => void, intervalMs = 200): { stop(): void } {
  let at = cursor;
  const poll = () => {
    const files = listLogFiles(dir);
    // Files after ours are newer; when ours is gone (cleaned up), every remaining one is newer than it.
    const index = at ? files.findIndex((f) => f.path === at!.path) : -1;
    for (let i = Math.max(index, 0); i < files.length; i++) {
      const { lines, end } = readFrom(files[i].path, i === index ? at!.offset : 0, i < files.length - 1);
      at = { path: files[i].path, offset: end };
      lines.forEach((line) => print(line));
    }
  };
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      poll();
    },
  };
}
