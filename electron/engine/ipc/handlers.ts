// Contract handlers: each channel mapped to the engine service that answers it.
import type { Engine } from '../engine';
import { backupDatabase } from '../store/backup';
import { candlesForChart } from '../data/chart-candles';
import { forDisplay } from '../backtest/ui-result';
import { STRATEGY_NAMES } from '../strategies/registry';
import { DataError } from '../errors';
import type { Handlers } from './dispatcher';

export function createHandlers(engine: Engine): Handlers {
  return {
    'engine.status': () => engine.status(),
    'settings.get': () => engine.settings.load(),
    'settings.update': (patch) => engine.updateSettings(patch),
    'db.backup': ({ path }) => backupDatabase(engine.store.db, path),
    'alerts.list': ({ limit }) => engine.alerts.list(limit),
    'data.list': () => engine.data.list(),
    'data.gaps': (key) => engine.data.gaps(key),
    'data.upload': (chunk) => engine.data.upload(chunk),
    'data.import': (req) => engine.data.import(req),
    'data.download': (req) => engine.data.download(req),
    'candles.get': (req) => candlesForChart(engine.data.candles, req),
    'runs.list': ({ limit }) => engine.runs.list(limit),
    'decisions.list': ({ runId, ...range }) => engine.runs.decisions(runId, range),
    'backtest.start': ({ data, strategy, params, options, from, to }) => engine.backtests.start({ data, strategy, params, options, from, to }),
    'backtest.cancel': ({ jobId }) => ({ cancelled: engine.backtests.cancel(jobId) }),
    'backtest.load': ({ runId, maxPoints }) => {
      const loaded = engine.backtests.load(runId);
      if (!loaded) throw new DataError(`No run #${runId}`, 'RUN_NOT_FOUND', { field: 'runId', value: runId });
      return forDisplay(loaded, maxPoints);
    },
    'backtest.strategies': () => [...STRATEGY_NAMES],
    'desk.start': (req) => engine.startDesk(req),
    'desk.stop': () => engine.stopDesk(),
    'session.stop': ({ id }) => engine.desk.stop(id),
    'session.pause': ({ id }) => engine.desk.pause(id, true),
    'session.resume': ({ id }) => engine.desk.pause(id, false),
    'desk.status': () => engine.desk.status(),
    'live.arm': async ({ account, confirm }) => ({ accounts: await engine.arming.arm(account, confirm) }),
    'live.disarm': async ({ account }) => {
      const accounts = engine.arming.disarm(account);
      for (const s of engine.desk.status().sessions) {
        if (s.request.mode === 'live' && s.request.account === account) engine.desk.stop(s.id, 'live trading disarmed');
      }
      return { accounts };
    },
    'risk.state': () => engine.safety.state(),
    'risk.emergencyStop': () => engine.safety.emergencyStop('ui'),
    'risk.killSwitch.trip': ({ mode, reason }) => engine.safety.trip(mode, reason, 'ui'),
    'risk.killSwitch.rearm': ({ confirm }) => engine.safety.rearmKillSwitch(confirm),
    'risk.breaker.rearm': ({ name, account }) => engine.safety.rearmBreaker(name, account),
    'credentials.list': async () => (await engine.credentials().accounts()).map((account) => ({ account })),
    'credentials.set': async ({ account, ...keys }) => {
      await engine.credentials().save(account, keys);
      return { account };
    },
    'credentials.delete': async ({ account }) => ({ deleted: await engine.credentials().remove(account) }),
    'data.delete': ({ exchange, symbol, timeframe }) => engine.data.delete({ exchange, symbol, timeframe }),
  };
}
