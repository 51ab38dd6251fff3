// AgentPanel: the agents as one SignalSource for backtests; prepare() computes every column once, decide() reads by index.
import { DataError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { Bear, Bull } from './bull-bear';
import { ColumnCache } from './columns';
import { panelDecision } from './decision';
import type { PredictorAgent } from './predictor';
import { QuantAnalyst } from './quant-analyst';
import { Regime } from './regime';
import { RiskAudit, type RiskAuditOptions } from './risk-audit';
import { parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';
import type { AgentStyle, BatchAgent, PanelDecision, Vote } from './types';

export interface PanelOptions extends RiskAuditOptions {
  settings?: PanelSettingsInput | PanelSettings;
  /** The model agent, once it exists (see predictor.ts); absent means no Predictor vote at all. */
  predictor?: PredictorAgent;
}

export class AgentPanel implements SignalSource {
  readonly name = 'panel';
  readonly settings: PanelSettings;
  /** Agents in AGENT_ORDER; RiskAudit last. */
  readonly agents: readonly BatchAgent[];
  private readonly styles: readonly AgentStyle[];
  private readonly regime: Regime;
  private readonly risk: RiskAudit;
  private series: CandleSeries | undefined;

  constructor(options: PanelOptions = {}) {
    const s = (this.settings = parsePanelSettings(options.settings));
    this.regime = new Regime(s);
    this.risk = new RiskAudit(s, options);
    const voters: BatchAgent[] = [new QuantAnalyst(s), new Bull(s), new Bear(s), this.regime];
    if (options.predictor) voters.push(options.predictor);
    this.agents = [...voters, this.risk];
    this.styles = this.agents.map((a) => a.style);
  }

  prepare(series: CandleSeries): void {
    const cache = new ColumnCache(series);
    for (const agent of this.agents) agent.prepare(series, cache);
    this.series = series;
  }

  decide(ctx: BarContext): PanelDecision {
    // A loop that hands over a different series (e.g. live, with bars appended) gets the columns recomputed.
    if (ctx.series !== this.series) this.prepare(ctx.series);
    const i = ctx.index;
    if (!(i >= 0 && i < ctx.series.length)) {
      throw new DataError(`bar index ${i} outside the series (0..${ctx.series.length - 1})`, 'DATA_INVALID', { field: 'index', value: i });
    }
    const agents = this.agents;
    const votes: Vote[] = new Array<Vote>(agents.length);
    for (let k = 0; k < agents.length; k++) votes[k] = agents[k].vote(i);
    return panelDecision(
      {
        time: ctx.series.time[i],
        symbol: ctx.symbol,
        votes,
        styles: this.styles,
        regime: this.regime.lastRegime,
        riskVeto: this.risk.lastVeto,
        position: ctx.position,
      },
      this.settings,
    );
  }
}
