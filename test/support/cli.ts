// Runs the `quorum` CLI in-process with captured output.
import { runCli } from '../../electron/engine/cli/main';

export async function quorum(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}
