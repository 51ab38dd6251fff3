// RiskAudit: the panel's gate. It never pushes the score; it vetoes on a volatility spike, stale data or limits near.
import { trueRange, type Bar } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import { ColumnCache, EMPTY_COLUMN, type Column } from './columns';
import { fixed } from './num';
import type { PanelSettings } from './settings';
import { SortedWindow } from './sorted-window';
import type { RiskState, StreamAgent, VetoReporter, Vote } from './types';
import type { WindowAgent } from './vote-columns';

type RiskSettings = PanelSettings['risk'];
const NAME = 'RiskAudit' as const;

export interface RiskAuditOptions {
  /** Wall clock (live). Without it the replay clock is the bar's own close, so a backtest is never stale. */
  now?: () => number;
  /** Bar length; without it the spacing of the last two bars is used. */
  timeframeMs?: number;
  /** Limits from the risk manager; missing fields are permissive. */
  riskState?: () => Partial<RiskState>;
}

/** One bar's facts the audit judges. */
interface BarFacts {
  /** True range over the median true range of the previous spikeLookback bars; NaN while that history fills. */
  spikeRatio: number;
  barTime: number;
  timeframeMs: number;
}

function limitVetoes(s: RiskSettings, state: Partial<RiskState> | undefined, out: string[]): void {
  if (!state) return;
  if (state.breakerTripped) out.push(`circuit breaker tripped: ${state.breakerTripped}`);
  const open = state.openPositions ?? 0;
  const maxOpen = state.maxOpenPositions ?? Number.POSITIVE_INFINITY;
  if (open >= maxOpen) out.push(`max open positions reached (${open}/${maxOpen})`);
  const dd = state.dailyDrawdownPct ?? 0;
  const maxDd = state.maxDailyDrawdownPct ?? Number.POSITIVE_INFINITY;
  if (dd >= s.drawdownNearFraction * maxDd) out.push(`daily drawdown ${dd.toFixed(2)}% near limit ${maxDd.toFixed(2)}%`);
}

function spikeVeto(s: RiskSettings, ratio: number): string {
  return `volatility spike: bar range ${ratio.toFixed(1)}x the ${s.spikeLookback}-bar median (limit ${s.spikeMultiple}x)`;
}

/** The objections to one bar, or undefined when there are none. */
function vetoesOf(s: RiskSettings, facts: BarFacts, opts: RiskAuditOptions): string[] | undefined {
  const vetoes: string[] = [];
  limitVetoes(s, opts.riskState?.(), vetoes);
  const ratio = facts.spikeRatio;
  if (ratio > s.spikeMultiple) vetoes.push(spikeVeto(s, ratio));
  const tf = facts.timeframeMs;
  if (opts.now && tf > 0) {
    const barsLate = (opts.now() - (facts.barTime + tf)) / tf;
    if (barsLate > s.staleBars) vetoes.push(`stale data: last bar closed ${barsLate.toFixed(1)} bars ago (limit ${s.staleBars})`);
  }
  return vetoes.length > 0 ? vetoes : undefined;
}

function clearReason(ratio: number): string {
  const range = Number.isNaN(ratio) ? 'range baseline warming up' : `bar range ${fixed(ratio, 1)}x median`;
  return `clear: ${range}, data fresh, limits clear`;
}

/** The gate's vote given its objections (none: confidence 0 and the clear reason). */
function gateVote(vetoes: string[] | undefined, ratio: number): Vote {
  if (vetoes) return { agent: NAME, direction: 0, confidence: 1, reasons: vetoes };
  return { agent: NAME, direction: 0, confidence: 0, reasons: [clearReason(ratio)] };
}

/** Judges one bar; both forms call this. Returns the vote, with the veto (if any) as its reasons joined. */
export function auditBar(s: RiskSettings, facts: BarFacts, opts: RiskAuditOptions): { vote: Vote; veto?: string } {
  const vetoes = vetoesOf(s, facts, opts);
  const vote = gateVote(vetoes, facts.spikeRatio);
  return vetoes ? { vote, veto: vetoes.join('; ') } : { vote };
}

/**
 * Pushes the true range after reading the median, so a bar is compared with the bars before it only.
 * A zero median (a dead market) gives no yardstick rather than an infinite spike.
 */
function spikeRatio(window: SortedWindow, tr: number): number {
  const median = window.full ? window.median() : NaN;
  const ratio = median > 0 ? tr / median : NaN;
  window.push(tr);
  return ratio;
}

