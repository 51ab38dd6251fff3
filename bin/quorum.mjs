#!/usr/bin/env node
// The `quorum` command: runs the engine's CLI (TypeScript, through tsx) under plain Node.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/engine/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
