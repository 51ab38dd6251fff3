// Bounded building blocks for request schemas: every string a client sends has a length and a charset, every number
// a range, every list and map a size. The engine treats each client as untrusted (see README "Security").
import { z } from 'zod';
import { TIMEFRAMES } from './domain';
import { isAccelerator } from './accelerator';

/** Plain text a person types (reasons, confirmations): no control characters, bounded. */
export const text = (max: number) =>
  z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** A ccxt exchange id ("binance", "okx"), or "local" for files that name no venue. */
export const ExchangeId = z.string().max(32).regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id such as "binance"');

const SYMBOL = '[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}';
/** A market symbol as stored ("BTC/USDT", "BTCUSDT", "BTCUSDT#markPrice"). */
export const MarketSymbol = z.string().max(64).regex(new RegExp(`^${SYMBOL}$`), 'a market symbol such as "BTC/USDT"');

/** A stored dataset, "exchange:SYMBOL:timeframe". */
export const DatasetName = z
  .string()
  .max(110)
  .regex(new RegExp(`^[a-z][a-z0-9]{1,31}:${SYMBOL}:(${TIMEFRAMES.join('|')})$`), 'a dataset name such as "binance:BTC/USDT:1h"');

/** An exchange account, "binance" or "binance:main". */
export const AccountName = z.string().max(65).regex(/^[a-z0-9]+(:[A-Za-z0-9_-]{1,32})?$/, 'exchange id, optionally :name');

/** A short identifier (strategy, breaker, job): letters, digits, dot, dash, underscore. */
export const Identifier = (max = 64) => z.string().min(1).max(max).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "-" or "_"');

/** An opaque handle the engine gave out for a file (an upload or a file the user chose in a dialog). */
export const FileToken = z.string().max(70).regex(/^f_[A-Za-z0-9_-]{16,64}$/, 'a file handle from an upload or a file dialog');

/** A time in ms since the epoch, 1970 … 2200. */
export const TimeMs = z.number().int().min(0).max(7_258_118_400_000);

/** A strategy's parameters by name (dotted paths for the panel), at most 64. */
export const StrategyParams = z
  .record(z.string().max(80).regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'a parameter name'), z.union([z.number().min(-1e12).max(1e12), text(64), z.boolean()]))
  .refine((p) => Object.keys(p).length <= 64, 'at most 64 parameters');

/** A sizing spec: all-in, all-in-units, fixed:<qty>, fraction:<0..1>. */
export const SizingSpec = z.string().max(40).regex(/^(all-in|all-in-units|fixed:[0-9.eE+-]{1,24}|fraction:[0-9.eE+-]{1,24})$/, "'all-in', 'all-in-units', 'fixed:<qty>' or 'fraction:<0..1>'");

/** An Electron accelerator such as "CommandOrControl+Shift+K". */
export const Accelerator = z.string().max(80).refine(isAccelerator, 'an Electron accelerator such as "CommandOrControl+Shift+K"');
