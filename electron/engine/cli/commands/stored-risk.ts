// The risk a CLI backtest runs under: the app's stored limits and breakers (read-only from --db), or none with --no-risk.
import { existsSync } from 'node:fs';
import type { BacktestRiskSettings } from '../../backtest/backtest-risk';
import { openStore } from '../../store/database';
import { SettingsRepository } from '../../store/settings-repo';

/** Read-only, so a backtest on a file never creates the app's database; with no database yet, the defaults. */
export function storedRiskSettings(dbPath: string): BacktestRiskSettings {
  if (!existsSync(dbPath)) return {};
  const { db } = openStore(dbPath, { readonly: true });
  try {
    return new SettingsRepository(db).load().risk;
  } finally {
    db.close();
  }
}

export function runRisk(noRisk: boolean, dbPath: string): BacktestRiskSettings | false {
  return noRisk ? false : storedRiskSettings(dbPath);
}

export function describeRisk(risk: BacktestRiskSettings | false | undefined): string {
  return risk === false ? 'off (--no-risk)' : 'limits and circuit breakers from settings, on a backtest-local state';
}
