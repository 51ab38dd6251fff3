// Pure parts of the emulator: exact filter arithmetic, fault bookkeeping and the signature payload rule.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hmacHex } from '../../emulator';
import { verifySigned } from '../../emulator/auth';
import { floorToStep, isOnGrid } from '../../emulator/decimal';
import { BinanceError } from '../../emulator/errors';
import { FaultRegistry } from '../../emulator/faults';

const STEPS = ['0.00001', '0.0001', '0.01', '0.001', '1', '0.5'];

describe('filter arithmetic', () => {
  test('any whole number of steps is on the grid, one extra digit is not', () => {
    fc.assert(fc.property(fc.constantFrom(...STEPS), fc.integer({ min: 1, max: 10_000_000 }), (step, units) => {
      const digits = (step.split('.')[1] ?? '').length;
      const value = (units * Number(step)).toFixed(digits);
      expect(isOnGrid(value, step, step)).toBe(true);
      expect(isOnGrid(`${(units * Number(step)).toFixed(digits + 1).slice(0, -1)}7`, step, step)).toBe(false);
    }));
  });

  test('floorToStep never rounds up and stays on the grid', () => {
    fc.assert(fc.property(fc.constantFrom(...STEPS), fc.double({ min: 0, max: 1e6, noNaN: true }), (step, value) => {
      const floored = floorToStep(value, step);
      expect(floored).toBeLessThanOrEqual(value + 1e-9);
      expect(value - floored).toBeLessThan(Number(step) + 1e-9);
    }));
  });

  test('0.3 is a multiple of 0.1 (floats alone would say no)', () => {
    expect(isOnGrid('0.3', '0.1')).toBe(true);
    expect(isOnGrid('0.30000001', '0.1')).toBe(false);
  });
});

describe('FaultRegistry', () => {
  test('a counted rule is consumed by matching requests only and then removed', () => {
    const faults = new FaultRegistry();
    faults.set({ kind: 'drop', path: '/api/v3/order', method: 'POST', count: 2 });
    expect(faults.plan('GET', '/api/v3/order').outcome).toBeUndefined();
    expect(faults.plan('POST', '/api/v3/order').outcome?.kind).toBe('drop');
    expect(faults.plan('POST', '/api/v3/order').outcome?.kind).toBe('drop');
    expect(faults.plan('POST', '/api/v3/order').outcome).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  test('latencies add up, clock skews add up, and clear() empties everything', () => {
    const faults = new FaultRegistry();
    faults.set({ kind: 'latency', ms: 10 });
    faults.set({ kind: 'latency', ms: 5, path: /^\/api/ });
    faults.set({ kind: 'clockSkew', ms: 2_000 });
    expect(faults.plan('GET', '/api/v3/time').latencyMs).toBe(15);
    expect(faults.clockSkewMs()).toBe(2_000);
    faults.clear();
    expect(faults.clockSkewMs()).toBe(0);
  });

  test('partialFill needs a fraction strictly between 0 and 1', () => {
    expect(() => new FaultRegistry().set({ kind: 'partialFill', fraction: 1 })).toThrow();
  });
});

describe('signature payload', () => {
  test('query string and body are signed together, as Binance documents', () => {
    const credentials = { apiKey: 'k', apiSecret: 's' };
    const rawQuery = 'symbol=BTCUSDT&side=BUY';
    const body = `type=MARKET&quantity=1&timestamp=${Date.now()}`;
    const signature = hmacHex('s', rawQuery + body);
    const params = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1', timestamp: body.split('timestamp=')[1], signature };
    const rawBody = `${body}&signature=${signature}`;
    expect(() => verifySigned({ apiKeyHeader: 'k', rawQuery, rawBody, params }, credentials, Date.now())).not.toThrow();
    const tampered = { apiKeyHeader: 'k', rawQuery: 'symbol=ETHUSDT&side=BUY', rawBody, params };
    expect(() => verifySigned(tampered, credentials, Date.now())).toThrow(BinanceError);
  });
});
