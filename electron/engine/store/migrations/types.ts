// A schema migration: applied once, in version order, inside the startup transaction.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
