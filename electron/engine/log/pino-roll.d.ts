// pino-roll ships no types: the part of its API Quorum uses (its build function and the SonicBoom it resolves to).
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  export interface RollingDestination extends EventEmitter {
    /** The file being written now. */
    readonly file: string;
    write(data: string): boolean;
    flush(cb?: (err?: Error) => unknown): void;
    end(): void;
  }

  export interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    symlink?: boolean;
    limit?: { count: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    sync?: boolean;
  }

  export default function build(options: PinoRollOptions): Promise<RollingDestination>;
}
