// The sample dataset the app ships (resources/samples): what the first-run guide loads so a new user can backtest at once.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeriesKey } from './candle-store/types';

/** The shipped file and the dataset it becomes. */
export const SAMPLE_FILE = 'BTC_USDT-1h.csv.gz';
export const SAMPLE_KEY: SeriesKey = Object.freeze({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' });

/**
 * The folder holding the sample: QUORUM_SAMPLES, else the project's resources/samples (a dev run, the CLI, tests).
 * The packaged app passes its own (process.resourcesPath/samples) as the engine's samplesDir instead.
 */
export function shippedSamplesDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.QUORUM_SAMPLES) return env.QUORUM_SAMPLES;
  let dir = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : process.cwd();
  for (let up = 0; up < 6; up++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources', 'samples', SAMPLE_FILE))) return join(dir, 'resources', 'samples');
  }
  return undefined;
}
