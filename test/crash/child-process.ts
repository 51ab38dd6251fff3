// One crash child as seen from the parent: spawn, wait until loaded, say go, kill, and what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ChildCommand } from './build-child';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CrashChild {
  proc: ChildProcess;
  /** Resolves when the child has loaded its modules and waits for "go". */
  ready: Promise<void>;
  exited: Promise<ChildExit>;
  lines: string[];
  stderr(): string;
  go(): void;
  kill(): Promise<ChildExit>;
}

export function spawnChild(cmd: ChildCommand, env: Record<string, string>, cwd: string): CrashChild {
  const proc = spawn(cmd.command, cmd.args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  proc.stderr!.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<ChildExit>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve();
    });
    void exited.then((e) => reject(new Error(`crash child exited before it was ready (${e.code ?? e.signal}): ${err}`)));
  });
  ready.catch(() => undefined);
  return {
    proc, ready, exited, lines,
    stderr: () => err,
    go: () => {
      proc.stdin!.write('go\n');
    },
    kill: () => {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}
