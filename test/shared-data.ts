// Locates the team's real market data beside the checkout; tests that need it skip with a clear message if absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = process.env.QUORUM_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const hasSharedData = existsSync(join(SHARED_DIR, 'data'));
export const SHARED_SKIP_REASON = `../shared/data not found at ${SHARED_DIR}: skipping tests on real market data`;

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

if (!hasSharedData) console.warn(SHARED_SKIP_REASON);
