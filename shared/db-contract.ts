// The Settings page's database restore: a backup named by a file handle (an upload, or a file chosen in the desktop
// app's open dialog), checked and staged by the engine, applied when Quorum next starts (see
// electron/engine/store/pending-restore.ts for why not at once).
import { z } from 'zod';
import { FileToken } from './bounds';

export const DbRestoreRequestSchema = z.object({ file: FileToken }).strict();

/** A restore waiting for the next start. */
export const PendingRestoreSchema = z.object({
  /** The backup's file name as the trader knows it (its path stays in the engine). */
  source: z.string(),
  /** The backup's schema version, and the version it was migrated to when staged. */
  version: z.number().int(),
  schema: z.number().int(),
  stagedAt: z.number().int(),
});
export type PendingRestore = z.infer<typeof PendingRestoreSchema>;

export const DbRestoreStatusSchema = z.object({ pending: PendingRestoreSchema.nullable() });
