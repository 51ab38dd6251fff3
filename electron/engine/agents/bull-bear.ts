// Bull and Bear: two trend-following advocates reading the same evidence, each arguing only its own side.
// Bull's direction is in [0, 1], Bear's in [-1, 0]; confidence is the strength of the case, so the trader sees both.
import type { Bar } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import type { ColumnCache } from './columns';
import type { PanelSettings } from './settings';
import {
  caseReasons, caseStrength, caseText, scoreFactors, TrendFactors, TrendInputs, type CaseText, type TrendCaseSettings,
} from './trend-case';
import { TrendCaseColumns, TrendCaseStream } from './trend-case-readers';
import { abstain, type BatchAgent, type StreamAgent, type Vote } from './types';

type Side = 1 | -1;
const nameOf = (side: Side) => (side > 0 ? ('Bull' as const) : ('Bear' as const));

/** One side's vote from scored factors; shared by both forms. */
export function caseVote(c: TrendCaseSettings, t: CaseText, side: Side, f: TrendFactors, x: TrendInputs): Vote {
  const agent = nameOf(side);
  if (!f.ready) return abstain(agent, 'warming up: trend, momentum, volume or structure not ready');
  const strength = caseStrength(c, f, side, t.weightSum);
  return { agent, direction: side * strength + 0, confidence: strength, reasons: caseReasons(t, f, x, side) };
}

/** One side's advocate: the inputs both forms fill, scored into that side's vote. */
class CaseAdvocate {
  readonly name: 'Bull' | 'Bear';
  readonly inputs = new TrendInputs();
  private readonly factors = new TrendFactors();
  private readonly text: CaseText;

  constructor(private readonly c: TrendCaseSettings, private readonly side: Side) {
    this.name = nameOf(side);
    this.text = caseText(c);
  }

  /** Scores what was just written into `inputs`. */
  vote(): Vote {
    scoreFactors(this.c, this.inputs, this.factors);
    return caseVote(this.c, this.text, this.side, this.factors, this.inputs);
  }
}

class CaseBatch implements BatchAgent {
  readonly name: 'Bull' | 'Bear';
  readonly style = 'trend' as const;
  private readonly columns: TrendCaseColumns;
  private readonly advocate: CaseAdvocate;

  constructor(c: TrendCaseSettings, side: Side) {
    this.advocate = new CaseAdvocate(c, side);
    this.name = this.advocate.name;
    this.columns = new TrendCaseColumns(c);
  }

  prepare(series: CandleSeries, cache: ColumnCache): void {
    this.columns.prepare(series, cache);
  }

  vote(i: number): Vote {
    this.columns.fill(i, this.advocate.inputs);
    return this.advocate.vote();
  }
}

class CaseStream implements StreamAgent {
  readonly name: 'Bull' | 'Bear';
  readonly style = 'trend' as const;
  private readonly reader: TrendCaseStream;
  private readonly advocate: CaseAdvocate;

  constructor(c: TrendCaseSettings, side: Side) {
    this.advocate = new CaseAdvocate(c, side);
    this.name = this.advocate.name;
    this.reader = new TrendCaseStream(c);
  }

  update(candle: Bar): Vote {
    this.reader.update(candle, this.advocate.inputs);
    return this.advocate.vote();
  }
}

type Settings = Pick<PanelSettings, 'trendCase'>;

export class Bull extends CaseBatch {
  constructor(s: Settings) {
    super(s.trendCase, 1);
  }
}

export class Bear extends CaseBatch {
  constructor(s: Settings) {
    super(s.trendCase, -1);
  }
}

export class BullStream extends CaseStream {
  constructor(s: Settings) {
    super(s.trendCase, 1);
  }
}

export class BearStream extends CaseStream {
  constructor(s: Settings) {
    super(s.trendCase, -1);
  }
}
