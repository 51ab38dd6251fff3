// Public surface of the order journal: re-exports only.
export { OrderJournal, type JournalOptions, type IntentExtras } from './order-journal';
export { wireClientId, isWireSafe } from './client-id';
export { balanceDeltas, journalPositions, feeInQuote, splitSymbol, netFill, netFillOfRow, attributedPositions, type AttributedPosition } from './holdings';
export { OPEN_STATUSES, isTerminal, type JournalEntry, type JournalFill, type JournalFillRow, type OrderAnswer } from './types';
