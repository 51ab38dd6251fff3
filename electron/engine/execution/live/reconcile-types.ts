// What reconciliation found: changes it recorded in the journal, and problems only the trader can resolve.

export type ChangeKind =
  | 'filled-while-down'
  | 'partially-filled-while-down'
  | 'cancelled-while-down'
  | 'status-updated'
  | 'fill-inserted'
  | 'never-sent'
  | 'external-trade';

export interface ReconcileChange {
  kind: ChangeKind;
  symbol: string;
  clientOrderId?: string;
  exchangeOrderId?: string;
  detail: string;
}

export type IssueKind = 'unknown-open-order' | 'order-missing' | 'fills-incomplete';

export interface ReconcileIssue {
  kind: IssueKind;
  symbol: string;
  clientOrderId?: string;
  exchangeOrderId?: string;
  detail: string;
}

export interface BalanceLine {
  free: number;
  used: number;
  total: number;
}

export interface ReconcileReport {
  startedAt: number;
  finishedAt: number;
  /** Journal entries that were still open (or pending) when the app stopped. */
  checkedOrders: number;
  changes: ReconcileChange[];
  unresolved: ReconcileIssue[];
  balances: Record<string, BalanceLine>;
  /** Alerts written for this run (to mark them acknowledged later). */
  alertIds: number[];
}
