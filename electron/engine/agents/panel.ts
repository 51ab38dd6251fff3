// AgentPanel: the agents as one SignalSource for backtests. It computes every column (votes included) window by window
// as the loop reaches them, so a run of years holds a few thousand bars of columns, not every bar's; decide() weighs
// bar i from the columns and formats reason strings only when the decision needs them.
import { DataError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { chooseAction, sideOf } from './aggregator';
import { BarTally } from './bar-tally';
import { Bear, Bull } from './bull-bear';
import { ColumnCache } from './columns';
import { decisionOf } from './decision';
import type { PredictorAgent } from './predictor';
import { QuantAnalyst } from './quant-analyst';
import { Regime, REGIME_LABELS } from './regime';
import { RiskAudit, type RiskAuditOptions } from './risk-audit';
import { parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';
import type { BatchAgent, PanelDecision, Vote } from './types';
import { isWindowAgent, type WindowAgent } from './vote-columns';

/** Bars per window of columns: ~6 days of 1m bars, a few MB of columns, a small cost per window. */
export const PANEL_WINDOW_BARS = 8_192;
/** Series up to this long are computed whole when a trader steps back through them; longer ones walk again in windows. */
export const REWIND_WHOLE_BARS = 600_000;

export interface PanelOptions extends RiskAuditOptions {
  settings?: PanelSettingsInput | PanelSettings;
  /** The model agent (see predictor.ts); absent means no Predictor vote at all. */
  predictor?: PredictorAgent;
  /** Bars per window of columns (default PANEL_WINDOW_BARS); the values do not depend on it. */
  windowBars?: number;
  /** A step back to an earlier bar computes the whole series at once up to this many bars (default REWIND_WHOLE_BARS). */
  rewindWholeBars?: number;
}

export class AgentPanel implements SignalSource {
  readonly name = 'panel';
  readonly settings: PanelSettings;
  /** Agents in AGENT_ORDER; RiskAudit last. */
  readonly agents: readonly BatchAgent[];
  private readonly regime: Regime;
  private readonly risk: RiskAudit;
  private readonly tally: BarTally;
  private readonly windowAgents: readonly WindowAgent[];
  /** Agents without windows (a predictor) are prepared on the whole series. */
  private readonly wholeAgents: readonly BatchAgent[];
  private readonly windowBars: number;
  private readonly rewindWholeBars: number;
  private readonly predictor: PredictorAgent | undefined;
  private series: CandleSeries | undefined;
  private cache: ColumnCache | undefined;

  constructor(options: PanelOptions = {}) {
    const s = (this.settings = parsePanelSettings(options.settings));
    this.regime = new Regime(s);
    this.risk = new RiskAudit(s, options);
    const voters: BatchAgent[] = [new QuantAnalyst(s), new Bull(s), new Bear(s), this.regime];
    if (options.predictor) voters.push(options.predictor);
    this.agents = [...voters, this.risk];
    this.tally = new BarTally(voters, s);
    this.windowAgents = this.agents.filter(isWindowAgent);
    this.wholeAgents = this.agents.filter((a) => !isWindowAgent(a));
    this.windowBars = options.windowBars ?? PANEL_WINDOW_BARS;
    this.rewindWholeBars = options.rewindWholeBars ?? REWIND_WHOLE_BARS;
    this.predictor = options.predictor;
  }

  /** The Predictor's inference on these candles (nothing without one); loops await it before prepare(). */
  async preload(series: CandleSeries): Promise<void> {
    await this.predictor?.preload(series);
  }

  prepare(series: CandleSeries): void {
    for (const agent of this.wholeAgents) agent.prepare(series, new ColumnCache(series));
    this.series = series;
    this.begin(series, this.windowBars);
  }

  /** See BarContext.holdReasons: a hold's votes skip their reason strings only when it is false. */
  decide(ctx: BarContext): PanelDecision {
    // A loop that hands over a different series (e.g. live, with bars appended) gets the columns recomputed.
    if (ctx.series !== this.series) this.prepare(ctx.series);
    const i = ctx.index;
    if (!(i >= 0 && i < ctx.series.length)) {
      throw new DataError(`bar index ${i} outside the series (0..${ctx.series.length - 1})`, 'DATA_INVALID', { field: 'index', value: i });
    }
    const k = this.slotOf(i);
    const s = this.settings;
    const { tally, risk } = this;
    const regimeCode = this.regime.labels[k];
    risk.audit(i);
    tally.weigh(i, k, regimeCode, s.alignment);
    const { action, veto } = chooseAction(tally.score, tally.panelConfidence, sideOf(ctx.position), risk.lastVeto, s);
    const withReasons = action === 'hold' ? ctx.holdReasons !== false : ctx.actingReasons !== false;
    const votes = new Array<Vote>(this.agents.length);
    tally.votes(k, withReasons, votes);
    votes[votes.length - 1] = risk.auditedVote(i, withReasons);
    const agg = { score: tally.score, confidence: tally.panelConfidence, action, veto, alignment: tally.alignment };
    return decisionOf(ctx.series.time[i], ctx.symbol, votes, REGIME_LABELS[regimeCode], agg);
  }

  /** Fresh state at bar 0 and the first window computed. */
  private begin(series: CandleSeries, windowBars: number): void {
    const cache = (this.cache = new ColumnCache(series, windowBars));
    for (const agent of this.windowAgents) agent.begin(cache);
    for (const agent of this.windowAgents) agent.fill(cache);
  }

  /**
   * Bar i's slot in the columns. A loop moves forward, window after window. A step back (a trader opening bars in any
   * order) computes the whole series at once instead, so jumping around costs one pass, as it did before windows.
   */
  private slotOf(i: number): number {
    let cache = this.cache as ColumnCache;
    if (i < cache.from) {
      // Up to about a year of 1m the whole series fits (~150 MB of columns); beyond, the walk starts again at bar 0 in
      // windows: a step back costs one pass of time instead of ~840 MB for five years in the app's main process.
      const whole = cache.series.length <= this.rewindWholeBars;
      this.begin(cache.series, whole ? cache.series.length : this.windowBars);
      cache = this.cache as ColumnCache;
    }
    while (i >= cache.to && cache.next()) {
      for (const agent of this.windowAgents) agent.fill(cache);
    }
    return i - cache.from;
  }
}
