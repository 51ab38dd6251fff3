// The schema a trained model is bound to: enough named features, unique, in a fixed order with a fixed hash.
import { describe, expect, it } from 'vitest';
import { parsePanelSettings } from '../../../../electron/engine/agents/settings';
import { allocateSeries } from '../../../../electron/engine/model/candle-series';
import {
  canonicalJson, computeFeatures, FEATURE_SCHEMA, FEATURE_SCHEMA_VERSION, FeatureStream, featureSchema, schemaHash,
} from '../../../../electron/engine/ml/features';

/**
 * The default schema's hash. If this test fails you changed the features (names, order or params): bump
 * FEATURE_SCHEMA_VERSION (electron/engine/ml/features/schema.ts) so models trained on the old layout are refused,
 * then paste the new hash here.
 */
const EXPECTED_HASH = 'fe4c437e5f6607e1188672eaa6fe6856cf198bd32881f9199941b312b660c27d';

describe('feature schema', () => {
  it('has at least 60 unique names, each with params', () => {
    const { names, params } = FEATURE_SCHEMA;
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(Object.keys(params).sort()).toEqual([...names].sort());
  });

  it('covers the families the pipeline promises', () => {
    const names = new Set(FEATURE_SCHEMA.names);
    for (const h of [1, 2, 3, 5, 10, 20, 60]) expect(names).toContain(`ret_log_${h}`);
    for (const n of ['vol_std_10', 'vol_std_30', 'vol_std_60', 'atr_pct_rank_100', 'volume_z_20', 'volume_z_60']) expect(names).toContain(n);
    for (const n of ['rsi_14', 'macd_line', 'macd_signal', 'macd_hist', 'bb_pctb_20', 'bb_width_20', 'atr_pct_14', 'adx_14']) expect(names).toContain(n);
    for (const n of ['plus_di_14', 'minus_di_14', 'stoch_k', 'stoch_d', 'cci_20', 'willr_14', 'roc_30', 'obv_slope_20']) expect(names).toContain(n);
    for (const n of ['vwap_dist_1d', 'keltner_pos_20', 'donchian_pos_20', 'candle_body', 'candle_upper_wick', 'candle_lower_wick']) expect(names).toContain(n);
    for (const n of ['candle_range', 'tod_sin', 'tod_cos', 'dow_sin', 'dow_cos']) expect(names).toContain(n);
    for (const n of ['regime_trending', 'regime_ranging', 'regime_volatile', 'regime_neutral']) expect(names).toContain(n);
    // Candles only by default: the microstructure features need columns CandleSeries does not have.
    expect([...names].filter((n) => n.startsWith('taker') || n.startsWith('trades'))).toEqual([]);
  });

  it(`hash is stable (on failure: bump FEATURE_SCHEMA_VERSION, now ${FEATURE_SCHEMA_VERSION}, and update EXPECTED_HASH)`, () => {
    expect(schemaHash(), 'the feature schema changed: bump FEATURE_SCHEMA_VERSION and update EXPECTED_HASH').toBe(EXPECTED_HASH);
    expect(schemaHash(featureSchema())).toBe(EXPECTED_HASH);
  });

  it('optional inputs and regime settings add or change columns, and so the hash', () => {
    const withTaker = featureSchema({ takerBuyVolume: true });
    const withTrades = featureSchema({ trades: true });
    const both = featureSchema({ takerBuyVolume: true, trades: true });
    expect(withTaker.names).toEqual([...FEATURE_SCHEMA.names, 'taker_buy_share', 'taker_buy_share_20']);
    expect(withTrades.names).toEqual([...FEATURE_SCHEMA.names, 'trades_z_20']);
    expect(both.names).toEqual([...withTaker.names, 'trades_z_20']);
    const regime = featureSchema({ regime: parsePanelSettings({ regime: { lookback: 50 } }).regime });
    expect(regime.names).toEqual(FEATURE_SCHEMA.names);
    const hashes = new Set([FEATURE_SCHEMA, withTaker, withTrades, both, regime].map((s) => schemaHash(s)));
    expect(hashes.size).toBe(5);
  });

  it('hashes content, not key order or object identity', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 'x', x: 2 }] })).toBe('{"a":[{"x":2,"y":"x"}],"b":1}');
    const shuffled = { params: FEATURE_SCHEMA.params, names: [...FEATURE_SCHEMA.names], version: FEATURE_SCHEMA.version };
    expect(schemaHash(shuffled)).toBe(EXPECTED_HASH);
    expect(schemaHash({ ...FEATURE_SCHEMA, version: FEATURE_SCHEMA.version + 1 })).not.toBe(EXPECTED_HASH);
  });

  it('the batch matrix and the stream carry the schema they were computed with', () => {
    const m = computeFeatures(allocateSeries(0));
    expect(m.names).toEqual(FEATURE_SCHEMA.names);
    expect(m.schemaHash).toBe(EXPECTED_HASH);
    expect([m.rows, m.cols, m.firstComplete, m.values.length]).toEqual([0, FEATURE_SCHEMA.names.length, 0, 0]);
    const extra = { trades: new Float64Array(0) };
    expect(computeFeatures(allocateSeries(0), { extra }).schemaHash).toBe(schemaHash(featureSchema({ trades: true })));
    const stream = new FeatureStream();
    expect(stream.names).toEqual(FEATURE_SCHEMA.names);
    expect(stream.schemaHash).toBe(EXPECTED_HASH);
  });

  it('refuses optional inputs of the wrong length', () => {
    expect(() => computeFeatures(allocateSeries(3), { extra: { trades: new Float64Array(2) } })).toThrow(/trades has 2 values for 3 bars/);
  });
});