export class RiskAudit implements WindowAgent, VetoReporter {
  readonly name = NAME;
  readonly style = 'gate' as const;
  lastVeto: string | undefined;
  /** The objections behind lastVeto (its reasons), undefined when clear. */
  lastVetoes: string[] | undefined;
  /** 1 where the slot's bar range is a spike: the whole veto in a backtest, which has no wall clock or live limits. */
  spikes: Uint8Array = new Uint8Array(0);
  private ratios: Float64Array = new Float64Array(0);
  private time: Column = EMPTY_COLUMN;
  private from = 0;
  /** True ranges of the last spikeLookback bars and the previous close, carried across windows. */
  private window: SortedWindow;
  private prevClose = NaN;
  private readonly s: RiskSettings;
  /** A wall clock or live limits make the verdict depend on the moment it is asked, so it cannot be a column. */
  private readonly live: boolean;
  private readonly facts: BarFacts = { spikeRatio: NaN, barTime: 0, timeframeMs: 0 };

  constructor(settings: Pick<PanelSettings, 'risk'>, private readonly opts: RiskAuditOptions = {}) {
    this.s = settings.risk;
    this.live = opts.now !== undefined || opts.riskState !== undefined;
    this.window = new SortedWindow(this.s.spikeLookback);
  }

  /** The cache's first window (the whole series for the default cache). */
  prepare(series: CandleSeries, cache = new ColumnCache(series)): void {
    this.begin(cache);
    this.fill(cache);
  }

  begin(cache: ColumnCache): void {
    this.ratios = new Float64Array(cache.capacity);
    this.spikes = new Uint8Array(cache.capacity);
    this.window = new SortedWindow(this.s.spikeLookback);
    this.prevClose = NaN;
    this.time = cache.series.time;
  }

  fill(cache: ColumnCache): void {
    const { high, low, close } = cache.bars;
    this.from = cache.from;
    for (let k = 0; k < cache.length; k++) {
      const ratio = (this.ratios[k] = spikeRatio(this.window, trueRange(high[k], low[k], this.prevClose)));
      this.prevClose = close[k];
      this.spikes[k] = ratio > this.s.spikeMultiple ? 1 : 0;
    }
  }

  /** Judges bar i into lastVeto / lastVetoes; with no clock or limits that is one column read unless the bar spikes. */
  audit(i: number): void {
    const k = i - this.from;
    let vetoes: string[] | undefined;
    if (!this.live) {
      vetoes = this.spikes[k] === 1 ? [spikeVeto(this.s, this.ratios[k])] : undefined;
    } else {
      const f = this.facts;
      f.spikeRatio = this.ratios[k];
      f.barTime = this.time[i];
      f.timeframeMs = this.opts.timeframeMs ?? (i > 0 ? this.time[i] - this.time[i - 1] : 0);
      vetoes = vetoesOf(this.s, f, this.opts);
    }
    this.lastVetoes = vetoes;
    this.lastVeto = vetoes === undefined ? undefined : vetoes.length === 1 ? vetoes[0] : vetoes.join('; ');
  }

  /** The vote on the bar last audited (it must be bar i); `withReasons` false leaves its reasons empty. */
  auditedVote(i: number, withReasons = true): Vote {
    const vetoes = this.lastVetoes;
    if (!withReasons) return { agent: NAME, direction: 0, confidence: vetoes ? 1 : 0, reasons: [] };
    return gateVote(vetoes, this.ratios[i - this.from]);
  }

  vote(i: number): Vote {
    this.audit(i);
    return this.auditedVote(i);
  }
}

export class RiskAuditStream implements StreamAgent, VetoReporter {
  readonly name = NAME;
  readonly style = 'gate' as const;
  lastVeto: string | undefined;
  private readonly s: RiskSettings;
  private readonly window: SortedWindow;
  private prevClose = NaN;
  private prevTime = NaN;
  private readonly facts: BarFacts = { spikeRatio: NaN, barTime: 0, timeframeMs: 0 };

  constructor(settings: Pick<PanelSettings, 'risk'>, private readonly opts: RiskAuditOptions = {}) {
    this.s = settings.risk;
    this.window = new SortedWindow(this.s.spikeLookback);
  }

  update(candle: Bar): Vote {
    const f = this.facts;
    f.spikeRatio = spikeRatio(this.window, trueRange(candle.high, candle.low, this.prevClose));
    f.barTime = candle.time;
    const spacing = candle.time - this.prevTime;
    f.timeframeMs = this.opts.timeframeMs ?? (Number.isNaN(spacing) ? 0 : spacing);
    this.prevClose = candle.close;
    this.prevTime = candle.time;
    const out = auditBar(this.s, f, this.opts);
    this.lastVeto = out.veto;
    return out.vote;
  }
}
