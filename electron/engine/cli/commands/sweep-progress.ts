// A text progress bar on stderr: redrawn in place with \r on a terminal, a line every 10 % when piped or captured.

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): void;
}

export interface Progress {
  update(done: number, note?: string): void;
  end(): void;
}

const WIDTH = 30;

function bar(done: number, total: number): string {
  const frac = total === 0 ? 1 : done / total;
  const full = Math.round(frac * WIDTH);
  return `[${'#'.repeat(full)}${'.'.repeat(WIDTH - full)}] ${done}/${total} (${Math.floor(frac * 100)}%)`;
}

/** `line` prints one line (the CLI's stderr) for non-terminals, so captured output stays line-oriented. */
export function createProgress(label: string, total: number, line: (text: string) => void, sink: ProgressSink = process.stderr): Progress {
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, note) {
      if (sink.isTTY) {
        sink.write(`\r${label} ${bar(done, total)}${note ? ` ${note}` : ''}\x1b[K`);
        drawn = true;
        return;
      }
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      line(`${label} ${bar(done, total)}${note ? ` ${note}` : ''}`);
    },
    end() {
      if (drawn) sink.write('\n');
    },
  };
}
