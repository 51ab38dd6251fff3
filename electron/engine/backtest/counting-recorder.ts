// Counts what a run recorded (acting decisions, orders, fills, vetoes and why) while passing everything on to the real recorder.
import type { Decision } from '../../../shared/domain';
import type { Fill, Order, OrderIntent } from '../model/order';
import { ReasonTally } from '../trading/reason-tally';
import type { Recorder, RunInfo, RunStatus } from '../trading/recorder';

export class CountingRecorder implements Recorder {
  readonly counts = { actions: 0, orders: 0, fills: 0, vetoes: 0 };
  /** Why orders were vetoed, grouped by cause. */
  readonly vetoReasons = new ReasonTally();
  private readonly seen = new Set<string>();

  constructor(private readonly inner: Recorder) {}

  runStarted(run: RunInfo): string {
    return this.inner.runStarted(run);
  }
  decisionMade(decision: Decision): void {
    if (decision.action !== 'hold') this.counts.actions++;
    this.inner.decisionMade(decision);
  }
  orderUpdated(order: Order): void {
    if (!this.seen.has(order.clientOrderId)) {
      this.seen.add(order.clientOrderId);
      this.counts.orders++;
    }
    this.inner.orderUpdated(order);
  }
  filled(fill: Fill): void {
    this.counts.fills++;
    this.inner.filled(fill);
  }
  orderVetoed(intent: OrderIntent, reason: string): void {
    this.counts.vetoes++;
    this.vetoReasons.add(reason);
    this.inner.orderVetoed(intent, reason);
  }
  runFinished(status: RunStatus, stats?: unknown): void {
    this.inner.runFinished(status, stats);
  }
}
