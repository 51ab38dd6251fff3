// `quorum drift --run ID`: a paper or live run replayed through the backtester and compared with it decision by
// decision, fill by fill and in equity; a summary on stdout (or --json), a self-contained HTML page with --html.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DriftReport } from '../../../../shared/drift-contract';
import { buildDriftReport, driftReportText, renderDriftReport } from '../../drift';
import { ConfigError } from '../../errors';
import { modelLibraryFor } from '../../ml/model-library';
import { price, shortTime, signed } from '../../reports/report-format';
import { SettingsRepository } from '../../store/settings-repo';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type CliIO, type Command, withStore } from '../command';
import { table } from '../format';

const OPTIONS = {
  ...DB_OPTION,
  run: { type: 'string' },
  html: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function runIdOf(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id <= 0) {
    throw new ConfigError(`--run must be a run id (a positive whole number, see \`quorum trade list\`), got ${JSON.stringify(text)}`, 'CLI_ARGS', { field: 'run', value: text });
  }
  return id;
}

function details(r: DriftReport): string {
  const parts: string[] = [];
  if (r.decisions.length > 0) {
    parts.push(table(['bar', 'run', 'replay', 'run traded', 'replay traded', 'reason', 'detail'],
      r.decisions.map((d) => [shortTime(d.time), d.runAction ?? '-', d.replayAction ?? '-', d.runTrades || '-', d.replayTrades || '-', d.reason, d.detail])));
  }
  if (r.fills.length > 0) {
    parts.push(table(['decision bar', 'side', 'role', 'run price', 'model price', 'slippage bps', 'attempt'],
      r.fills.map((f) => [shortTime(f.decisionTime), f.side, f.role ?? '-', price(f.runPrice), f.modelPrice === null ? '-' : price(f.modelPrice),
        f.slippageBps === null ? '-' : signed(f.slippageBps), f.attempt])));
  }
  return parts.join('\n\n');
}

export const drift: Command = {
  path: ['drift'],
  summary: 'a paper or live run against its backtest replay: differing decisions and why, fill slippage and fees, equity gap',
  usage: 'quorum drift --run ID [--html FILE] [--json] [--db PATH]',
  run(argv: string[], io: CliIO) {
    const { values } = parseFlags(argv, OPTIONS);
    const runId = runIdOf(requireString(values, 'run'));
    const dbPath = dbPathFrom(values);
    return withStore(dbPath, async (store) => {
      const settings = new SettingsRepository(store.db).load();
      const report = await buildDriftReport(store.db, runId, {
        strategyBase: { panel: settings.panel, models: modelLibraryFor(dbPath) }, risk: settings.risk,
      });
      // With --json stdout carries only the JSON document; the rest goes to stderr.
      const say = values.json ? (t: string) => io.err(t) : (t: string) => io.out(t);
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else {
        io.out(driftReportText(report));
        const more = details(report);
        if (more) io.out(`\n${more}`);
      }
      if (values.html !== undefined) {
        writeFileSync(resolve(values.html), renderDriftReport(report));
        say(`Wrote the HTML report to ${values.html}`);
      }
      return 0;
    });
  },
};
