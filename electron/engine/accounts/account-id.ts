// Account ids: an exchange profile ("binance", "binance:main") in one mode, written "<mode>:<profile>".
import { ConfigError } from '../errors';

export type AccountMode = 'paper' | 'live';

export interface AccountRef {
  profile: string;
  mode: AccountMode;
}

const PROFILE = /^[a-z0-9]+(:[A-Za-z0-9_-]{1,32})?$/;

export function accountId(ref: AccountRef): string {
  return `${ref.mode}:${ref.profile}`;
}

/** Reads "paper:binance" or "live:binance:main"; a bad id is a ConfigError naming it. */
export function parseAccountId(id: string): AccountRef {
  const cut = id.indexOf(':');
  const mode = id.slice(0, cut);
  const profile = id.slice(cut + 1);
  if (cut < 0 || (mode !== 'paper' && mode !== 'live') || !PROFILE.test(profile)) {
    throw new ConfigError(`account must be 'paper:<exchange>' or 'live:<exchange>[:<label>]', got '${id}'`, 'ACCOUNT_INVALID', { field: 'account', value: id });
  }
  return { profile, mode };
}

/** The exchange id of a profile ("binance:main" → "binance"). */
export function exchangeOf(profile: string): string {
  return profile.split(':')[0];
}
