// Run-time fault injection: rules matched per request (path, method, count) that delay, refuse, break or skew replies.

/** What a fault does. `phase` (for latency, timeout, serverError, drop) says whether the request is handled first. */
export type FaultKind =
  | { kind: 'latency'; ms: number }
  | { kind: 'timeout' }
  | { kind: 'rateLimit'; retryAfterSec?: number }
  | { kind: 'serverError'; status?: 500 | 502 | 503 | 504; body?: string }
  | { kind: 'drop' }
  | { kind: 'partialFill'; fraction: number }
  | { kind: 'reject'; code: number; msg: string; status?: number }
  | { kind: 'clockSkew'; ms: number };

export interface FaultScope {
  /** Exact path (e.g. '/api/v3/order') or a pattern; omitted = every path. */
  path?: string | RegExp;
  /** HTTP method; omitted = any. */
  method?: string;
  /** How many matching requests it affects; omitted = until cleared. Ignored by clockSkew. */
  count?: number;
  /**
   * 'after' (default): the request takes effect (an order is recorded) and only the reply is delayed, lost or
   * replaced — the crash-safety case. 'before': the fault hits before the request reaches the exchange.
   */
  phase?: 'before' | 'after';
}

export type FaultSpec = FaultKind & FaultScope;

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

/** Kinds that decide the reply; the first matching one wins. */
const OUTCOME_KINDS = new Set(['timeout', 'rateLimit', 'serverError', 'drop', 'reject']);

export interface FaultPlan {
  latencyMs: number;
  latencyPhase: 'before' | 'after';
  outcome?: FaultSpec;
}

export class FaultRegistry {
  private readonly rules: ActiveFault[] = [];
  private seq = 1;

  /** Adds a rule; returns its id for clear(id). */
  set(spec: FaultSpec): number {
    if (spec.kind === 'partialFill' && !(spec.fraction > 0 && spec.fraction < 1)) {
      throw new Error('emulator: partialFill fraction must be between 0 and 1');
    }
    const id = this.seq++;
    this.rules.push({ id, spec, remaining: spec.count ?? Number.POSITIVE_INFINITY, hits: 0 });
    return id;
  }

  /** Removes one rule, or all of them. */
  clear(id?: number): void {
    if (id === undefined) this.rules.length = 0;
    else this.rules.splice(0, this.rules.length, ...this.rules.filter((rule) => rule.id !== id));
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Server clock offset: the sum of active clockSkew rules (they last until cleared). */
  clockSkewMs(): number {
    return this.rules.reduce((sum, rule) => sum + (rule.spec.kind === 'clockSkew' ? rule.spec.ms : 0), 0);
  }

  private matches(rule: ActiveFault, method: string, path: string): boolean {
    const { spec } = rule;
    if (rule.remaining <= 0) return false;
    if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
    if (spec.path === undefined) return true;
    return typeof spec.path === 'string' ? spec.path === path : spec.path.test(path);
  }

  private consume(rule: ActiveFault): FaultSpec {
    rule.remaining -= 1;
    rule.hits += 1;
    if (rule.remaining <= 0) this.clear(rule.id);
    return rule.spec;
  }

  /** Consumes the latency rules and the first outcome rule that match this request. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, latencyPhase: 'after' };
    for (const rule of [...this.rules]) {
      if (!this.matches(rule, method, path)) continue;
      const { spec } = rule;
      if (spec.kind === 'latency') {
        plan.latencyMs += spec.ms;
        if (spec.phase === 'before') plan.latencyPhase = 'before';
        this.consume(rule);
      } else if (OUTCOME_KINDS.has(spec.kind) && plan.outcome === undefined) {
        plan.outcome = this.consume(rule);
      }
    }
    return plan;
  }

  /** Consumed by order placement only: the share of the order the next fill may take. */
  takePartialFill(method: string, path: string): number | undefined {
    const rule = this.rules.find((candidate) => candidate.spec.kind === 'partialFill' && this.matches(candidate, method, path));
    if (!rule) return undefined;
    const spec = this.consume(rule);
    return spec.kind === 'partialFill' ? spec.fraction : undefined;
  }
}
