// Public surface of the backtester: re-exports only (statistics live in ./metrics).
export { runBacktest, type BacktestResult } from './run-backtest';
export { checkBacktestOptions, type BacktestOptions } from './options';
export { ReplayFeed, firstAtOrAfter } from './replay-feed';
export { replay, type FillTiming, type ReplayOptions } from './replay-clock';
export { CountingRecorder } from './counting-recorder';
