// `npm start`: runs the desktop app in development; fetches Electron's binary on first use, or explains what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The downloaded Electron executable, if any. (require('electron') would start a noisy download itself.) */
function electronBinary() {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

if (!electronBinary()) {
  console.log('Electron is not installed yet (npm ci skips its download); fetching it once…');
  // Output is captured: a failed download prints a stack trace that helps nobody; we name the reason instead.
  const fetched = spawnSync(process.execPath, [require.resolve('electron/install.js')], { encoding: 'utf8', timeout: 300_000 });
  if (fetched.status !== 0 || !electronBinary()) {
    const reason = `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`.match(/^\w*Error: .*$/m)?.[0] ?? (fetched.error?.message || 'unknown reason');
    console.error(
      '\nQuorum cannot start the desktop app here: the Electron binary could not be downloaded\n' +
        `(${reason}; no internet access, or a platform Electron does not support).\n\n` +
        'You can still use everything through your browser:\n' +
        '    npm run headless\n' +
        'then open the printed http://127.0.0.1:… URL.\n',
    );
    process.exit(1);
  }
}

// electron-vite's exports map hides bin/: reach it through its package.json, which it does export.
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const result = spawnSync(process.execPath, [electronVite, 'dev'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
