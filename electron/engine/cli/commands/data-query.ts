// `quorum data list|gaps|export|delete`: what is stored, what is missing, and getting it out again.
import { resolve } from 'node:path';
import { datasetGaps, datasetName, listDatasets, parseTimeArg } from '../../data/datasets';
import { exportSeriesCsv, writeSeriesCsv } from '../../data/export-csv';
import { ConfigError } from '../../errors';
import { parseFlags, type Command } from '../command';
import { isoTime, table } from '../format';
import { openCandles, seriesKeyFrom, SERIES_OPTIONS } from './data-shared';

export const dataList: Command = {
  path: ['data', 'list'],
  summary: 'list stored datasets with range, rows and gaps',
  usage: 'quorum data list [--json] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, SERIES_OPTIONS);
    const session = openCandles(values);
    try {
      const sets = listDatasets(session.candles);
      if (values.json) io.out(JSON.stringify(sets, null, 2));
      else if (sets.length === 0) io.out('No datasets stored yet. Import some with `quorum data import FILE`.');
      else io.out(table(['dataset', 'from', 'to', 'rows', 'gaps', 'missing bars'], sets.map((s) => [datasetName(s), isoTime(s.firstTime), isoTime(s.lastTime), s.rows, s.gapRanges, s.missingBars])));
      return 0;
    } finally {
      session.close();
    }
  },
};

export const dataGaps: Command = {
  path: ['data', 'gaps'],
  summary: 'list missing bar ranges of one dataset, or of all',
  usage: 'quorum data gaps [exchange:SYMBOL:tf | --symbol S --timeframe T] [--json] [--db PATH]',
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, SERIES_OPTIONS, true);
    const session = openCandles(values);
    try {
      const keys = positionals.length || values.symbol ? [seriesKeyFrom(positionals, values)] : session.candles.list();
      const out = keys.map((key) => ({ dataset: datasetName(key), gaps: datasetGaps(session.candles, key) }));
      if (values.json) io.out(JSON.stringify(out, null, 2));
      else for (const { dataset, gaps } of out) {
        io.out(`${dataset}: ${gaps.length === 0 ? 'no gaps' : `${gaps.length} gaps`}`);
        for (const g of gaps) io.out(`  ${isoTime(g.from)} .. ${isoTime(g.to)}  (${g.bars} bars)`);
      }
      return 0;
    } finally {
      session.close();
    }
  },
};

export const dataExport: Command = {
  path: ['data', 'export'],
  summary: 'write a dataset as CSV (to a file or stdout)',
  usage: 'quorum data export exchange:SYMBOL:tf --format csv [--out FILE] [--from T --to T] [--db PATH]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...SERIES_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } }, true);
    if ((values.format ?? 'csv') !== 'csv') throw new ConfigError(`Only --format csv is supported, got ${values.format}`, 'CLI_ARGS', { field: 'format', value: values.format });
    const session = openCandles(values);
    try {
      const key = seriesKeyFrom(positionals, values);
      const series = session.candles.load(key, { from: values.from ? parseTimeArg(values.from, 'from') : undefined, to: values.to ? parseTimeArg(values.to, 'to') : undefined });
      if (values.out) {
        const rows = await exportSeriesCsv(series, resolve(values.out));
        io.out(`Wrote ${rows} candles of ${datasetName(key)} to ${values.out}`);
      } else await writeSeriesCsv(series, process.stdout);
      return 0;
    } finally {
      session.close();
    }
  },
};

export const dataDelete: Command = {
  path: ['data', 'delete'],
  summary: 'delete a stored dataset (asks for --yes)',
  usage: 'quorum data delete exchange:SYMBOL:tf --yes [--db PATH]',
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...SERIES_OPTIONS, yes: { type: 'boolean' } }, true);
    const key = seriesKeyFrom(positionals, values);
    if (!values.yes) throw new ConfigError(`Deleting ${datasetName(key)} cannot be undone: add --yes to confirm`, 'CLI_ARGS', { field: 'yes' });
    const session = openCandles(values);
    try {
      io.out(`Deleted ${session.candles.delete(key)} candles of ${datasetName(key)}`);
      return 0;
    } finally {
      session.close();
    }
  },
};
