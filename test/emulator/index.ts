// Public surface of the Binance spot emulator used by integration tests.
export { BinanceEmulator, type RequestLogEntry } from './server';
export { TEST_API_KEY, TEST_API_SECRET, DEFAULT_BALANCES, marketIdOf } from './config';
export { DEFAULT_MARKETS } from './markets';
export { hmacHex } from './auth';
export { mulberry32 } from './candles';
export type { FaultKind, FaultScope, FaultSpec, ActiveFault } from './faults';
export type {
  EmuCandle, MarketSpec, EmulatorOptions, OrderRecord, OrderListRecord, TradeRecord, OrderRequestRecord, CommissionConfig,
} from './types';
