// The families in column order. Order is part of the schema: appending or reordering is a new schema version.
import { parsePanelSettings } from '../../agents/settings';
import type { FeatureFamily } from './family';
import { bandsFamily } from './families/bands';
import { calendarFamily } from './families/calendar';
import { candleFamily } from './families/candle';
import { flowFamily } from './families/flow';
import { takerFamily, tradesFamily } from './families/micro';
import { oscillatorFamily } from './families/oscillators';
import { regimeFamily, type RegimeSettings } from './families/regime';
import { returnsFamily } from './families/returns';
import { trendFamily } from './families/trend';
import { volatilityFamily } from './families/volatility';

export type { RegimeSettings } from './families/regime';

/** What decides the columns: the Regime agent's settings and which optional inputs are present. */
export interface SchemaOptions {
  /** Defaults to the panel's default regime settings (parsePanelSettings().regime). */
  regime?: RegimeSettings;
  /** Adds taker_buy_share and taker_buy_share_20 (after the candle features). */
  takerBuyVolume?: boolean;
  /** Adds trades_z_20 (last). */
  trades?: boolean;
}

export function defaultRegimeSettings(): RegimeSettings {
  return parsePanelSettings().regime;
}

export function featureFamilies(options: SchemaOptions = {}): FeatureFamily[] {
  return [
    returnsFamily,
    trendFamily,
    oscillatorFamily,
    bandsFamily,
    volatilityFamily,
    flowFamily,
    candleFamily,
    calendarFamily,
    regimeFamily(options.regime ?? defaultRegimeSettings()),
    ...(options.takerBuyVolume ? [takerFamily] : []),
    ...(options.trades ? [tradesFamily] : []),
  ];
}
