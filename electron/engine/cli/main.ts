// The `quorum` CLI: finds the command named by the leading words and runs it; errors print as one clear line.
import { QuorumError } from '../errors';
import type { CliIO, Command } from './command';
import { dbBackup, dbInfo, dbRestore } from './commands/db';
import { indicators } from './commands/indicators';
import { dataDownload } from './commands/data-download';
import { dataImport } from './commands/data-import';
import { dataDelete, dataExport, dataGaps, dataList } from './commands/data-query';
import { backtest } from './commands/backtest';
import { decisions } from './commands/decisions';
import { sweep } from './commands/sweep';
import { walkforward } from './commands/walkforward';
import { tradeArm, tradeDisarm, tradeList, tradeStart, tradeStatus, tradeStop } from './commands/trade';
import { killFlatten, killHalt, killRearm, killStatus } from './commands/kill';
import { logs } from './commands/logs';
import { health } from './commands/health';
import { ALERT_COMMANDS } from './commands/alerts';
import { features } from './commands/ml-features';
import { train } from './commands/ml-train';
import { predict } from './commands/ml-predict';
import { evaluate } from './commands/ml-evaluate';
import { reportDaily } from './commands/report';
import { drift } from './commands/drift';

export const COMMANDS: Command[] = [dataImport, dataList, dataGaps, dataDownload, dataExport, dataDelete, dbBackup, dbRestore, dbInfo, backtest, sweep, walkforward, decisions, indicators,
  features, train, predict, evaluate,
  tradeStart, tradeStop, tradeList, tradeStatus, tradeArm, tradeDisarm, killHalt, killFlatten, killStatus, killRearm, logs, health, ...ALERT_COMMANDS, reportDaily, drift];

export const stdio: CliIO = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

function help(io: CliIO): void {
  io.out('Usage: quorum <command> [options]\n');
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(60)} ${c.summary}`);
}

export async function runCli(argv: string[], io: CliIO = stdio, commands: Command[] = COMMANDS): Promise<number> {
  const command = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!command) {
    help(io);
    return argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' ? 0 : 2;
  }
  if (argv.includes('--help')) {
    io.out(`usage: ${command.usage}\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(argv.slice(command.path.length), io);
  } catch (err) {
    if (err instanceof QuorumError) {
      io.err(`quorum ${command.path.join(' ')}: ${err.message}`);
      io.err(`usage: ${command.usage}`);
      return err.area === 'config' ? 2 : 1;
    }
    throw err;
  }
}
