// The ordered list of schema migrations; append only, never edit a released one.
import { initial } from './001-initial';
import { safetyState } from './002-safety-state';
import { backtestResults } from './003-backtest-results';
import { accounts } from './004-accounts';
import { decisionBlocks } from './005-decision-blocks';
import { alertDelivery } from './006-alert-delivery';
import { webhookReplays } from './007-webhook-replays';
import { accountEquity } from './008-account-equity';
import type { Migration } from './types';

export type { Migration } from './types';
export const MIGRATIONS: readonly Migration[] = [initial, safetyState, backtestResults, accounts, decisionBlocks, alertDelivery, webhookReplays, accountEquity];
