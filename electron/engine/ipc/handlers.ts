// Contract handlers: each channel mapped to the service that answers it (see services.ts for the surface).
import { candlesForChart } from '../data/chart-candles';
import { chartIndicatorList, indicatorSeriesForChart } from '../data/chart-indicators';
import { storedRunReport } from '../backtest/run-report';
import { forDisplay } from '../backtest/ui-result';
import { DataError } from '../errors';
import type { Handlers } from './dispatcher';
import type { ContractServices } from './services';
import { ALERT_SECRET_PREFIX } from '../alerts/secrets';

export function createHandlers(s: ContractServices): Handlers {
  return {
    'engine.status': () => s.status(),
    'app.info': () => s.app.info(),
    'app.openLogs': () => s.app.openLogs(),
    'app.logTail': ({ lines }) => s.app.logTail(lines),
    'settings.get': () => s.settings.load(),
    'settings.update': (patch) => s.settings.update(patch),
    'db.backup': () => s.backup(),
    'db.restore': ({ file }) => s.database.restore(file),
    'db.restoreStatus': () => s.database.status(),
    'db.restoreCancel': () => s.database.cancel(),
    'alerts.list': ({ limit }) => s.alerts.list(limit),
    'data.list': () => s.data.list(),
    'data.gaps': (key) => s.data.gaps(key),
    'data.upload': (chunk) => s.files.upload(chunk),
    'files.open': async ({ purpose, multiple }) => ({ files: await s.files.open(purpose, multiple) }),
    'data.import': (req) => s.data.import(req),
    'data.loadSample': () => s.data.importSample(s.samplesDir),
    'data.download': (req) => s.data.download(req),
    'candles.get': (req) => candlesForChart(s.candles, req),
    'indicators.list': () => chartIndicatorList(),
    'indicators.series': (req) => indicatorSeriesForChart(s.candles, req),
    'runs.list': ({ limit }) => s.runs.list(limit),
    'decisions.list': ({ runId, ...range }) => s.runs.decisions(runId, range),
    'decisions.columns': ({ runId, ...range }) => s.runs.columns(runId, range),
    'backtest.start': (req) => s.backtests.start(req),
    'backtest.cancel': ({ jobId }) => ({ cancelled: s.backtests.cancel(jobId) }),
    'backtest.load': ({ runId, maxPoints }) => {
      const loaded = s.backtests.load(runId);
      if (!loaded) throw new DataError(`No run #${runId}`, 'RUN_NOT_FOUND', { field: 'runId', value: runId });
      return forDisplay(loaded, maxPoints);
    },
    'backtest.report': ({ runId }) => {
      const loaded = s.backtests.load(runId);
      if (!loaded) throw new DataError(`No run #${runId}`, 'RUN_NOT_FOUND', { field: 'runId', value: runId });
      return storedRunReport(loaded);
    },
    'backtest.strategies': () => [...s.backtests.strategies],
    'desk.start': (req) => s.desk.start(req),
    'desk.stop': () => s.desk.stopAll(),
    'session.stop': ({ id }) => s.desk.stop(id),
    'session.pause': ({ id }) => s.desk.pause(id, true),
    'session.resume': ({ id }) => s.desk.pause(id, false),
    'desk.status': () => s.desk.status(),
    'session.candles': ({ id }) => s.desk.candles(id),
    'desk.orders': ({ limit, openOnly }) => s.deskBook.orders(limit, openOnly),
    'desk.fills': ({ limit, sessionId }) => s.deskBook.fills(limit, sessionId),
    'desk.sessions': ({ limit }) => s.deskBook.recentSessions(limit),
    'live.arm': async ({ account, confirm }) => ({ accounts: await s.live.arm(account, confirm) }),
    'live.disarm': ({ account }) => ({ accounts: s.live.disarm(account) }),
    'risk.state': () => s.safety.state(),
    'risk.emergencyStop': () => s.safety.emergencyStop('ui'),
    'risk.killSwitch.trip': ({ mode, reason }) => s.safety.trip(mode, reason, 'ui'),
    'risk.killSwitch.rearm': ({ confirm }) => s.safety.rearmKillSwitch(confirm),
    'risk.breaker.rearm': ({ name, account }) => s.safety.rearmBreaker(name, account),
    // Alert channels keep their secrets in the same keychain service: they are not exchange keys, so not listed here
    // (the contract's account names cannot reach them either).
    'credentials.list': async () => (await s.credentials().accounts()).filter((a) => !a.startsWith(ALERT_SECRET_PREFIX)).map((account) => ({ account })),
    'credentials.set': async ({ account, ...keys }) => {
      await s.credentials().save(account, keys);
      return { account };
    },
    'webhook.status': () => s.webhook.status(),
    'webhook.setSecret': ({ secret }) => s.webhook.setSecret(secret),
    'credentials.delete': async ({ account }) => ({ deleted: await s.credentials().remove(account) }),
    'credentials.test': ({ account }) => s.exchangeProfiles.test(account),
    'data.delete': ({ exchange, symbol, timeframe }) => s.data.delete({ exchange, symbol, timeframe }),
    'models.list': () => s.models.list(),
    'models.report': ({ name }) => s.models.report(name),
    'models.train': (req) => s.models.train(req),
    'models.evaluate': (req) => s.models.evaluate(req),
    'models.cancel': ({ jobId }) => ({ cancelled: s.models.cancel(jobId) }),
    'drift.report': ({ runId }) => s.drift.report(runId),
    'health.last': () => s.health.last(),
    'health.run': () => s.health.run(),
    'alerts.channels': () => s.alertChannels.channels(),
    'alerts.addChannel': (input) => s.alertChannels.add(input),
    'alerts.removeChannel': ({ name }) => s.alertChannels.remove(name),
    'alerts.testChannel': ({ name }) => s.alertChannels.test(name),
    'alerts.deliveries': ({ limit }) => s.alertChannels.deliveries(limit),
    'report.accounts': () => s.reports.accounts(),
    'report.daily': ({ account, date }) => s.reports.daily(account, date),
    'report.export': ({ account, date, format }) => s.reports.export(account, date, format),
    'sweep.start': (req) => s.sweeps.startSweep(req),
    'walkforward.start': (req) => s.sweeps.startWalkForward(req),
    'sweep.cancel': ({ jobId }) => ({ cancelled: s.sweeps.cancel(jobId) }),
    'sweep.result': ({ jobId }) => s.sweeps.result(jobId),
  };
}
