// Health checks of the engine and its surroundings (exchanges, clock, keys, database, disk, logs, model, safety net,
// live performance), run together by HealthService.
export * from './types';
export * from './health-service';
export { checkExchange, checkApiPermissions, skewResult } from './exchange-checks';
export { checkDatabase } from './database-check';
export { checkDisk, checkLogFolder } from './files-checks';
export { checkModel } from './model-check';
export { checkBreakers, checkKillSwitch, SELF_ALERTING_CHECKS, type RiskView } from './risk-checks';
export { EquityHistory, checkPerformance, performanceOf, MIN_RETURNS_FOR_SHARPE, type EquitySeries, type PerformanceStats } from './performance';
