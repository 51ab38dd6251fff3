// A stored run's decisions as a trader opens them: the numbers from the store, and for holds (kept without reasons)
// the votes recomputed from the run's own candles and settings — the strategies are deterministic given those.
import type { Database } from 'better-sqlite3';
import { CandleStore } from '../data/candle-store';
import { parseDatasetName } from '../data/datasets';
import type { CandleSeries } from '../model/candle-series';
import { indexOfTime } from '../model/time-search';
import type { SignalSource } from '../model/signal';
import type { ModelLibrary } from '../ml/model-library';
import { createStrategy, type StrategyBase } from '../strategies/registry';
import { RunsRepository, type DecisionRange, type RunRow, type StoredDecision } from '../store/runs-repo';
import type { RunSource } from '../trading/recorder';
import { decisionStrip, type DecisionStrip, type StripRequest } from './decision-strip';

/** Above this many bars without reasons in one answer, none are recomputed (a whole-run listing reads numbers). */
export const EXPLAIN_MAX = 20_000;
/** A prepared run is kept this long after its last use, so clicking through bars does not prepare it again. */
const KEEP_MS = 120_000;

interface Prepared {
  runId: number;
  series: CandleSeries;
  source: SignalSource;
  symbol: string;
  timer?: ReturnType<typeof setTimeout>;
}

export class RunDecisions {
  private readonly runs: RunsRepository;
  private prepared: Prepared | undefined;

  constructor(
    private readonly db: Database,
    /** Where a panel run's Predictor model is found again. */
    private readonly models?: ModelLibrary,
  ) {
    this.runs = new RunsRepository(db);
  }

  list(limit: number): RunRow[] {
    return this.runs.list(limit);
  }

  run(runId: number): RunRow | undefined {
    return this.runs.get(runId);
  }

  /** Decisions in the range; those stored without reasons get them back when the run's candles are still stored. */
  async decisions(runId: number, range: DecisionRange = {}): Promise<StoredDecision[]> {
    const list = this.runs.decisions(runId, range);
    const bare = list.filter((d) => d.votes.length > 0 && d.votes.every((v) => v.reasons.length === 0));
    if (bare.length === 0 || bare.length > EXPLAIN_MAX) return list;
    const prepared = await this.prepare(runId);
    if (!prepared) return list;
    for (const d of bare) explain(prepared, d);
    return list;
  }

  /** Every bar's decision as columns for the chart's vote strip (numbers only, never recomputed). */
  columns(runId: number, request: StripRequest): DecisionStrip {
    return decisionStrip(this.db, runId, request);
  }

  close(): void {
    if (this.prepared?.timer) clearTimeout(this.prepared.timer);
    this.prepared = undefined;
  }

  /** The run's strategy prepared on the very candles it ran on; undefined when they are gone or changed. */
  private async prepare(runId: number): Promise<Prepared | undefined> {
    let p = this.prepared?.runId === runId ? this.prepared : undefined;
    if (!p) {
      const run = this.runs.get(runId);
      const series = run?.source ? this.candlesOf(run.source) : undefined;
      if (!run || !series || !run.symbol) return undefined;
      const source = createStrategy(run.strategy, run.params as never, { ...(run.source?.base ?? {}), models: this.models } as StrategyBase);
      await source.preload?.(series);
      source.prepare(series);
      this.close();
      p = this.prepared = { runId, series, source, symbol: run.symbol };
    }
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => this.close(), KEEP_MS);
    p.timer.unref?.();
    return p;
  }

  private candlesOf(source: RunSource): CandleSeries | undefined {
    if (source.kind !== 'dataset' || !source.name) return undefined;
    const series = new CandleStore(this.db).load(parseDatasetName(source.name), { from: source.first, to: source.last + 1 });
    // Candles added before the run's range or revised since would give other values: better no reasons than wrong ones.
    const same = series.length === source.bars && series.time[0] === source.first && series.time[series.length - 1] === source.last;
    return same ? series : undefined;
  }
}

function explain(p: Prepared, d: StoredDecision): void {
  const index = indexOfTime(p.series.time, d.time);
  if (index < 0) return;
  const full = p.source.decide({ index, series: p.series, symbol: p.symbol, position: undefined, equity: 0, cash: 0, holdReasons: true });
  // Acting rows keep exact numbers, blocks float32 ones: a recomputed vote equal to neither means revised candles.
  const same = full.votes.length === d.votes.length && full.votes.every((v, k) =>
    v.agent === d.votes[k].agent && stored(v.direction, d.votes[k].direction) && stored(v.confidence, d.votes[k].confidence));
  if (!same) {
    for (const v of d.votes) v.reasons = ['reasons unavailable: the candles of this bar changed since the run'];
    return;
  }
  d.votes = full.votes;
  d.score = full.score;
  if (d.veto !== undefined && full.veto !== undefined) d.veto = full.veto;
}

function stored(exact: number, kept: number): boolean {
  return exact === kept || Math.fround(exact) === kept;
}
