// `quorum logs --tail | --path`: the engine's rotating log files in the data folder (`logs/` beside the database),
// as headless mode and the app write them.
import { existsSync } from 'node:fs';
import { logDirFor } from '../../log/log-files';
import { DB_OPTION, dbPathFrom, parseFlags, type Command } from '../command';
import { numberFlag } from './backtest-options';
import { followLines, tailLines } from './logs-read';

const OPTIONS = { ...DB_OPTION, tail: { type: 'boolean' }, lines: { type: 'string', short: 'n' }, follow: { type: 'boolean' }, path: { type: 'boolean' } } as const;

export const logs: Command = {
  path: ['logs'],
  summary: 'print the last lines of the log (--follow: and new ones until Ctrl-C), or where it is (--path)',
  usage: 'quorum logs --tail [-n N] [--follow] [--db PATH] | --path [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, OPTIONS);
    const dir = logDirFor(dbPathFrom(values));
    if (values.path) {
      io.out(dir);
      return 0;
    }
    const n = numberFlag(values, 'lines', (x) => Number.isInteger(x) && x >= 0, 'a whole number of lines') ?? 50;
    if (!existsSync(dir)) {
      io.err(`No logs at ${dir}: Quorum has not run on this data folder yet (or --db points elsewhere).`);
      return 1;
    }
    const { lines, cursor } = tailLines(dir, n);
    if (!cursor && !values.follow) {
      io.err(`No log files in ${dir} yet.`);
      return 1;
    }
    for (const line of lines) io.out(line);
    if (!values.follow) return 0;
    // Until Ctrl-C (or a kill): then the lines written meanwhile are printed, and the command ends normally.
    return new Promise<number>((resolve) => {
      const follower = followLines(dir, cursor, (line) => io.out(line));
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        follower.stop();
        resolve(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
