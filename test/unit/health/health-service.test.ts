// HealthService on a real database file: which exchange profiles it checks, that a failing source makes its check
// 'bad' instead of failing the run, that status changes alert once each way (and the self-alerting kill switch not
// at all), and that closing it stops a quick_check in flight.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLibrary } from '../../../electron/engine/ml/model-library';
import { configuredProfiles, HealthService, type HealthOptions } from '../../../electron/engine/health';
import type { NewAlert } from '../../../electron/engine/store/alerts-repo';
import { openStore } from '../../../electron/engine/store/database';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-health-service-');

function service(name: string, over: Partial<HealthOptions> = {}) {
  const dbPath = join(dir, name);
  const { db } = openStore(dbPath);
  const alerts: NewAlert[] = [];
  let model = '';
  const health = new HealthService({
    dbPath, db, quickCheckInThread: true,
    settings: () => ({ ...DEFAULT_SETTINGS, panel: { ...DEFAULT_SETTINGS.panel, predictor: { ...DEFAULT_SETTINGS.panel.predictor, model } } }),
    models: new ModelLibrary(join(dir, 'models'), resolve('models')),
    accountProfiles: () => [],
    // No exchange in these tests: the exchange check fails at once (bad), which is what some of them want.
    exchangeFor: async () => { throw new Error('offline in this test'); },
    risk: () => ({ killSwitch: { isTripped: false }, breakers: [] }),
    raiseAlert: (a) => void alerts.push(a),
    ...over,
  });
  return { health, db, alerts, select: (m: string) => (model = m) };
}

describe('configuredProfiles', () => {
  it('takes stored accounts, armed accounts and keyed profiles once each, else the default exchange', () => {
    expect(configuredProfiles({ accounts: ['binance', 'binance'], settings: { liveArmedAccounts: ['binance:main'], defaultExchange: 'kraken' }, keyed: ['okx'] }))
      .toEqual(['binance', 'binance:main', 'okx']);
    expect(configuredProfiles({ accounts: [], settings: { liveArmedAccounts: [], defaultExchange: 'kraken' }, keyed: [] })).toEqual(['kraken']);
  });
});

describe('HealthService', () => {
  it('turns a failing source into a bad check, never a failed run', async () => {
    const { health, db } = service('failing.db', {
      risk: () => { throw new Error('risk view unavailable'); },
      settings: () => { throw new Error('settings unreadable'); },
    });
    const report = await health.run();
    expect(report.status).toBe('bad');
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    expect(byName.get('kill-switch')).toMatchObject({ status: 'bad', detail: 'the check failed: risk view unavailable' });
    expect(byName.get('model')).toMatchObject({ status: 'bad', detail: expect.stringMatching(/settings cannot be read: settings unreadable/) });
    expect(byName.get('exchange:binance')).toMatchObject({ status: 'bad', detail: expect.stringMatching(/offline in this test/) });
    expect(byName.get('database')).toMatchObject({ status: 'ok' });
    health.close();
    db.close();
  });

  it('alerts a change once each way: critical when it turns bad, info when it recovers', async () => {
    const { health, db, alerts, select } = service('alerts.db', { risk: () => ({ killSwitch: { isTripped: true, mode: 'halt', source: 'ui', reason: 'r', trippedAt: 1 }, breakers: [] }) });
    await health.run();
    // The exchange is bad from the first run (offline here); the kill switch alerts on its own, so not here.
    expect(alerts.map((a) => [a.level, a.source])).toEqual([['critical', 'health:exchange:binance']]);
    select('missing-model');
    await health.run();
    await health.run();
    select('');
    await health.run();
    expect(alerts.filter((a) => a.source === 'health:model').map((a) => a.level)).toEqual(['critical', 'info']);
    expect(alerts.some((a) => a.source === 'health:kill-switch')).toBe(false);
    health.close();
    db.close();
  });

  it('shares a run in progress, and after close neither alerts nor keeps a worker running', async () => {
    const { health, db, alerts } = service('close.db', { quickCheckInThread: false });
    const a = health.run();
    expect(health.run()).toBe(a);
    health.close();
    const report = await a;
    expect(report.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'bad', detail: 'PRAGMA quick_check failed: stopped: the engine is closing' });
    expect(alerts).toEqual([]);
    expect(health.last()).toBeUndefined();
    db.close();
  });
});
