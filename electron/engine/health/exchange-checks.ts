// Exchange checks, one profile at a time: is the venue reachable, how far is our clock from its clock, and what may
// the stored API key do (a key that can withdraw is a risk Quorum never needs).
import type { Exchange } from 'ccxt';
import ccxt from 'ccxt';
import { errorText, formatMs, HealthTimeoutError, within, type HealthCheckResult, type HealthThresholds } from './types';

export interface ExchangeCheckOptions {
  /** Time allowed to each call to the exchange, ms. */
  timeoutMs: number;
  thresholds: Pick<HealthThresholds, 'clockWarnMs' | 'clockBadMs'>;
  /** The clock that signs requests: the system clock, never a test's or a replay's simulated time. */
  clock: () => number;
}

/** ccxt clients are made with the order timeout; a health call should not wait that long. */
function shortenTimeout(client: Exchange, timeoutMs: number): void {
  if (!(client.timeout <= timeoutMs)) client.timeout = timeoutMs;
}

/**
 * Reachability and clock skew. skew = our clock − the exchange's, taken at the middle of the round trip; only the part
 * the round trip cannot explain (|skew| − rtt/2) is judged, so a slow link is not read as a wrong clock.
 */
export async function checkExchange(profile: string, connect: () => Promise<Exchange>, o: ExchangeCheckOptions): Promise<HealthCheckResult> {
  const name = `exchange:${profile}`;
  let client: Exchange;
  try {
    client = await within(`connecting ${profile}`, o.timeoutMs, connect);
  } catch (err) {
    return { name, status: 'bad', detail: `cannot set up a client for ${profile}: ${errorText(err)}` };
  }
  shortenTimeout(client, o.timeoutMs);
  const id = client.id;
  try {
    if (client.has.fetchTime) {
      // A fresh client's first request pays its own set-up; a slow first sample is taken again and the quicker kept.
      let sample = await timeSample(client, o);
      if (sample.t1 - sample.t0 > SLOW_SAMPLE_MS) {
        const again = await timeSample(client, o);
        if (again.t1 - again.t0 < sample.t1 - sample.t0) sample = again;
      }
      const { serverTime, t0, t1 } = sample;
      if (typeof serverTime !== 'number' || !Number.isFinite(serverTime)) {
        return { name, status: 'warn', detail: `${id} answered but gave no server time: clock skew unknown`, measured: { reachable: true, rttMs: t1 - t0, skewMs: null } };
      }
      return skewResult(name, id, serverTime, t0, t1, o.thresholds);
    }
    // No server time on this venue: reachability only.
    const t0 = o.clock();
    if (client.has.fetchStatus) await within(`${id} fetchStatus`, o.timeoutMs, () => client.fetchStatus());
    else await within(`${id} loadMarkets`, o.timeoutMs, () => client.loadMarkets());
    const rtt = o.clock() - t0;
    return { name, status: 'ok', detail: `${id} reachable (${formatMs(rtt)}); clock skew unknown: ccxt has no server time for ${id}`, measured: { reachable: true, rttMs: rtt, skewMs: null } };
  } catch (err) {
    const why = err instanceof HealthTimeoutError || err instanceof ccxt.RequestTimeout ? `no answer within ${formatMs(o.timeoutMs)}` : errorText(err);
    return { name, status: 'bad', detail: `${id} unreachable: ${why}. Open orders there are not watched until it answers again.`, measured: { reachable: false, rttMs: null, skewMs: null } };
  }
}

/** A round trip longer than this is measured a second time. */
const SLOW_SAMPLE_MS = 50;

async function timeSample(client: Exchange, o: ExchangeCheckOptions): Promise<{ serverTime: number | undefined; t0: number; t1: number }> {
  const t0 = o.clock();
  const serverTime = await within(`${client.id} fetchTime`, o.timeoutMs, () => client.fetchTime());
  return { serverTime, t0, t1: o.clock() };
}

