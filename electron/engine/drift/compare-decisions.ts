// Decision by decision: every bar where the run and its replay decided or traded differently, with the most likely
// reason. A difference that only follows from an earlier one (the books already differed) takes that one's reason.
import type { Decision, Vote } from '../../../shared/domain';
import type { DriftDecision, DriftReason } from '../../../shared/drift-contract';
import type { OrderIntent } from '../model/order';
import { parseLoopOrderId } from './client-id';
import type { ModelOrder } from './compare-fills';
import type { RunOrder } from './run-record';

export interface DecisionInputs {
  run: readonly Decision[];
  replay: readonly Decision[];
  runOrders: readonly RunOrder[];
  model: ReadonlyMap<string, ModelOrder>;
  /** Intents the replay's risk gate refused. */
  replayVetoes: readonly { intent: OrderIntent; reason: string }[];
  /** Positions below this size count as flat (fee dust the market cannot trade). */
  dust: number;
}

/** An agent cut off by its time box (or failing) abstains with this reason (agents/budget.ts). */
const TIMED_OUT = /^(timed out after|failed: )/;

function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameVotes(a: readonly Vote[], b: readonly Vote[]): boolean {
  return a.length === b.length && a.every((v, k) => v.agent === b[k].agent && sameNumber(v.direction, b[k].direction) && sameNumber(v.confidence, b[k].confidence));
}

const sign = (size: number, dust: number): number => (Math.abs(size) <= dust ? 0 : Math.sign(size));
const failed = (o: RunOrder): boolean => !o.vetoed && !o.filled && (o.status === 'rejected' || o.status === 'cancelled' || o.lastError !== null);

interface Reasoned {
  reason: DriftReason;
  detail: string;
  since?: number;
}

export function compareDecisions(i: DecisionInputs): DriftDecision[] {
  const runAt = new Map(i.run.map((d) => [d.time, d]));
  const replayAt = new Map(i.replay.map((d) => [d.time, d]));
  const times = [...new Set([...runAt.keys(), ...replayAt.keys()])].sort((a, b) => a - b);
  const sentAt = groupBy(i.runOrders, (o) => o.sentTime);
  const forDecision = groupBy(i.runOrders.filter((o) => o.decisionTime !== undefined), (o) => o.decisionTime as number);
  const modelAt = groupBy([...i.model.values()], (m) => m.decisionTime);
  const vetoedAt = groupBy(i.replayVetoes, (v) => parseLoopOrderId(v.intent.clientOrderId)?.decisionTime ?? v.intent.decisionTime);
  let runSize = 0;
  let replaySize = 0;
  let divergence: { time: number; reason: DriftReason } | undefined;
  const out: DriftDecision[] = [];
  for (const t of times) {
    const run = runAt.get(t);
    const replay = replayAt.get(t);
    const runFilled = (sentAt.get(t) ?? []).filter((o) => o.filled);
    const modelFilled = (modelAt.get(t) ?? []).sort((a, b) => a.order.clientOrderId.localeCompare(b.order.clientOrderId));
    const runTrades = runFilled.map((o) => o.side).join(' ');
    const replayTrades = modelFilled.map((m) => m.order.side).join(' ');
    const booksDiffered = sign(runSize, i.dust) !== sign(replaySize, i.dust);
    for (const o of runFilled) runSize += o.netFills.reduce((s, f) => s + (f.side === 'buy' ? f.amount : -f.amount), 0);
    for (const m of modelFilled) replaySize += m.order.side === 'buy' ? m.amount : -m.amount;
    if (run?.action !== replay?.action || runTrades !== replayTrades) {
      const why = reasonOf({ t, run, replay, runOrders: [...(forDecision.get(t) ?? []), ...(sentAt.get(t) ?? []).filter((o) => o.attempt > 1)],
        replayVetoes: vetoedAt.get(t) ?? [], booksDiffered, divergence });
      out.push({ time: t, runAction: run?.action ?? null, replayAction: replay?.action ?? null, runScore: run?.score ?? null, replayScore: replay?.score ?? null,
        runTrades, replayTrades, ...why });
      if (!booksDiffered || !divergence) divergence = { time: why.since ?? t, reason: why.reason };
    }
    if (sign(runSize, i.dust) === sign(replaySize, i.dust)) divergence = undefined;
  }
  return out;
}

interface BarFacts {
  t: number;
  run: Decision | undefined;
  replay: Decision | undefined;
  /** The run's orders for this bar's decision, and retries of earlier ones sent on this bar. */
  runOrders: RunOrder[];
  replayVetoes: { intent: OrderIntent; reason: string }[];
  booksDiffered: boolean;
  divergence: { time: number; reason: DriftReason } | undefined;
}

function reasonOf(f: BarFacts): Reasoned {
  const { run, replay } = f;
  if (!run) return { reason: 'data revision', detail: 'the run made no decision on this bar (its feed skipped it); the stored candles have it' };
  if (!replay) return { reason: 'data revision', detail: 'the stored candles have no bar at this time any more' };
  const cut = run.votes.filter((v) => v.abstained && TIMED_OUT.test(v.reasons[0] ?? '') && !replay.votes.find((r) => r.agent === v.agent)?.abstained);
  if (cut.length > 0) return { reason: 'time-box abstention', detail: cut.map((v) => `${v.agent} abstained in the run: ${v.reasons[0]}`).join('; ') };
  const vetoed = f.runOrders.filter((o) => o.vetoed && o.decisionTime === f.t);
  if (vetoed.length > 0) return { reason: 'risk veto', detail: `the run's risk gate refused the ${vetoed.map((o) => o.side).join(' and ')}: ${vetoed[0].lastError}` };
  if (f.replayVetoes.length > 0) return { reason: 'risk veto', detail: `the replay's risk gate refused the ${f.replayVetoes.map((v) => v.intent.side).join(' and ')}: ${f.replayVetoes[0].reason}` };
  if ((run.veto ?? '') !== (replay.veto ?? '')) {
    return { reason: 'risk veto', detail: run.veto ? `vetoed in the run: ${run.veto}` : `vetoed in the replay: ${replay.veto}` };
  }
  const rejected = f.runOrders.filter((o) => o.decisionTime === f.t && failed(o));
  if (rejected.length > 0) {
    return { reason: 'rejected order', detail: rejected.map((o) => `the run's ${o.side} (${o.clientOrderId}) was ${o.status}${o.lastError ? `: ${o.lastError}` : ''}`).join('; ') };
  }
  const retry = f.runOrders.find((o) => o.attempt > 1 && o.sentTime === f.t && o.decisionTime !== f.t);
  if (retry && retry.decisionTime !== undefined) {
    return { reason: 'rejected order', detail: `the run's ${retry.side} for the bar at ${new Date(retry.decisionTime).toISOString()} went out here on attempt ${retry.attempt}, after the earlier send failed`, since: retry.decisionTime };
  }
  if (run.action !== replay.action && (!sameNumber(run.score, replay.score) || !sameVotes(run.votes, replay.votes))) {
    return { reason: 'data revision', detail: `the replay on the stored candles scores ${replay.score} where the run scored ${run.score}: the candles differ from what the run saw (revised since, or outside its rolling window)` };
  }
  if (f.booksDiffered && f.divergence) {
    return { reason: f.divergence.reason, detail: `the books already differed since the bar at ${new Date(f.divergence.time).toISOString()}`, since: f.divergence.time };
  }
  return { reason: 'unexplained', detail: 'same inputs and books, different outcome' };
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
