// `quorum data import <files…>`: streams files into the store and prints what was read, stored and rejected.
import { resolve } from 'node:path';
import { datasetName, parseTimeframe } from '../../data/datasets';
import { importCandleFiles, type FileImportResult } from '../../data/import-files';
import { ConfigError } from '../../errors';
import { isoTime } from '../format';
import { parseFlags, type CliIO, type Command } from '../command';
import { openCandles, SERIES_OPTIONS } from './data-shared';

export const dataImport: Command = {
  path: ['data', 'import'],
  summary: 'import candle files (Binance CSV/zip, freqtrade JSON, generic CSV, object JSON)',
  usage: 'quorum data import <files…> [--exchange X --symbol S --timeframe T] [--on-error reject|skip] [--json] [--db PATH]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...SERIES_OPTIONS, 'on-error': { type: 'string' } }, true);
    if (positionals.length === 0) throw new ConfigError('Give at least one file to import', 'CLI_ARGS', { field: 'files' });
    const onError = values['on-error'] ?? 'reject';
    if (onError !== 'reject' && onError !== 'skip') throw new ConfigError(`--on-error must be reject or skip, got ${onError}`, 'CLI_ARGS', { field: 'on-error', value: onError });
    const session = openCandles(values);
    try {
      const results = await importCandleFiles(session.candles, positionals.map((f) => resolve(f)), {
        exchange: values.exchange, symbol: values.symbol, timeframe: values.timeframe ? parseTimeframe(values.timeframe) : undefined, onError,
      });
      if (values.json) io.out(JSON.stringify(results, null, 2));
      else results.forEach((r) => printResult(r, io));
      return results.every((r) => r.committed) ? 0 : 1;
    } finally {
      session.close();
    }
  },
};

function printResult(r: FileImportResult, io: CliIO): void {
  const { report } = r;
  const verdict = r.committed ? 'stored' : 'REJECTED (nothing stored)';
  io.out(`${r.file}\n  ${report.format} → ${datasetName(r.key)}${r.symbolSource === 'file-name' ? ' (symbol from file name; use --symbol)' : ''}: ${verdict}`);
  io.out(`  rows read ${report.rowsRead}, valid ${report.rowsValid}, skipped ${report.rowsSkipped}; new ${r.inserted}, replaced ${r.replaced}, unchanged ${r.unchanged}`);
  for (const p of report.problems.slice(0, 20)) io.out(`  line ${p.line}: ${p.kind}${p.field ? ` in ${p.field}` : ''}${p.value !== undefined ? ` (${p.value})` : ''}: ${p.message}`);
  const more = report.problems.length - 20 + report.problemsOmitted;
  if (more > 0) io.out(`  … and ${more} more problems`);
  if (report.gaps.length > 0) {
    const missing = report.gaps.reduce((n, g) => n + g.bars, 0);
    io.out(`  gaps: ${report.gaps.length + report.gapsOmitted} ranges, ${missing}${report.gapsOmitted ? '+' : ''} missing bars; first: ${report.gaps.slice(0, 3).map((g) => `${isoTime(g.from)}..${isoTime(g.to)}`).join(', ')}`);
  }
}
