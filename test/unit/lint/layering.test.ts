// The lint config enforces the layering: deliberate violations in fixtures fail, the allowed direction passes.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture's text as if it lived at `virtualPath` inside the project. */
async function lintAs(fixture: string, virtualPath: string) {
  const code = readFileSync(join(root, 'test', 'fixtures', 'lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('layering lint', () => {
  it('fails when the engine imports electron', async () => {
    const problems = await lintAs('engine-imports-electron.ts', 'electron/engine/data/fixture.ts');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/plain Node/);
  });

  it('fails when the renderer imports a Node built-in or the engine', async () => {
    const problems = await lintAs('renderer-imports-node.tsx', 'renderer/src/pages/Fixture.tsx');
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/Node built-ins/), expect.stringMatching(/engine/)]);
  });

  it('fails when shared imports the engine', async () => {
    const problems = await lintAs('shared-imports-engine.ts', 'shared/fixture.ts');
    expect(problems).toHaveLength(1);
  });

  it('passes when the renderer imports the contract from shared', async () => {
    expect(await lintAs('renderer-uses-contract.tsx', 'renderer/src/pages/Fixture.tsx')).toEqual([]);
  });

  it('lets the shell import electron', async () => {
    expect(await lintAs('engine-imports-electron.ts', 'electron/shell/fixture.ts')).toEqual([]);
  });
});
