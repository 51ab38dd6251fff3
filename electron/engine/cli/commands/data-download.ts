// `quorum data download`: fetches missing candles from an exchange through ccxt (paginated, rate-limited, resumable).
import { datasetName, parseTimeArg } from '../../data/datasets';
import { downloadCandles } from '../../data/download/download';
import { createExchange } from '../../exchange/ccxt-factory';
import { parseFlags, requireString, type Command } from '../command';
import { isoTime } from '../format';
import { openCandles, seriesKeyFrom, SERIES_OPTIONS } from './data-shared';

export const dataDownload: Command = {
  path: ['data', 'download'],
  summary: 'download missing candles with ccxt fetchOHLCV (fills gaps, resumes)',
  usage: 'quorum data download --exchange binance --symbol BTC/USDT --timeframe 1h --from DATE [--to DATE] [--url BASE] [--json] [--db PATH]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...SERIES_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, url: { type: 'string' } }, true);
    const key = seriesKeyFrom(positionals, { ...values, exchange: values.exchange ?? 'binance' });
    const from = parseTimeArg(requireString(values, 'from'), 'from');
    const to = values.to ? parseTimeArg(values.to, 'to') : Date.now();
    const client = createExchange(key.exchange, { urlOverride: values.url, timeoutMs: 30_000 });
    const session = openCandles(values);
    try {
      const result = await downloadCandles(client, session.candles, key, {
        from, to,
        onProgress: (p) => { if (!values.json) io.err(`  ${p.storedBars}/${p.wantedBars} bars, ${p.requests} requests`); },
      });
      if (values.json) io.out(JSON.stringify(result, null, 2));
      else {
        io.out(`${datasetName(key)}: stored ${result.storedBars} of ${result.wantedBars} missing bars in ${result.requests} requests (${result.retries} retries)`);
        for (const r of result.unavailable) io.out(`  exchange has no candles for ${isoTime(r.from)} .. ${isoTime(r.to)}`);
      }
      return 0;
    } finally {
      session.close();
    }
  },
};
