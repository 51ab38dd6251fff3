// The paper session the first-run guide offers after its backtest: the Desk's form filled in from the run's dataset,
// strategy, parameters and cash.
import { describe, expect, it } from 'vitest';
import { paperFormFrom } from '../../../renderer/src/state/session-prefill-store';

describe('paperFormFrom', () => {
  it('takes venue, market and timeframe from the dataset, parameters as the form writes them, cash as budget', () => {
    expect(paperFormFrom('binance:BTC/USDT:1h', { strategy: 'sma-cross', params: { fast: 10, slow: 30 } }, 10_000)).toEqual({
      mode: 'paper', account: 'binance', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma-cross', params: 'fast=10 slow=30',
      cash: 10_000, budget: '10000', resumeOnStart: false,
    });
  });

  it('starts a timeframe the form does not offer at 1h, and leaves out parameters the form cannot write', () => {
    const form = paperFormFrom('kraken:ETH/USD:30m', { strategy: 'x', params: { on: true, label: 'a b', nested: { k: 1 }, tag: 'q' } }, 500);
    expect(form.timeframe).toBe('1h');
    expect(form.params).toBe('on=true tag=q');
    expect(form.account).toBe('kraken');
  });

  it('names a dataset that is not exchange:symbol:timeframe', () => {
    expect(() => paperFormFrom('BTC-1h', { strategy: 'sma-cross', params: {} }, 1)).toThrow('dataset "BTC-1h" is not exchange:symbol:timeframe');
  });
});
