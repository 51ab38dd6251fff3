// Electronegativity (Doyensec's Electron security scanner) over what ships — the built out/ folder: no high or medium
// finding unless it is answered in resources/security/electronegativity-answers.json, and no answer left stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';

const root = resolve(import.meta.dirname, '..', '..', '..');
const built = existsSync(join(root, 'out', 'main', 'main.js'));

/** One CSV row of electronegativity's report; quoted fields may hold commas and doubled quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}

describe.skipIf(!built)('electronegativity on the built app (npm test builds it first)', () => {
  it('reports no high or medium finding that is not answered, and every answer still matches a finding', () => {
    const report = join(tempDir(), 'electronegativity.csv');
    // -e: the Electron we ship (its version cannot be fetched offline); the tool's network lookup fails harmlessly.
    const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
    const run = spawnSync(process.execPath, [join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'), '-i', join(root, 'out'), '-r', '-e', electron, '-o', report, '-v', 'false'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(existsSync(report), run.stderr).toBe(true);
    const [header, ...rows] = csvRows(readFileSync(report, 'utf8'));
    const col = (name: string) => header.indexOf(name);
    const serious = rows.filter((r) => ['HIGH', 'MEDIUM'].includes(r[col('severity')]));
    const answers = JSON.parse(readFileSync(join(root, 'resources', 'security', 'electronegativity-answers.json'), 'utf8')) as Record<string, string>;
    const unanswered = serious.filter((r) => !answers[r[col('issue')]]).map((r) => `${r[col('issue')]} ${r[col('filename')]}:${r[col('location')]} ${r[col('sample')]}`);
    expect(unanswered).toEqual([]);
    expect(Object.keys(answers).filter((check) => !serious.some((r) => r[col('issue')] === check))).toEqual([]);
  }, 150_000);
});
