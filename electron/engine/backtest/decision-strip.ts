// A run's decisions as four columns for the chart's vote strip (time, action, score, veto), optionally one bucket per
// chart bar. Stored backtests read their column blocks directly (no per-bar objects); runs kept as rows (paper, live,
// older runs) are converted.
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { readDecisionBlocks } from '../store/decision-blocks';
import { indexOfTime } from '../model/time-search';
import { RunsRepository, type StoredDecision } from '../store/runs-repo';
import { ACTIONS } from '../trading/decision-columns';

export interface StripRequest {
  from?: number;
  to?: number;
  resolution?: Timeframe;
  maxBars: number;
}

export interface DecisionStrip {
  time: Float64Array;
  action: Uint8Array;
  score: Float32Array;
  veto: Uint8Array;
  total: number;
}

const HOLD = 0;

export function decisionStrip(db: Database, runId: number, req: StripRequest): DecisionStrip {
  const from = req.from ?? -Number.MAX_SAFE_INTEGER;
  const to = req.to ?? Number.MAX_SAFE_INTEGER;
  const bars = fromBlocks(db, runId, from, to) ?? fromRows(db, runId, from, to);
  const strip = req.resolution ? bucketed(bars, TIMEFRAME_MS[req.resolution]) : bars;
  const start = Math.max(0, strip.time.length - req.maxBars);
  return start === 0 ? strip : {
    time: strip.time.slice(start), action: strip.action.slice(start), score: strip.score.slice(start), veto: strip.veto.slice(start), total: strip.total,
  };
}

function fromBlocks(db: Database, runId: number, from: number, to: number): DecisionStrip | undefined {
  const blocks = readDecisionBlocks(db, runId, from, to);
  if (blocks.length === 0) return undefined;
  const n = blocks.reduce((sum, b) => sum + b.columns.length, 0);
  const out = allocate(n, n);
  let at = 0;
  for (const { columns: c } of blocks) {
    out.time.set(c.time, at);
    out.action.set(c.action, at);
    out.score.set(c.score, at);
    for (let i = 0; i < c.length; i++) out.veto[at + i] = c.veto[i] === 0 ? 0 : 1;
    at += c.length;
  }
  // An acting bar's row has the exact numbers and the veto its order met (the blocks keep the panel's own).
  for (const d of new RunsRepository(db).decisions(runId, { from, to, actionsOnly: true })) {
    const i = indexOfTime(out.time, d.time);
    if (i >= 0) setRow(out, i, d);
  }
  return out;
}

function setRow(out: DecisionStrip, i: number, d: StoredDecision): void {
  out.time[i] = d.time;
  out.action[i] = Math.max(0, ACTIONS.indexOf(d.action));
  out.score[i] = d.score;
  out.veto[i] = d.veto ? 1 : 0;
}

function fromRows(db: Database, runId: number, from: number, to: number): DecisionStrip {
  const rows = new RunsRepository(db).decisions(runId, { from, to });
  const out = allocate(rows.length, rows.length);
  rows.forEach((d, i) => setRow(out, i, d));
  return out;
}

/** One entry per `ms` bucket with any decision: mean score, the last acting decision (else hold), any veto. */
function bucketed(bars: DecisionStrip, ms: number): DecisionStrip {
  const n = bars.time.length;
  const out = allocate(n, bars.total);
  let k = -1;
  let bucket = NaN;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const b = Math.floor(bars.time[i] / ms) * ms;
    if (b !== bucket) {
      if (k >= 0) out.score[k] = sum / count;
      bucket = b;
      k++;
      out.time[k] = b;
      out.action[k] = HOLD;
      sum = 0;
      count = 0;
    }
    sum += bars.score[i];
    count++;
    if (bars.action[i] !== HOLD) out.action[k] = bars.action[i];
    out.veto[k] |= bars.veto[i];
  }
  if (k >= 0) out.score[k] = sum / count;
  const m = k + 1;
  return { time: out.time.slice(0, m), action: out.action.slice(0, m), score: out.score.slice(0, m), veto: out.veto.slice(0, m), total: bars.total };
}

function allocate(n: number, total: number): DecisionStrip {
  return { time: new Float64Array(n), action: new Uint8Array(n), score: new Float32Array(n), veto: new Uint8Array(n), total };
}
