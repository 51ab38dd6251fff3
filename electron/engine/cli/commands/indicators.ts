// `quorum indicators`: any registry indicator over a file or stored dataset, one line per candle (NaN in warm-up).
import { loadBacktestData } from '../../backtest/load-data';
import { getIndicator, indicatorNames } from '../../indicators/registry';
import { parseParamArgs, resolveParams } from '../../indicators/registry-types';
import { openStore } from '../../store/database';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type CliIO, type Command } from '../command';
import { isoTime, table } from '../format';

export const indicators: Command = {
  path: ['indicators'],
  summary: `compute an indicator per candle (${indicatorNames().join(', ')})`,
  usage: 'quorum indicators --data FILE|exchange:SYMBOL:tf --name rsi [--param period=14 ...] [--json|--csv] [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      ...DB_OPTION, data: { type: 'string' }, name: { type: 'string' }, param: { type: 'string', multiple: true },
      json: { type: 'boolean' }, csv: { type: 'boolean' },
    });
    const spec = getIndicator(requireString(values, 'name'));
    const params = parseParamArgs(values.param ?? []);
    resolveParams(spec.name, spec.params, params); // an unknown param fails before any data is read
    let store: ReturnType<typeof openStore> | undefined;
    try {
      const data = await loadBacktestData(requireString(values, 'data'), () => (store ??= openStore(dbPathFrom(values))).db);
      const outputs = spec.batch(data.series, params);
      print(io, data.series.time, spec.outputs, outputs, values.json ? 'json' : values.csv ? 'csv' : 'text');
      return 0;
    } finally {
      store?.db.close();
    }
  },
};

function print(io: CliIO, time: Float64Array, names: readonly string[], columns: Record<string, Float64Array>, format: 'json' | 'csv' | 'text'): void {
  const cols = names.map((n) => columns[n]);
  if (format === 'json') {
    const rows = Array.from(time, (t, i) => Object.fromEntries([['time', t], ...names.map((n, c) => [n, Number.isNaN(cols[c][i]) ? null : cols[c][i]])]));
    io.out(JSON.stringify(rows));
  } else if (format === 'csv') {
    const lines = [['time', ...names].join(',')];
    for (let i = 0; i < time.length; i++) lines.push([time[i], ...cols.map((c) => c[i])].join(','));
    io.out(lines.join('\n'));
  } else {
    io.out(table(['time', ...names], Array.from(time, (t, i) => [isoTime(t), ...cols.map((c) => (Number.isNaN(c[i]) ? 'NaN' : String(Number(c[i].toPrecision(10)))))])));
  }
}
