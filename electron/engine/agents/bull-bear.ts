// Bull and Bear: two trend-following advocates reading the same evidence, each arguing only its own side.
// Bull's direction is in [0, 1], Bear's in [-1, 0]; confidence is the strength of the case, so the trader sees both.
import type { Bar } from '../indicators';
import type { ColumnCache } from './columns';
import type { PanelSettings } from './settings';
import {
  caseReasons, caseStrength, caseText, scoreFactors, TrendFactors, TrendInputs, type CaseText, type TrendCaseSettings,
} from './trend-case';
import { trendCaseColumns, TrendCaseStream, type TrendCaseColumns } from './trend-case-readers';
import { abstain, type StreamAgent, type Vote } from './types';
import { setAbstained, setVote, voteAt, VoteColumnAgent } from './vote-columns';

type Side = 1 | -1;
const nameOf = (side: Side) => (side > 0 ? ('Bull' as const) : ('Bear' as const));

const WARMING_UP = 'warming up: trend, momentum, volume or structure not ready';

/** One side's vote from scored factors; shared by both forms. */
export function caseVote(c: TrendCaseSettings, t: CaseText, side: Side, f: TrendFactors, x: TrendInputs): Vote {
  const agent = nameOf(side);
  if (!f.ready) return abstain(agent, WARMING_UP);
  const strength = caseStrength(c, f, side, t.weightSum);
  return { agent, direction: side * strength + 0, confidence: strength, reasons: caseReasons(t, f, x, side) };
}

/** One side's advocate: the inputs both forms fill, scored into that side's vote. */
class CaseAdvocate {
  readonly name: 'Bull' | 'Bear';
  readonly inputs = new TrendInputs();
  readonly factors = new TrendFactors();
  readonly text: CaseText;

  constructor(readonly c: TrendCaseSettings, readonly side: Side) {
    this.name = nameOf(side);
    this.text = caseText(c);
  }

  /** Scores what was just written into `inputs`. */
  vote(): Vote {
    scoreFactors(this.c, this.inputs, this.factors);
    return caseVote(this.c, this.text, this.side, this.factors, this.inputs);
  }
}

class CaseBatch extends VoteColumnAgent {
  readonly name: 'Bull' | 'Bear';
  readonly style = 'trend' as const;
  private reader: TrendCaseColumns | undefined;
  private from = 0;
  private readonly advocate: CaseAdvocate;

  constructor(c: TrendCaseSettings, side: Side) {
    super();
    this.advocate = new CaseAdvocate(c, side);
    this.name = this.advocate.name;
  }

  fill(cache: ColumnCache): void {
    const { c, side, text } = this.advocate;
    const reader = (this.reader = trendCaseColumns(cache, c));
    const factors = reader.factors;
    this.from = cache.from;
    // caseStrength reads a TrendFactors; this one carries only the four scores it uses.
    const f = new TrendFactors();
    const out = this.columns;
    for (let k = 0; k < cache.length; k++) {
      if (factors.ready[k] === 0) {
        setAbstained(out, k);
        continue;
      }
      f.trend = factors.trend[k];
      f.momentum = factors.momentum[k];
      f.volume = factors.volume[k];
      f.structure = factors.structure[k];
      const strength = caseStrength(c, f, side, text.weightSum);
      setVote(out, k, side * strength + 0, strength);
    }
  }

  reasons(k: number): string[] {
    this.score(k);
    const a = this.advocate;
    return a.factors.ready ? caseReasons(a.text, a.factors, a.inputs, a.side) : [WARMING_UP];
  }

  vote(i: number): Vote {
    const k = i - this.from;
    return voteAt(this.name, this.columns, k, this.reasons(k));
  }

  private score(k: number): void {
    const a = this.advocate;
    this.reader?.read(k, a.inputs);
    scoreFactors(a.c, a.inputs, a.factors);
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
