// Fill by fill: each order the run filled, paired with the replay's order for the same decision (same bar, same
// place: exit then entry), its price against the model's in bps and its fee against the modelled fee.
import type { DriftFill, DriftReport } from '../../../shared/drift-contract';
import type { Fill, Order } from '../model/order';
import type { MemoryRecorder } from '../trading/recorder';
import { orderKey, parseLoopOrderId } from './client-id';
import { distribution } from './distribution';
import type { RunOrder } from './run-record';

/** One replayed order with what it filled (the SimBroker fills a market order at once, in one piece). */
export interface ModelOrder {
  order: Order;
  decisionTime: number;
  price: number;
  amount: number;
  fee: number;
}

/** The replay's filled orders by (decision bar, seq). */
export function modelOrders(recorder: MemoryRecorder): Map<string, ModelOrder> {
  const fills = new Map<string, Fill[]>();
  for (const f of recorder.fills) fills.set(f.clientOrderId, [...(fills.get(f.clientOrderId) ?? []), f]);
  const out = new Map<string, ModelOrder>();
  for (const order of recorder.orders.values()) {
    const id = parseLoopOrderId(order.clientOrderId);
    const own = fills.get(order.clientOrderId) ?? [];
    const amount = own.reduce((s, f) => s + f.amount, 0);
    if (!id || amount <= 0) continue;
    out.set(orderKey(id.decisionTime, id.seq), {
      order, decisionTime: id.decisionTime, amount,
      price: own.reduce((s, f) => s + f.price * f.amount, 0) / amount,
      fee: own.reduce((s, f) => s + f.fee, 0),
    });
  }
  return out;
}

const bps = (fraction: number): number => fraction * 10_000;

export interface FillComparison {
  fills: DriftFill[];
  modelOnly: DriftReport['modelOnly'];
  slippageBps: DriftReport['slippageBps'];
  feeBps: DriftReport['feeBps'];
  totals: { runFees: number; modelFees: number; pairedRunFees: number; pairedModelFees: number; runFills: number; modelFills: number; paired: number };
}

export function compareFills(runOrders: readonly RunOrder[], model: Map<string, ModelOrder>): FillComparison {
  const fills: DriftFill[] = [];
  const used = new Set<string>();
  for (const o of runOrders) {
    if (!o.filled) continue;
    const key = o.decisionTime !== undefined && o.seq !== undefined ? orderKey(o.decisionTime, o.seq) : undefined;
    const m = key ? model.get(key) : undefined;
    if (key && m) used.add(key);
    const sign = o.side === 'buy' ? 1 : -1;
    const slip = m ? sign * bps((o.filled.price - m.price) / m.price) : null;
    fills.push({
      decisionTime: o.decisionTime ?? o.sentTime, sentTime: o.sentTime, clientOrderId: o.clientOrderId, side: o.side, role: o.role,
      runPrice: o.filled.price, runAmount: o.filled.amount, runFee: o.filled.fee,
      modelPrice: m?.price ?? null, modelAmount: m?.amount ?? null, modelFee: m?.fee ?? null,
      slippageBps: slip, runFeeBps: bps(o.filled.fee / (o.filled.price * o.filled.amount)), modelFeeBps: m ? bps(m.fee / (m.price * m.amount)) : null,
      attempt: o.attempt,
      ...(m ? (o.attempt > 1 ? { note: `sent on a later bar (attempt ${o.attempt}): the gap includes the market's move since` } : {})
        : { note: o.decisionTime === undefined ? `not placed by a decision (${o.role ?? 'unknown role'}): the backtester has no such order` : 'the replay made no such trade' }),
    });
  }
  const modelOnly = [...model.entries()].filter(([k]) => !used.has(k))
    .map(([, m]) => ({ decisionTime: m.decisionTime, side: m.order.side, price: m.price, amount: m.amount, fee: m.fee }))
    .sort((a, b) => a.decisionTime - b.decisionTime);
  // Slippage is the venue's against the model on the decision's own bar: a retry's gap is mostly the market's move.
  const onTime = fills.filter((f) => f.slippageBps !== null && f.attempt === 1);
  const paired = fills.filter((f) => f.modelFee !== null);
  const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
  return {
    fills, modelOnly,
    slippageBps: distribution(onTime.map((f) => f.slippageBps as number)),
    feeBps: { run: distribution(fills.map((f) => f.runFeeBps)), model: distribution(paired.map((f) => f.modelFeeBps as number)) },
    totals: {
      runFees: sum(fills.map((f) => f.runFee)), modelFees: sum([...model.values()].map((m) => m.fee)),
      pairedRunFees: sum(paired.map((f) => f.runFee)), pairedModelFees: sum(paired.map((f) => f.modelFee as number)),
      runFills: fills.length, modelFills: model.size, paired: paired.length,
    },
  };
}
