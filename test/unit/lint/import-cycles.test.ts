// The boundary's surface is explicit: the contract handlers know the narrow services, not the Engine, and no module
// of ours imports itself back through a circle (the handlers ↔ engine circle was the last one).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { cycles, reachable } from './import-graph';

const root = resolve(import.meta.dirname, '..', '..', '..');
const at = (p: string) => join(root, p);
const short = (files: string[]) => files.map((f) => f.slice(root.length + 1)).join(' -> ');

describe('import graph', () => {
  it('contract handlers never reach the Engine class', () => {
    const seen = reachable(at('electron/engine/ipc/handlers.ts'));
    expect(seen.has(at('electron/engine/ipc/services.ts'))).toBe(true);
    expect(seen.has(at('electron/engine/engine.ts'))).toBe(false);
  });

  it.each(['electron/engine/engine.ts', 'electron/main.ts', 'electron/headless/main.ts', 'electron/engine/cli/main.ts'])('no import cycles from %s', (entry) => {
    expect(cycles(at(entry)).map(short)).toEqual([]);
  });

  it('the cycle finder finds a circle, type-only imports included', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
    writeFileSync(join(dir, 'b.ts'), "import type { C } from './c';\nexport const b = 1 as unknown as C;\n");
    writeFileSync(join(dir, 'c.ts'), "import { a } from './a';\nexport type C = typeof a;\n");
    expect(cycles(join(dir, 'a.ts'))).toEqual([[join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'c.ts')]]);
  });
});
