// Public surface of the built-in strategies: re-exports only.
export { createStrategy, STRATEGY_NAMES } from './registry';
export { SmaCross } from './sma-cross';
export { PriceSmaCross } from './price-sma-cross';
export { RsiRevert } from './rsi-revert';
export { EmaCross } from './ema-cross';
export { crossAt, crossLevelAt } from './cross';
export type { StrategyParams } from './params';
