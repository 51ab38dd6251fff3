// A private OS keychain for browser tests whose headless engine must keep secrets: a D-Bus session bus and an unlocked
// gnome-keyring on it, both started here (by pid) and stopped here. The browser suite itself runs without a session
// bus (see trade-page.test.ts); set DBUS_SESSION_BUS_ADDRESS from `env` before starting the headless process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasKeyringTools = existsSync('/usr/bin/dbus-daemon') && existsSync('/usr/bin/gnome-keyring-daemon');

export interface PrivateKeyring {
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  stop(): void;
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  // A fresh keyring folder, so no login keyring with another password is found locked.
  const home = mkdtempSync(join(tmpdir(), 'quorum-keyring-'));
  const env = { ...process.env, XDG_DATA_HOME: home };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env, encoding: 'utf8' });
  const [address, pidText] = bus.stdout.trim().split('\n');
  const busPid = Number(pidText);
  if (bus.status !== 0 || !address || !Number.isInteger(busPid)) throw new Error(`dbus-daemon did not start: ${bus.stderr}`);
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: address }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  keyring.stdin.end('quorum-test');
  // It prints its control socket once it serves the bus.
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gnome-keyring-daemon did not start:\n${out}`)), 10_000);
    keyring.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('GNOME_KEYRING_CONTROL')) {
        clearTimeout(timer);
        resolve();
      }
    });
    keyring.on('exit', (code) => reject(new Error(`gnome-keyring-daemon exited with ${code}:\n${out}`)));
  });
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    stop() {
      keyring.kill('SIGTERM');
      try {
        process.kill(busPid, 'SIGTERM');
      } catch {
        // Gone already.
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
