// The risk side of the engine: limits, circuit breakers, the kill switch and its webhook, behind RiskManager.
export * from './breakers/breaker-board';
export * from './breakers/settings';
export * from './breakers/types';
export * from './context';
export * from './kill-switch';
export * from './limits';
export * from './risk-manager';
export * from './trading-state';
export * from './webhook';
export { sign as signWebhookBody, SIGNATURE_HEADER } from './webhook-request';
