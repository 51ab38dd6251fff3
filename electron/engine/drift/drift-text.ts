// The drift report as a few lines for the CLI: what was replayed, differing bars by reason, slippage, fees, equity gap.
import { DRIFT_REASONS, type Distribution, type DriftReport } from '../../../shared/drift-contract';
import { isoTime, money, signed } from '../reports/report-format';

export function distributionText(d: Distribution, digits = 2): string {
  if (d.count === 0) return 'none';
  const n = (v: number | null) => (v === null ? '—' : signed(v, digits));
  return `mean ${n(d.mean)}, median ${n(d.median)}, p90 ${n(d.p90)}, worst ${n(d.worst)} (${d.count})`;
}

export function driftReportText(r: DriftReport): string {
  const { run, summary: s } = r;
  const span = run.from === null || run.to === null ? 'no bars' : `${isoTime(run.from)} .. ${isoTime(run.to)}, ${run.bars} bar(s)`;
  const reasons = DRIFT_REASONS.filter((k) => s.byReason[k] > 0).map((k) => `${k} ${s.byReason[k]}`).join(', ');
  const lines = [
    `Drift report: ${run.kind} run #${run.id} (${run.status}) of session ${run.sessionId} on ${run.account}, ${run.symbol} ${run.timeframe} ${run.strategy}`,
    `Bars: ${span}`,
    `Replay: cash ${money(r.replay.cash)}, commission ${r.replay.commission}, sizing ${r.replay.sizing}, fill at ${r.replay.fill}, amount step ${r.replay.amountStep} (${r.replay.marketFrom}), risk: ${r.replay.risk}`,
    `Decisions: ${s.differing} of ${s.barsCompared} bar(s) differ${reasons ? ` (${reasons})` : ''}`,
    `Fills: run ${s.runFills}, replay ${s.modelFills}, paired ${s.pairedFills}; rejected or vetoed orders: ${r.rejected.length}`,
    `Slippage vs the model [bps, + = worse]: ${distributionText(r.slippageBps)}`,
    `Fees: run ${money(s.runFees, 4)}, model ${money(s.modelFees, 4)} (paired fills: run ${money(s.pairedRunFees, 4)}, model ${money(s.pairedModelFees, 4)}); run fee rate [bps]: ${distributionText(r.feeBps.run)}`,
    s.finalGap === null ? 'Equity gap: no bars replayed'
      : `Equity: run ${money(s.finalRunEquity ?? Number.NaN)}, replay ${money(s.finalReplayEquity ?? Number.NaN)}; final gap ${signed(s.finalGap)} (${signed(s.finalGapPct ?? Number.NaN, 3)} %), largest ${money(s.maxAbsGap ?? Number.NaN)}`,
  ];
  return lines.join('\n');
}
