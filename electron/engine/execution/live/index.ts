// Public surface of the live venue: re-exports only.
export { LiveBroker, type LiveBrokerOptions, type LiveBrokerState } from './live-broker';
export { reconcile, acknowledgeAlerts, type ReconcileOptions } from './reconcile';
export type { ReconcileReport, ReconcileChange, ReconcileIssue, ChangeKind, IssueKind, BalanceLine } from './reconcile-types';
export { classifyError, type ErrorKind } from './ccxt-errors';
export { prepareIntent, marketRulesOf } from './order-rules';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export type { LiveTimeouts } from './context';
