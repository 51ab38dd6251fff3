// The built-in strategies' parameter schemas (shared/strategy-params.ts) are the engine's check: each accepts its
// defaults, refuses out-of-range values with the field named, and createStrategy refuses exactly what the schema does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { createStrategy, STRATEGY_NAMES, type StrategyParams } from '../../../electron/engine/strategies';
import { defaultStrategyParams, STRATEGY_PARAM_SCHEMAS, strategyParamSchema } from '../../../shared/strategy-params';

const DEFAULTS = {
  'sma-cross': { fast: 10, slow: 20 },
  'ema-cross': { fast: 12, slow: 26 },
  'price-sma-cross': { period: 15 },
  'rsi-revert': { period: 14, low: 30, high: 70 },
} as const;

type Named = keyof typeof DEFAULTS;

/** The error createStrategy throws for `params`, or undefined when it builds the strategy. */
function refusal(name: string, params: StrategyParams): ConfigError | undefined {
  try {
    createStrategy(name, params);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

describe('strategy parameter schemas', () => {
  it('cover every built-in strategy but the panel, whose params are its settings', () => {
    expect(Object.keys(STRATEGY_PARAM_SCHEMAS).sort()).toEqual(STRATEGY_NAMES.filter((n) => n !== 'panel').sort());
    expect(strategyParamSchema('panel')).toBeUndefined();
    expect(strategyParamSchema('toString')).toBeUndefined();
  });

  it.each(Object.keys(DEFAULTS) as Named[])('%s: the schema defaults are the ones the strategy runs with, each field described', (name) => {
    expect(defaultStrategyParams(name)).toEqual(DEFAULTS[name]);
    const strategy = createStrategy(name) as unknown as Record<string, number>;
    for (const [key, value] of Object.entries(DEFAULTS[name])) expect(strategy[key], key).toBe(value);
    for (const field of Object.values(STRATEGY_PARAM_SCHEMAS[name].shape)) expect(field.description).toMatch(/\w{3,}/);
  });

  // [strategy, params, the field at fault, the value named, what the message wants]
  const BAD: [Named, StrategyParams, string, string, RegExp][] = [
    ['sma-cross', { fast: 0 }, 'fast', '0', /must be an integer >= 1/],
    ['sma-cross', { slow: 2.5 }, 'slow', '2.5', /must be an integer >= 1/],
    ['sma-cross', { fast: 30, slow: 10 }, 'fast', '30', /must be less than slow \(10\)/],
    ['sma-cross', { fast: 'ten' }, 'fast', 'ten', /must be an integer >= 1/],
    ['ema-cross', { fast: 30 }, 'fast', '30', /must be less than slow \(26\)/],
    ['ema-cross', { slow: 5 }, 'fast', '12', /must be less than slow \(5\)/],
    ['price-sma-cross', { period: 0 }, 'period', '0', /must be an integer >= 1/],
    ['price-sma-cross', { period: true }, 'period', 'true', /must be an integer >= 1/],
    ['rsi-revert', { period: 1 }, 'period', '1', /must be an integer >= 2/],
    ['rsi-revert', { low: -1 }, 'low', '-1', /must be a number in \[0, 100\]/],
    ['rsi-revert', { high: 100.5 }, 'high', '100.5', /must be a number in \[0, 100\]/],
    ['rsi-revert', { low: 80 }, 'low', '80', /must be below high \(70\)/],
  ];

  it.each(BAD)('%s refuses %o in the schema and in the engine, naming %s', (name, params, field, value, want) => {
    const parsed = STRATEGY_PARAM_SCHEMAS[name].safeParse(params);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual([field]);
    expect(parsed.error?.issues[0].message).toMatch(want);
    const err = refusal(name, params);
    expect(err?.code).toBe('CONFIG_INVALID');
    expect(err?.details.field).toBe(field);
    expect(err?.message).toBe(`${name}: param ${field} ${parsed.error?.issues[0].message}, got ${value}`);
  });

  it('accepts the edges of each range, numeric text (the CLI) and ignores keys it does not know, as before', () => {
    expect(refusal('sma-cross', { fast: 1, slow: 2 })).toBeUndefined();
    expect(refusal('rsi-revert', { period: 2, low: 0, high: 100 })).toBeUndefined();
    expect(refusal('price-sma-cross', { period: '30', other: 1 })).toBeUndefined();
    expect((createStrategy('price-sma-cross', { period: '30' }) as unknown as { period: number }).period).toBe(30);
  });

  it('the engine refuses exactly what the schema refuses (fast/slow and rsi levels, any values)', () => {
    const anyNumber = fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double({ min: -10, max: 120, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom<Named>('sma-cross', 'ema-cross'), anyNumber, anyNumber, (name, fast, slow) => {
        const ok = STRATEGY_PARAM_SCHEMAS[name].safeParse({ fast, slow }).success;
        expect(ok).toBe(Number.isInteger(fast) && Number.isInteger(slow) && fast >= 1 && fast < slow);
        expect(refusal(name, { fast, slow }) === undefined).toBe(ok);
      }),
    );
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, (period, low, high) => {
        const ok = STRATEGY_PARAM_SCHEMAS['rsi-revert'].safeParse({ period, low, high }).success;
        expect(ok).toBe(Number.isInteger(period) && period >= 2 && low >= 0 && high <= 100 && low < high);
        expect(refusal('rsi-revert', { period, low, high }) === undefined).toBe(ok);
      }),
    );
  });
});