export function skewResult(name: string, id: string, serverTime: number, t0: number, t1: number, t: ExchangeCheckOptions['thresholds']): HealthCheckResult {
  const rtt = Math.max(0, t1 - t0);
  const skew = Math.round((t0 + t1) / 2 - serverTime);
  const judged = Math.max(0, Math.abs(skew) - rtt / 2);
  const status = judged > t.clockBadMs ? 'bad' : judged > t.clockWarnMs ? 'warn' : 'ok';
  const direction = skew === 0 ? 'in step with' : `${formatMs(Math.abs(skew))} ${skew > 0 ? 'ahead of' : 'behind'}`;
  const advice = status === 'ok' ? '' : '. Signed requests (orders, cancels) may be refused: sync the system clock (NTP)';
  return {
    name, status,
    detail: `${id} reachable (${formatMs(rtt)}); our clock is ${direction} ${id}'s (warn > ${formatMs(t.clockWarnMs)}, bad > ${formatMs(t.clockBadMs)})${advice}`,
    measured: { reachable: true, rttMs: rtt, skewMs: skew },
  };
}

/** Binance's answer to GET /sapi/v1/account/apiRestrictions (the fields read here). */
interface BinanceRestrictions {
  enableWithdrawals?: boolean;
  enableReading?: boolean;
  enableSpotAndMarginTrading?: boolean;
  ipRestrict?: boolean;
}

type RestrictionsCall = () => Promise<BinanceRestrictions>;

/** The venue-specific call that says what a key may do, where ccxt exposes one; undefined elsewhere. */
function restrictionsCall(client: Exchange): RestrictionsCall | undefined {
  const call = (client as unknown as { sapiGetAccountApiRestrictions?: (params?: object) => Promise<BinanceRestrictions> }).sapiGetAccountApiRestrictions;
  return typeof call === 'function' ? () => call.call(client, {}) : undefined;
}

/**
 * What the stored key may do. Withdrawals enabled is a 'warn' (Quorum never withdraws; a stolen key that can is a
 * loss). Where the venue has no such query, or did not answer it, the answer is 'unknown' — never a guess.
 */
export async function checkApiPermissions(profile: string, connect: () => Promise<Exchange>, o: Pick<ExchangeCheckOptions, 'timeoutMs'>): Promise<HealthCheckResult> {
  const name = `api-keys:${profile}`;
  const unknown = (why: string): HealthCheckResult => ({ name, status: 'ok', detail: `key permissions unknown: ${why}`, measured: { withdrawals: 'unknown', trading: 'unknown' } });
  let client: Exchange;
  try {
    client = await within(`loading the keys of ${profile}`, o.timeoutMs, connect);
  } catch (err) {
    return { name, status: 'bad', detail: `cannot load the API keys of ${profile}: ${errorText(err)}` };
  }
  shortenTimeout(client, o.timeoutMs);
  const call = restrictionsCall(client);
  if (!call) return unknown(`ccxt has no key-permission query for ${client.id}; check on the exchange that the key cannot withdraw`);
  let r: BinanceRestrictions;
  try {
    r = await within(`${client.id} key permissions`, o.timeoutMs, call);
  } catch (err) {
    if (err instanceof ccxt.AuthenticationError || err instanceof ccxt.PermissionDenied) {
      return { name, status: 'bad', detail: `${client.id} refused the API key of ${profile}: ${errorText(err)}. Live orders will fail: check or replace the key.`, measured: { withdrawals: 'unknown', trading: 'unknown' } };
    }
    return unknown(`${client.id} did not answer the permission query (${errorText(err)})`);
  }
  if (typeof r?.enableWithdrawals !== 'boolean') return unknown(`${client.id}'s answer has no withdrawal flag`);
  const measured = {
    withdrawals: r.enableWithdrawals,
    trading: typeof r.enableSpotAndMarginTrading === 'boolean' ? r.enableSpotAndMarginTrading : 'unknown',
    reading: typeof r.enableReading === 'boolean' ? r.enableReading : 'unknown',
    ipRestricted: typeof r.ipRestrict === 'boolean' ? r.ipRestrict : 'unknown',
  };
  const problems: string[] = [];
  if (r.enableWithdrawals) problems.push('WITHDRAWALS ARE ENABLED on this key: Quorum never withdraws — make a key without that right');
  if (r.enableSpotAndMarginTrading === false) problems.push('spot trading is not enabled on this key: live orders will be refused');
  if (problems.length > 0) return { name, status: 'warn', detail: problems.join('; '), measured };
  const ip = r.ipRestrict === true ? 'IP-restricted' : r.ipRestrict === false ? 'not IP-restricted' : 'IP restriction unknown';
  return { name, status: 'ok', detail: `withdrawals disabled; spot trading ${r.enableSpotAndMarginTrading ? 'enabled' : 'unknown'}; ${ip}`, measured };
}
