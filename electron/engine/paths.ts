// Where Quorum keeps its data: the same folder Electron's app.getPath('userData') gives, so CLI, headless and app agree.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Quorum';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.QUORUM_HOME) return env.QUORUM_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export function defaultDbPath(dataDir = defaultDataDir()): string {
  return join(dataDir, 'quorum.db');
}
