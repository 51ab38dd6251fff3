#!/usr/bin/env node
// Long crash soak: the crash harness with 200+ SIGKILLs (default 200; `node scripts/crash-soak.mjs 500 [seed]`).
import { tsImport } from 'tsx/esm/api';

const kills = Math.max(200, Number(process.argv[2] ?? 200));
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const { runCrashHarness } = await tsImport('../test/crash/harness.ts', import.meta.url);

const result = await runCrashHarness({
  kills,
  seed,
  log: (line) => {
    if (/^kill (\d+)\//.test(line) && Number(line.match(/^kill (\d+)/)[1]) % 25 === 0) console.log(line);
  },
});
const { check } = result;
console.log(`seed ${result.seed}: ${result.kills} kills in ${(result.durationMs / 1000).toFixed(1)} s (${result.childMode} child)`);
console.log(`decisions ${result.decisions}, orders accepted ${check.acceptedOrders}, fills ${check.fills}, faults injected ${result.faultsInjected}`);
console.log(`restarts reconciled ${result.reconciliations}:`, result.reconcileChanges);
console.log(`integrity_check ${check.integrity}; child failures ${result.childFailures.length}; problems ${check.problems.length}`);
for (const line of [...result.childFailures, ...check.problems].slice(0, 20)) console.log(`  ${line}`);
process.exit(check.ok && result.childFailures.length === 0 ? 0 : 1);
