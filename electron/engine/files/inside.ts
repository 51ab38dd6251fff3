// Containment for every path the engine touches on a client's behalf: resolved through symlinks, normalised, and
// checked to lie inside the folder it belongs to.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { DataError } from '../errors';

/** True when `path` (which must exist) resolves to a place inside `folder` (symlinks followed on both). */
export function liesInside(folder: string, path: string): boolean {
  let root: string;
  let real: string;
  try {
    root = realpathSync(folder);
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(root, real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The real path of `path`, or a DataError when it resolves outside `folder` (a symlink out, a `..`). */
export function realInside(folder: string, path: string, field: string): string {
  if (!liesInside(folder, path)) {
    throw new DataError(`The ${field} is not inside the app's ${folderLabel(folder)} folder`, 'PATH_OUTSIDE', { field });
  }
  return realpathSync(path);
}

function folderLabel(folder: string): string {
  return folder.split(/[/\\]/).filter(Boolean).pop() ?? folder;
}
