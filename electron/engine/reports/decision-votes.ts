// The decision behind an order, with its votes: paper/live orders carry their decision in their client id
// ("<run>:<symbol>:<decision time>:<seq>[:r<attempt>]", see order-plan.ts); older or backtest rows by decision_id.
import type { Database, Statement } from 'better-sqlite3';
import type { Decision, Vote } from '../../../shared/domain';

export interface DecisionRef {
  runId: number;
  symbol: string;
  time: number;
}

/** One agent's say, cut down for a report: its direction and confidence and its first (top) reason. */
export interface VoteSummary {
  agent: string;
  direction: number;
  confidence: number;
  abstained?: boolean;
  reason?: string;
}

export interface DecisionSummary {
  runId: number;
  time: number;
  action: Decision['action'];
  score: number;
  veto?: string;
  regime?: string;
  votes: VoteSummary[];
}

/** Reads the decision out of a loop's client order id; undefined for ids the loop did not make (stops, kill-switch flattens). */
export function decisionRefOf(clientOrderId: string, symbol: string): DecisionRef | undefined {
  const cut = clientOrderId.indexOf(':');
  const runId = Number(clientOrderId.slice(0, cut));
  if (cut <= 0 || !Number.isInteger(runId) || runId <= 0) return undefined;
  const rest = clientOrderId.slice(cut + 1);
  if (!rest.startsWith(`${symbol}:`)) return undefined;
  const m = /^(-?\d+):[^:]+(?::r\d+)?$/.exec(rest.slice(symbol.length + 1));
  return m ? { runId, symbol, time: Number(m[1]) } : undefined;
}

export function summarizeVote(v: Vote): VoteSummary {
  return {
    agent: v.agent, direction: v.direction, confidence: v.confidence,
    ...(v.abstained ? { abstained: true } : {}), ...(v.reasons.length > 0 ? { reason: v.reasons[0] } : {}),
  };
}

interface Row {
  run_id: number;
  time: number;
  action: Decision['action'];
  score: number;
  veto: string | null;
  regime: string | null;
  votes: string;
}

/** Looks decisions up by order, once each. */
export class DecisionVotes {
  private readonly byRef: Statement;
  private readonly byId: Statement;
  private readonly cache = new Map<string, DecisionSummary | undefined>();

  constructor(db: Database) {
    const cols = 'run_id, time, action, score, veto, regime, votes';
    this.byRef = db.prepare(`SELECT ${cols} FROM decisions WHERE run_id = ? AND symbol = ? AND time = ?`);
    this.byId = db.prepare(`SELECT ${cols} FROM decisions WHERE id = ?`);
  }

  /** The decision an order was sent for, or undefined (protective and kill-switch orders have none). */
  forOrder(order: { clientOrderId: string; symbol: string; decisionId: number | null }): DecisionSummary | undefined {
    const ref = decisionRefOf(order.clientOrderId, order.symbol);
    const key = order.decisionId !== null ? `#${order.decisionId}` : ref ? `${ref.runId}|${ref.symbol}|${ref.time}` : undefined;
    if (key === undefined) return undefined;
    if (this.cache.has(key)) return this.cache.get(key);
    const row = (order.decisionId !== null ? this.byId.get(order.decisionId) : this.byRef.get(ref!.runId, ref!.symbol, ref!.time)) as Row | undefined;
    const summary = row && toSummary(row);
    this.cache.set(key, summary);
    return summary;
  }
}

function toSummary(r: Row): DecisionSummary {
  let votes: Vote[] = [];
  try {
    votes = JSON.parse(r.votes) as Vote[];
  } catch {
    // A row whose votes cannot be read still says what was decided.
    votes = [];
  }
  return {
    runId: r.run_id, time: r.time, action: r.action, score: r.score,
    ...(r.veto ? { veto: r.veto } : {}), ...(r.regime ? { regime: r.regime } : {}),
    votes: votes.map(summarizeVote),
  };
}
