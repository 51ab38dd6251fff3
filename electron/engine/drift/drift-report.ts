// The drift report of a paper or live run: the run as stored, its replay through the backtester on the same bars with
// the same settings, and the comparison decision by decision, fill by fill and in equity. Only reads the store.
import type { Database } from 'better-sqlite3';
import { DRIFT_REASONS, type DriftReason, type DriftReport } from '../../../shared/drift-contract';
import { compareDecisions } from './compare-decisions';
import { compareFills, modelOrders } from './compare-fills';
import { downsample, equityGap } from './equity-gap';
import { replayRun, type ReplayOptions } from './replay-run';
import { loadRunRecord } from './run-record';

export interface DriftOptions extends ReplayOptions {
  /** Differing bars listed at most (the summary counts them all). Default 1000. */
  maxDecisions?: number;
  /** Points of the equity curves at most. Default 2000. */
  maxPoints?: number;
}

const CONVENTIONS = [
  'Replay: the backtester on the stored candles of the run\'s market, from its first to its last decision bar, the strategy warmed up on the bars of the session\'s window before; same strategy, params, panel settings, sizing, commission and budget; market orders filled at the bar\'s close (the desk sends them right after it closes).',
  'Slippage: (run price − model price) / model price in bps, positive when worse for the trader; only orders sent on their decision\'s bar count in the distribution (a retry\'s gap includes the market\'s move).',
  'Data revision is decided by recomputation: the run stored each bar\'s score and votes; a bar whose replayed decision differs while no agent timed out was decided on other candles than the stored ones. The run does not keep the candles it saw, so the revised values themselves cannot be shown.',
  'A difference that only follows from an earlier one (the books already differed) carries that one\'s reason and its time in "since".',
  'Equity gap: the run\'s books (its fills, each on the bar its order went out after) minus the replay\'s, at each bar\'s close.',
];

export async function buildDriftReport(db: Database, runId: number, options: DriftOptions = {}): Promise<DriftReport> {
  const record = loadRunRecord(db, runId);
  const replay = await replayRun(db, record, options);
  const { run, session, account, decisions } = record;
  const byReason = Object.fromEntries(DRIFT_REASONS.map((r) => [r, 0])) as Record<DriftReason, number>;
  const head: Pick<DriftReport, 'run'> = {
    run: {
      id: run.id, kind: run.kind, status: run.status, account: account.id, sessionId: session.id, symbol: record.key.symbol,
      timeframe: record.timeframe, strategy: session.request.strategy, params: session.request.params,
      from: decisions[0]?.time ?? null, to: decisions.at(-1)?.time ?? null, bars: decisions.length,
    },
  };
  const model = replay ? modelOrders(replay.recorder) : new Map();
  const fills = compareFills(record.orders, model);
  const settings = replay?.settings ?? {
    cash: session.budget, commission: session.request.commission ?? 0.001, sizing: session.request.sizing ?? 'all-in', fill: 'close',
    amountStep: 1e-8, marketFrom: 'default' as const, risk: 'not run', warmupBars: 0,
  };
  const diffs = replay ? compareDecisions({
    run: decisions, replay: replay.recorder.decisions, runOrders: record.orders, model, replayVetoes: replay.recorder.vetoes, dust: settings.amountStep,
  }) : [];
  for (const d of diffs) byReason[d.reason]++;
  const gap = replay ? equityGap({
    symbol: record.key.symbol, startingCash: session.budget, openingFills: record.openingFills, runOrders: record.orders,
    time: replay.result.time, replayEquity: replay.result.equity, closeAt: replay.closeAt,
  }) : { time: [], run: [], replay: [], gap: [] };
  const last = gap.time.length - 1;
  const maxDecisions = options.maxDecisions ?? 1000;
  const notes = [...(replay?.notes ?? [])];
  if (!replay) notes.push(decisions.length === 0 ? 'The run made no decision: there is nothing to replay.' : 'The run\'s candles are not stored: it cannot be replayed.');
  const rejected = record.orders.filter((o) => o.vetoed || (!o.filled && (o.status === 'rejected' || o.status === 'cancelled' || o.lastError !== null)));
  return {
    ...head,
    replay: settings,
    summary: {
      barsCompared: replay ? new Set([...decisions.map((d) => d.time), ...replay.recorder.decisions.map((d) => d.time)]).size : 0,
      differing: diffs.length, byReason,
      runFills: fills.totals.runFills, modelFills: fills.totals.modelFills, pairedFills: fills.totals.paired,
      runFees: fills.totals.runFees, modelFees: fills.totals.modelFees, pairedRunFees: fills.totals.pairedRunFees, pairedModelFees: fills.totals.pairedModelFees,
      finalRunEquity: last >= 0 ? gap.run[last] : null, finalReplayEquity: last >= 0 ? gap.replay[last] : null,
      finalGap: last >= 0 ? gap.gap[last] : null, finalGapPct: last >= 0 && gap.replay[last] !== 0 ? (gap.gap[last] / gap.replay[last]) * 100 : null,
      maxAbsGap: last >= 0 ? gap.gap.reduce((m, g) => Math.max(m, Math.abs(g)), 0) : null,
    },
    slippageBps: fills.slippageBps,
    feeBps: fills.feeBps,
    decisions: diffs.slice(0, maxDecisions),
    decisionsLeftOut: Math.max(0, diffs.length - maxDecisions),
    fills: fills.fills,
    modelOnly: fills.modelOnly,
    rejected: rejected.map((o) => ({ decisionTime: o.decisionTime ?? o.sentTime, clientOrderId: o.clientOrderId, side: o.side, status: o.status, error: o.lastError,
      reason: o.vetoed ? 'risk veto' as const : 'rejected order' as const })),
    equity: downsample(gap, options.maxPoints ?? 2000),
    notes: [...notes, ...CONVENTIONS],
  };
}
