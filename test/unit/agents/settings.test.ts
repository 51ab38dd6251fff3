// Panel settings: defaults as documented, partial overrides keep the rest, bad values fail naming the setting.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { budgetFor, DEFAULT_PANEL_SETTINGS, parsePanelSettings } from '../../../electron/engine/agents';

describe('PanelSettingsSchema', () => {
  it('has the documented defaults', () => {
    const s = DEFAULT_PANEL_SETTINGS;
    expect(s.quant.weights).toEqual({ rsi: 0.4, macd: 0.3, bollinger: 0.3 });
    expect(s.thresholds).toEqual({ enterLong: 0.3, exitLong: -0.1, enterShort: -0.3, exitShort: 0.1, minConfidence: 0.1 });
    expect(s.weights.regimeShares.trending).toEqual({ trend: 0.6, meanReversion: 0.4 });
    expect(s.weights.regimeShares.ranging).toEqual({ trend: 0.4, meanReversion: 0.6 });
    expect(s.weights.regimeShares.volatile).toEqual({ trend: 0.5, meanReversion: 0.5 });
    expect(s.allowShort).toBe(false);
    expect(s.vetoAction).toBe('hold');
    expect(s.budgets.defaultMs).toBe(60_000);
  });

  it('keeps defaults beside a partial override', () => {
    const s = parsePanelSettings({ quant: { weights: { rsi: 0.5 } }, budgets: { perAgentMs: { Predictor: 250 } } });
    expect(s.quant.weights).toEqual({ rsi: 0.5, macd: 0.3, bollinger: 0.3 });
    expect(s.quant.rsiPeriod).toBe(14);
    expect(budgetFor(s, 'Predictor')).toBe(250);
    expect(budgetFor(s, 'Bull')).toBe(60_000);
  });

  it('is idempotent on parsed settings', () => {
    expect(parsePanelSettings(DEFAULT_PANEL_SETTINGS)).toEqual(DEFAULT_PANEL_SETTINGS);
  });

  it.each([
    [{ thresholds: { enterLong: 0.1, exitLong: 0.2 } }, 'panel.thresholds'],
    [{ quant: { rsiPeriod: 0 } }, 'panel.quant.rsiPeriod'],
    [{ quant: { weights: { rsi: 0, macd: 0, bollinger: 0 } } }, 'panel.quant.weights'],
    [{ regime: { volatilePercentile: 1.5 } }, 'panel.regime.volatilePercentile'],
    [{ vetoAction: 'panic' }, 'panel.vetoAction'],
  ])('rejects %j', (input, field) => {
    let caught: unknown;
    try {
      parsePanelSettings(input as never);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).details.field).toBe(field);
  });
});
