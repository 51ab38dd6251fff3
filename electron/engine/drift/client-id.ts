// Reads the trading loop's client order ids back: `${runId}:${symbol}:${decisionTime}:${seq}` (order-plan.ts), with
// `:rN` when a failed send was retried on a later bar. Symbols may hold ':' (BTC/USDT:USDT), so it is read from the right.
export interface LoopOrderId {
  /** The stored run's id; a backtest's in-memory recorder uses 'run'. */
  runId: string;
  symbol: string;
  decisionTime: number;
  /** 0 the exit, 1 the entry; or a reason such as 'flatten'. */
  seq: string;
  /** 1 for the first send, N for the Nth attempt. */
  attempt: number;
}

const ID = /^([^:]+):(.+?):(-?\d+):([A-Za-z0-9-]+)(?::r(\d+))?$/;

export function parseLoopOrderId(id: string): LoopOrderId | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  return { runId: m[1], symbol: m[2], decisionTime: Number(m[3]), seq: m[4], attempt: m[5] ? Number(m[5]) : 1 };
}

/** The key a run's order and its replay's order share: the decision's bar and the order's place in it. */
export function orderKey(decisionTime: number, seq: string): string {
  return `${decisionTime}|${seq}`;
}
