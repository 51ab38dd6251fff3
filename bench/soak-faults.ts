// The soak's fault schedule: a seeded stream of emulator faults (latency, timeout, 429, 5xx, drop, reject) on the
// market-data paths every paper session uses and, with a live account, on the order paths.
import { mulberry32, type BinanceEmulator, type FaultSpec } from '../test/emulator';

/** The soak's seeded stream: the emulator's own PRNG. */
export const prng = mulberry32;

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

interface Target {
  name: string;
  path: string;
  method: string;
  /** Order placement: rejects with order-specific codes, and at most one such rule waits at a time. */
  order?: boolean;
  signed?: boolean;
}

const PUBLIC_TARGETS: Target[] = [
  { name: 'klines', path: '/api/v3/klines', method: 'GET' },
  { name: 'ticker', path: '/api/v3/ticker/24hr', method: 'GET' },
];

const LIVE_TARGETS: Target[] = [
  { name: 'create order', path: '/api/v3/order', method: 'POST', order: true, signed: true },
  { name: 'order lookup', path: '/api/v3/order', method: 'GET', signed: true },
  { name: 'cancel order', path: '/api/v3/order', method: 'DELETE', signed: true },
  { name: 'open orders', path: '/api/v3/openOrders', method: 'GET', signed: true },
  { name: 'balance', path: '/api/v3/account', method: 'GET', signed: true },
  { name: 'my trades', path: '/api/v3/myTrades', method: 'GET', signed: true },
];

type Kind = FaultSpec['kind'];

export interface FaultRecord {
  bar: number;
  id: number;
  kind: Kind;
  target: string;
  detail: string;
  /** Set while the app was closed for a restart, to be met by its start-up. */
  startup?: boolean;
}

export interface FaultPlanOptions {
  live: boolean;
  /** Mean bars between injected faults. */
  everyBars: number;
  /** At most one timeout per this many bars (a timeout holds the socket for ccxt's whole 15 s budget in real time). */
  timeoutEveryBars: number;
}

/** Injects faults bar by bar; `tally()` says how many were set and how many a request actually hit. */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  private lastTimeoutBar = Number.NEGATIVE_INFINITY;
  /** Rules cleared before any request hit them. */
  private readonly unused = new Set<number>();

  constructor(private readonly emulator: BinanceEmulator, private readonly rng: Rng, private readonly o: FaultPlanOptions) {}

  /** Before bar `bar` is published: maybe one new fault rule (count 1–3). */
  maybeInject(bar: number): FaultRecord | undefined {
    if (this.rng() >= 1 / this.o.everyBars) return undefined;
    const targets = this.o.live ? [...PUBLIC_TARGETS, ...PUBLIC_TARGETS, ...LIVE_TARGETS] : PUBLIC_TARGETS;
    const target = pick(this.rng, targets);
    // One waiting rule per path: a rarely used path (an order lookup, the open-orders list) would otherwise pile
    // rules up for hours and then fail every call of a restart's reconciliation at once.
    if (this.pending().some((r) => r.target === target.name)) return undefined;
    let kind: Kind = pick(this.rng, ['latency', 'timeout', 'rateLimit', 'rateLimit', 'serverError', 'serverError', 'drop', 'drop', 'reject', 'reject'] as const);
    if (kind === 'timeout') {
      if (bar - this.lastTimeoutBar < this.o.timeoutEveryBars) kind = 'serverError';
      else this.lastTimeoutBar = bar;
    }
    const count = target.order ? 1 : pick(this.rng, [1, 1, 1, 2, 3]);
    const scope = { path: target.path, method: target.method, count };
    let spec: FaultSpec;
    let detail: string;
    switch (kind) {
      case 'latency': {
        const ms = between(this.rng, 200, 1_500);
        spec = { kind, ms, ...scope };
        detail = `${ms} ms`;
        break;
      }
      case 'timeout':
      case 'drop': {
        // 'after': the exchange acted and only the reply is lost (the crash-safety case); 'before': it never arrived.
        const phase = this.rng() < 0.6 ? 'after' : 'before';
        spec = { kind, phase, ...scope };
        detail = phase;
        break;
      }
      case 'rateLimit':
        spec = { kind, retryAfterSec: 1, ...scope };
        detail = '429 -1003';
        break;
      case 'serverError': {
        const status = pick(this.rng, [500, 502, 503, 504] as const);
        const phase = this.rng() < 0.5 ? 'after' : 'before';
        spec = { kind, status, phase, ...scope };
        detail = `${status} ${phase}`;
        break;
      }
      default: {
        const rejects = target.order
          ? [{ code: -1013, msg: 'Filter failure: LOT_SIZE' }, { code: -2010, msg: 'Account has insufficient balance for requested action.' },
            { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }]
          : target.signed
            ? [{ code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }, { code: -1003, msg: 'Too many requests.' }]
            : [{ code: -1003, msg: 'Too many requests.' }, { code: -1000, msg: 'An unknown error occured while processing the request.' }];
        const r = pick(this.rng, rejects);
        spec = { kind: 'reject', code: r.code, msg: r.msg, ...scope };
        detail = String(r.code);
      }
    }
    const id = this.emulator.faults.set(spec);
    const record = { bar, id, kind: spec.kind, target: target.name, detail: count > 1 ? `${detail} ×${count}` : detail };
    this.records.push(record);
    return record;
  }

  /**
   * While the app is closed for a restart: maybe one transient error (503, dropped connection or 429, once) on a
   * call start-up makes — the candles a session warms up on, the paper venue's first prices, or (live) the
   * reconciliation reads. The exchange having a bad second just as the app starts is an ordinary day.
   */
  atRestart(bar: number, chance: number): FaultRecord | undefined {
    if (this.rng() >= chance) return undefined;
    const startup = this.o.live ? [...PUBLIC_TARGETS, ...LIVE_TARGETS.filter((t) => !t.order && t.name !== 'cancel order')] : PUBLIC_TARGETS;
    const target = pick(this.rng, startup);
    const kind = pick(this.rng, ['serverError', 'drop', 'rateLimit'] as const);
    const scope = { path: target.path, method: target.method, count: 1 };
    const spec: FaultSpec = kind === 'serverError' ? { kind, status: 503, ...scope } : kind === 'drop' ? { kind, phase: 'before', ...scope } : { kind, retryAfterSec: 1, ...scope };
    const id = this.emulator.faults.set(spec);
    const record = { bar, id, kind, target: target.name, detail: 'at start-up', startup: true };
    this.records.push(record);
    return record;
  }

  /** Rules not yet used up by requests. */
  pending(): FaultRecord[] {
    const live = new Set(this.emulator.faults.list().map((f) => f.id));
    return this.records.filter((r) => live.has(r.id));
  }

  /** Drops every rule still waiting (the settle period before the final checks runs without faults). */
  clear(): void {
    for (const f of this.emulator.faults.list()) if (f.hits === 0) this.unused.add(f.id);
    this.emulator.faults.clear();
  }

  /** Rules set, and those a request hit at least once (a rule with count > 1 may be partly used). */
  tally(): { set: number; hit: number; byKind: Record<string, number>; byTarget: Record<string, number> } {
    const waiting = new Map(this.emulator.faults.list().map((f) => [f.id, f.hits]));
    const hit = this.records.filter((r) => !this.unused.has(r.id) && (!waiting.has(r.id) || (waiting.get(r.id) ?? 0) > 0));
    const count = (key: (r: FaultRecord) => string) => hit.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
    return { set: this.records.length, hit: hit.length, byKind: count((r) => r.kind), byTarget: count((r) => (r.startup ? `${r.target} at start-up` : r.target)) };
  }
}
