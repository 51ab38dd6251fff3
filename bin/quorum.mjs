#!/usr/bin/env node
// The `quorum` command: runs the engine's CLI (TypeScript, through tsx) under plain Node.
import { register } from 'tsx/esm/api';

register();
// `quorum data export … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { runCli, stdio } = await import('../electron/engine/cli/main.ts');
// The OS keychain (live trading, the kill switch) is wired here, like the shell does for the app: the engine may not import keytar.
const { keychainStore } = await import('../electron/shell/keychain.ts');
process.exitCode = await runCli(process.argv.slice(2), { ...stdio, credentials: () => keychainStore() });
