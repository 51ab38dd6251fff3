// A schema migration: applied once, in version order, inside the startup transaction.
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Data conversion after `sql`, in the same transaction (e.g. rewriting rows into a new form). */
  readonly convert?: (db: Database) => void;
  /** Space freed by the conversion is given back to the disk afterwards (VACUUM cannot run inside the transaction). */
  readonly vacuum?: boolean;
}
