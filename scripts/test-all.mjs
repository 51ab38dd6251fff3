// `npm test`: typecheck, lint, build, unit+integration tests, browser tests; ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const results = join(process.cwd(), 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => join('node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

/** A check that is one pass or one failure (typecheck, lint, build). */
function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

/** A vitest project, counted test by test from its JSON report. */
function suite(label, project, wrap) {
  const report = join(results, `${project}.json`);
  rmSync(report, { force: true });
  const vitestArgs = [bin('vitest'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const ok = wrap ? run(label, wrap[0], [...wrap.slice(1), ...vitestArgs]) : run(label, vitestArgs[0], vitestArgs.slice(1));
  if (!existsSync(report)) {
    totals.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  if (!ok && json.numFailedTests === 0) {
    totals.failed += 1; // e.g. a file that failed to load, or an unhandled error
    failures.push(`${label} (runner error)`);
  } else if (json.numFailedTests > 0) failures.push(label);
}

/** Keychain tests need a D-Bus session with an unlocked gnome-keyring; run the unit suite inside one when available. */
function keyringWrapper() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (process.env.DBUS_SESSION_BUS_ADDRESS || !has('dbus-run-session') || !has('gnome-keyring-daemon')) return undefined;
  // A fresh keyring folder, so a login keyring left by someone else (with another password) cannot stay locked.
  const script = 'export XDG_DATA_HOME="$(mktemp -d)"; echo -n quorum-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
  return ['dbus-run-session', '--', 'sh', '-c', script, 'sh'];
}

check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('lint', bin('eslint'), ['.']);
check('build', bin('electron-vite'), ['build']);
suite('unit and integration tests', 'unit', keyringWrapper());
suite('browser tests', 'e2e');

console.log('');
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
