// Panel settings with short periods, so short random series get past every agent's warm-up.
import { parsePanelSettings, type PanelSettings } from '../../../electron/engine/agents';

export const SMALL: PanelSettings = parsePanelSettings({
  quant: { rsiPeriod: 3, macdFast: 2, macdSlow: 4, macdSignal: 2, bbPeriod: 4 },
  trendCase: { emaPeriod: 3, slopeBars: 2, smaPeriod: 5, rocPeriod: 2, atrPeriod: 3, volumeBars: 3, donchianPeriod: 4 },
  regime: { adxPeriod: 3, atrPeriod: 3, bbPeriod: 4, lookback: 5 },
  risk: { spikeLookback: 4 },
});
