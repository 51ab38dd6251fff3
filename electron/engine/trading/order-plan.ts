// Turns a decision into at most two market intents: close what points the wrong way, then enter the new direction.
import type { DecisionAction } from '../../../shared/domain';
import type { OrderIntent, Side } from '../model/order';

/** The direction a decision asks for: +1 long, −1 short, 0 flat, undefined "leave as is". */
export function targetDirection(action: DecisionAction, allowShort: boolean): number | undefined {
  switch (action) {
    case 'buy':
      return 1;
    case 'sell':
      return allowShort ? -1 : 0;
    case 'exit':
      return 0;
    case 'hold':
      return undefined;
  }
}

/** Deterministic from the decision, so a retried submission can never double an order. */
export function clientOrderId(runId: string, symbol: string, decisionTime: number, seq: number | string): string {
  return `${runId}:${symbol}:${decisionTime}:${seq}`;
}

/** A market order closing all of `held` (signed); `referencePrice` values it where the venue needs a price (live). */
export function exitIntent(id: string, symbol: string, held: number, decisionTime: number, reason: string, referencePrice?: number): OrderIntent {
  return {
    clientOrderId: id,
    symbol,
    side: held > 0 ? 'sell' : 'buy',
    type: 'market',
    amount: Math.abs(held),
    reduceOnly: true,
    decisionTime,
    reason,
    referencePrice,
  };
}

export function entryIntent(id: string, symbol: string, side: Side, amount: number, decisionTime: number, referencePrice?: number): OrderIntent {
  return { clientOrderId: id, symbol, side, type: 'market', amount, decisionTime, reason: 'entry', referencePrice };
}
