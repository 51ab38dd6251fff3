// Where the loop writes what happened (decisions, orders, fills, vetoes): in memory for backtests, SQLite for runs kept.
import type { Decision, RunKind } from '../../../shared/domain';
import type { Fill, Order, OrderIntent } from '../model/order';

export interface RunInfo {
  kind: RunKind;
  strategy: string;
  params: Record<string, unknown>;
  symbol: string;
  timeframe?: string;
  startedAt: number;
}

export type RunStatus = 'finished' | 'failed' | 'cancelled';

export interface Vetoed {
  intent: OrderIntent;
  reason: string;
}

export interface Recorder {
  /** Opens a run; returns its id, which goes into every client order id of the run. */
  runStarted(run: RunInfo): string;
  decisionMade(decision: Decision): void;
  /** Called on every change of an order (created, filled, cancelled, rejected): the latest view wins. */
  orderUpdated(order: Order): void;
  filled(fill: Fill): void;
  orderVetoed(intent: OrderIntent, reason: string): void;
  runFinished(status: RunStatus, stats?: unknown): void;
}

/** Keeps everything in arrays; `runId` is fixed so that two identical runs produce identical client order ids. */
export class MemoryRecorder implements Recorder {
  readonly decisions: Decision[] = [];
  readonly fills: Fill[] = [];
  readonly vetoes: Vetoed[] = [];
  /** Latest view of each order, by client order id, in creation order. */
  readonly orders = new Map<string, Order>();
  run: RunInfo | undefined;
  status: RunStatus | undefined;

  constructor(private readonly runId = 'run') {}

  runStarted(run: RunInfo): string {
    this.run = run;
    return this.runId;
  }
  decisionMade(decision: Decision): void {
    this.decisions.push(decision);
  }
  orderUpdated(order: Order): void {
    this.orders.set(order.clientOrderId, order);
  }
  filled(fill: Fill): void {
    this.fills.push(fill);
  }
  orderVetoed(intent: OrderIntent, reason: string): void {
    this.vetoes.push({ intent, reason });
  }
  runFinished(status: RunStatus): void {
    this.status = status;
  }
}
