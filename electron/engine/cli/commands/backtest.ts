// `quorum backtest`: one strategy over a file or a stored dataset; prints the stats, stores the run, writes JSON/HTML.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFixedParams, formatParams } from '../../backtest/param-grid';
import { renderReport } from '../../backtest/report-html';
import type { BacktestResult } from '../../backtest/run-backtest';
import { runNotStored, runStored } from '../../backtest/stored-run';
import { isoTime } from '../../backtest/stat-labels';
import { dbPathFrom, parseFlags, type CliIO, type Command } from '../command';
import { LazyStore, loadRunData, parseRunFlags, RUN_OPTIONS, RUN_USAGE, type RunFlags } from './backtest-options';
import { notesText, resultJson, statsTable, tradesSummary } from './backtest-print';
import type { LoadedData } from '../../backtest/load-data';
import { defaultSizing } from '../../backtest/options';
import { describeRisk } from './stored-risk';
import { modelLibraryFor } from '../../ml/model-library';


const OPTIONS = { ...RUN_OPTIONS, json: { type: 'string' }, report: { type: 'string' }, 'no-store': { type: 'boolean' } } as const;

function facts(flags: RunFlags, data: LoadedData, params: Record<string, unknown>): [string, string][] {
  const b = flags.base;
  return [
    ['Strategy', `${flags.strategy} ${formatParams(params as never)}`.trim()],
    ['Data', `${data.name} (${data.symbol}${data.timeframe ? ` ${data.timeframe}` : ''}, ${data.series.length} bars, ${isoTime(data.series.time[0])} .. ${isoTime(data.series.time[data.series.length - 1])})`],
    ['Cash / commission / slippage', `${b.cash ?? 10_000} / ${b.commission ?? 0} / ${b.slippage ?? 0}`],
    ['Fill / sizing / shorts / finalize', `${b.fill ?? 'next-open'} / ${b.sizing ?? defaultSizing(data.symbol)} / ${b.allowShort ? 'yes' : 'no'} / ${b.finalize ? 'yes' : 'no'}`],
    ['Risk', describeRisk(b.risk)],
  ];
}

function writeOutputs(values: { json?: string; report?: string }, r: BacktestResult, title: string, f: [string, string][], io: CliIO): void {
  if (values.json !== undefined && values.json !== '-') {
    writeFileSync(resolve(values.json), resultJson(r));
    io.out(`Wrote JSON to ${values.json}`);
  }
  if (values.report !== undefined) {
    writeFileSync(resolve(values.report), renderReport({ title, facts: f, stats: r.stats, trades: r.trades, time: r.time, equity: r.equity }));
    io.out(`Wrote report to ${values.report}`);
  }
}

export const backtest: Command = {
  path: ['backtest'],
  summary: 'backtest a strategy on a candle file or stored dataset; prints stats, stores the run',
  usage: `quorum backtest ${RUN_USAGE} [--json FILE|-] [--report FILE.html] [--no-store]`,
  async run(argv, io) {
    const { values } = parseFlags(argv, OPTIONS);
    const flags = parseRunFlags(values);
    const params = parseFixedParams(flags.paramSpecs);
    const store = new LazyStore(values);
    try {
      const data = await loadRunData(flags, store);
      const options = { ...flags.base, series: data.series, symbol: data.symbol, timeframe: data.timeframe, market: data.market, params, from: flags.from, to: flags.to,
        data: { kind: data.source, name: data.name }, strategyBase: { models: modelLibraryFor(dbPathFrom(values)) } };
      const stored = values['no-store'] ? undefined : await runStored(store.db, options);
      const r = stored?.result ?? (await runNotStored(options));
      const toStdout = values.json === '-';
      // With --json - stdout carries only the JSON document; what would go there goes to stderr instead.
      const say = toStdout ? (t: string) => io.err(t) : (t: string) => io.out(t);
      if (toStdout) io.out(resultJson(r));
      else io.out(`${statsTable(r)}\n\n${tradesSummary(r)}`);
      say(`Risk: ${describeRisk(flags.base.risk)}`);
      const notes = notesText(r);
      if (notes) say(notes);
      const f = facts(flags, data, params);
      writeOutputs(values, r, `Backtest: ${flags.strategy} on ${data.symbol}`, f, { out: say, err: io.err });
      say(stored ? `Run stored as #${stored.runId} (see: quorum decisions --run ${stored.runId})` : 'Run not stored (--no-store)');
      return 0;
    } finally {
      store.close();
    }
  },
};
