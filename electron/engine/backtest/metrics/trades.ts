// Statistics over the list of closed trades: win rate, extremes, averages, profit factor, SQN, Kelly.
import { ratioOrInfinity, ratioOrNaN } from './safe-math';
import { TradeLog } from './trade-log';
import type { TradeRecord, TradeRows, TradeStats } from './types';

export type { TradeStats } from './types';


/** Running sums of one pass over the trades. */
interface Sums {
  wins: number;
  losses: number;
  winPnl: number;
  lossPnl: number;
  best: number;
  worst: number;
  retSum: number;
  logGrowthSum: number;
  grossProfitPct: number;
  grossLossPct: number;
  pnlMean: number;
  pnlM2: number;
  maxDuration: number;
  durationSum: number;
}

function accumulate(trades: TradeRows): Sums {
  const s: Sums = {
    wins: 0, losses: 0, winPnl: 0, lossPnl: 0, best: -Infinity, worst: Infinity, retSum: 0,
    logGrowthSum: 0, grossProfitPct: 0, grossLossPct: 0, pnlMean: 0, pnlM2: 0, maxDuration: -Infinity, durationSum: 0,
  };
  for (let i = 0; i < trades.length; i++) {
    const pnl = trades.pnl(i);
    // Wins and losses are counted on cash PnL (net of fees), as backtesting.py does.
    if (pnl > 0) { s.wins++; s.winPnl += pnl; }
    if (pnl < 0) { s.losses++; s.lossPnl -= pnl; }
    const r = trades.returnPct(i);
    if (r > s.best) s.best = r;
    if (r < s.worst) s.worst = r;
    s.retSum += r;
    // log of a negative growth factor (a loss beyond −100 %) is NaN, leaving the geometric mean undefined.
    s.logGrowthSum += Math.log1p(r / 100);
    if (r > 0) s.grossProfitPct += r;
    if (r < 0) s.grossLossPct -= r;
    const delta = pnl - s.pnlMean;
    s.pnlMean += delta / (i + 1);
    s.pnlM2 += delta * (pnl - s.pnlMean);
    const duration = trades.exitTime(i) - trades.entryTime(i);
    if (duration > s.maxDuration) s.maxDuration = duration;
    s.durationSum += duration;
  }
  return s;
}

/** Kelly needs both an average win and an average loss; otherwise NaN (as backtesting.py). */
function kelly(s: Sums, n: number): number {
  if (s.wins === 0 || s.losses === 0) return Number.NaN;
  const winRate = s.wins / n;
  const payoff = s.winPnl / s.wins / (s.lossPnl / s.losses);
  return winRate - (1 - winRate) / payoff;
}

const NO_TRADES: TradeStats = {
  trades: 0, winRatePct: NaN, bestTradePct: NaN, worstTradePct: NaN, avgTradePct: NaN, maxTradeDuration: NaN,
  avgTradeDuration: NaN, profitFactor: NaN, expectancyPct: NaN, sqn: NaN, kellyCriterion: NaN,
};

const isRecordList = (t: TradeRows | readonly TradeRecord[]): t is readonly TradeRecord[] => Array.isArray(t);

/** From a run's trade log, or from a list of records (reports, stored runs). */
export function tradeStats(trades: TradeRows | readonly TradeRecord[]): TradeStats {
  const n = trades.length;
  if (n === 0) return { ...NO_TRADES };
  const s = accumulate(isRecordList(trades) ? TradeLog.from(trades) : trades);
  const pnlStd = n > 1 ? Math.sqrt(s.pnlM2 / (n - 1)) : Number.NaN;
  return {
    trades: n,
    winRatePct: (s.wins / n) * 100,
    bestTradePct: s.best === -Infinity ? Number.NaN : s.best,
    worstTradePct: s.worst === Infinity ? Number.NaN : s.worst,
    avgTradePct: Math.expm1(s.logGrowthSum / n) * 100,
    maxTradeDuration: s.maxDuration === -Infinity ? Number.NaN : s.maxDuration,
    avgTradeDuration: s.durationSum / n,
    profitFactor: ratioOrInfinity(s.grossProfitPct, s.grossLossPct),
    expectancyPct: s.retSum / n,
    sqn: Math.sqrt(n) * ratioOrNaN(s.pnlMean, pnlStd),
    kellyCriterion: kelly(s, n),
  };
}
