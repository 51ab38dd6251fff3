// Reads symbol, timeframe and contents hints from a file name like FILUSDT-1m-2023-08.csv or BTC_USDT-1h.json.gz.
import { basename } from 'node:path';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain';
import type { CandleFileContents } from './types';

export interface NameHints {
  symbol?: string;
  timeframe?: Timeframe;
  contents: CandleFileContents;
}

/** Longest first, so "BTCUSDT" splits as BTC/USDT, not BTCUSD/T. */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USDP', 'DAI', 'USD', 'EUR', 'GBP', 'JPY', 'TRY', 'BTC', 'ETH', 'BNB'];

function isTimeframe(token: string): token is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(token);
}

/** "BTC_USDT" → BTC/USDT, "XRP_USDT_USDT" (freqtrade futures) → XRP/USDT:USDT, "FILUSDT" → FIL/USDT. */
export function symbolFromToken(token: string): string | undefined {
  if (!/^[A-Z0-9]+([_/][A-Z0-9]+){0,2}$/.test(token) || !/[A-Z]/.test(token) || isTimeframe(token)) return undefined;
  const parts = token.split(/[_/]/);
  if (parts.length === 3) return `${parts[0]}/${parts[1]}:${parts[2]}`;
  if (parts.length === 2) return `${parts[0]}/${parts[1]}`;
  const quote = QUOTES.find((q) => token.endsWith(q) && token.length > q.length);
  return quote ? `${token.slice(0, -quote.length)}/${quote}` : token;
}

export function hintsFromName(path: string): NameHints {
  const stem = basename(path).replace(/\.(zip|gz)$/i, '').replace(/\.(csv|txt|json|tsv)$/i, '').replace(/^(futures|spot|margin)__/, '');
  const tokens = stem.split('-');
  const hints: NameHints = { contents: /funding_rate/i.test(stem) ? 'funding-rate' : /(^|-)mark($|-)/i.test(stem) ? 'mark' : 'ohlcv' };
  const symbol = symbolFromToken(tokens[0]);
  if (symbol) hints.symbol = symbol;
  const tf = stem.split(/[-_]/).find(isTimeframe);
  if (tf) hints.timeframe = tf;
  return hints;
}
