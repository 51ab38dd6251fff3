// The order journal's rules: written before sending, answers never reopen a closed order, fills recorded once.
import { beforeEach, describe, expect, it } from 'vitest';
import { balanceDeltas, journalPositions, OrderJournal, wireClientId } from '../../../../electron/engine/execution/journal';
import type { OrderIntent } from '../../../../electron/engine/model/order';
import { openStore } from '../../../../electron/engine/store/database';

let journal: OrderJournal;
let clock = 1_000;
const buy: OrderIntent = { clientOrderId: 'run:BTC/USDT:1:1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 50_000, decisionTime: 1 };

beforeEach(() => {
  journal = new OrderJournal(openStore(':memory:').db, { account: 'live:binance', now: () => clock++ });
});

describe('order journal', () => {
  it('records an intent once as pending; a second record returns the first', () => {
    const first = journal.recordIntent(buy);
    expect(first.created).toBe(true);
    expect(first.entry).toMatchObject({ status: 'pending', filled: 0, exchangeOrderId: null, wireId: wireClientId(buy.clientOrderId) });
    const again = journal.recordIntent({ ...buy, amount: 99 });
    expect(again).toMatchObject({ created: false, entry: { id: first.entry.id, amount: 0.01 } });
    expect(journal.getByWireId(wireClientId(buy.clientOrderId))!.clientOrderId).toBe(buy.clientOrderId);
  });

  it('never reopens a closed order or shrinks filled, unless reconciliation forces it', () => {
    journal.recordIntent(buy);
    journal.recordAnswer(buy.clientOrderId, { exchangeOrderId: '7', status: 'filled', filled: 0.01, averagePrice: 50_000 });
    const stale = journal.recordAnswer(buy.clientOrderId, { status: 'open', filled: 0 });
    expect(stale).toMatchObject({ status: 'filled', filled: 0.01, exchangeOrderId: '7' });
    expect(journal.getByExchangeId('7', 'BTC/USDT')!.clientOrderId).toBe(buy.clientOrderId);
    const forced = journal.recordAnswer(buy.clientOrderId, { status: 'open', filled: 0.005 }, true);
    expect(forced).toMatchObject({ status: 'open', filled: 0.005 });
  });

  it('records each fill once and finds entries whose fills are missing', () => {
    journal.recordIntent(buy);
    journal.recordAnswer(buy.clientOrderId, { exchangeOrderId: '7', status: 'filled', filled: 0.01 });
    expect(journal.entriesMissingFills().map((e) => e.clientOrderId)).toEqual([buy.clientOrderId]);
    const fill = { tradeId: '1', time: 5, price: 50_000, amount: 0.01, fee: 0.00001, feeCurrency: 'BTC' };
    expect(journal.recordFill(buy.clientOrderId, fill)).toBe(true);
    expect(journal.recordFill(buy.clientOrderId, fill)).toBe(false);
    expect(journal.fills()).toHaveLength(1);
    expect(journal.entriesMissingFills()).toEqual([]);
    expect(journal.openEntries()).toEqual([]);
  });

  it('derives balance changes and net positions from fills, fees in the asset charged', () => {
    journal.recordIntent(buy);
    journal.recordAnswer(buy.clientOrderId, { exchangeOrderId: '7', status: 'filled', filled: 0.01 });
    journal.recordFill(buy.clientOrderId, { tradeId: '1', time: 5, price: 50_000, amount: 0.01, fee: 0.00001, feeCurrency: 'BTC' });
    const sell = { ...buy, clientOrderId: 's', side: 'sell' as const, type: 'market' as const, amount: 0.004, price: undefined };
    journal.recordIntent(sell);
    journal.recordAnswer('s', { exchangeOrderId: '8', status: 'filled', filled: 0.004 });
    journal.recordFill('s', { tradeId: '2', time: 6, price: 51_000, amount: 0.004, fee: 0.204, feeCurrency: 'USDT' });
    const deltas = balanceDeltas(journal.fills());
    expect(deltas.get('BTC')).toBeCloseTo(0.00599, 12);
    expect(deltas.get('USDT')).toBeCloseTo(-500 + 204 - 0.204, 9);
    const [p] = journalPositions(journal.fills());
    expect(p).toMatchObject({ symbol: 'BTC/USDT', entryPrice: 50_000, openedAt: 5 });
    expect(p.size).toBeCloseTo(0.00599, 12);
  });
});
