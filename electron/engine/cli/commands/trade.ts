// `quorum trade start|stop|list|status|arm|disarm`: paper and live sessions from the command line, through the same
// engine and contract the app uses. Commands that change trading state refuse while another process (the app, the
// headless server, another `quorum trade start`) has the database open; list and status only read, so they always work.
import { describeIssues } from '../../../../shared/issues';
import { ARM_LIVE_CONFIRMATION, DeskStartSchema, type DeskStatusView, type SessionView } from '../../../../shared/desk-contract';
import { accountId } from '../../accounts/account-id';
import type { SessionRequest } from '../../accounts/session-request';
import { SessionsRepository, type SessionRow } from '../../accounts/sessions-repo';
import { parseFixedParams, formatParams } from '../../backtest/param-grid';
import { ConfigError, DataError, RiskError } from '../../errors';
import { LiveArming } from '../../live/arming';
import { KillSwitchStore } from '../../risk/kill-switch-store';
import { haltsTrading, REARM_CONFIRMATION } from '../../risk/kill-switch-types';
import { openStore } from '../../store/database';
import { RunsRepository } from '../../store/runs-repo';
import { SettingsRepository } from '../../store/settings-repo';
import { createStrategy } from '../../strategies/registry';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type CliIO, type Command, withStore } from '../command';
import { isoTime, table } from '../format';
import { numberFlag } from './backtest-options';
import { Books, killSwitchText, orderText, positionText } from './trade-books';
import { decisionLine, tradeInForeground } from './trade-loop';
import { money, printAlerts, readAppLock, refuseWhileRunning, replyValue, startCliEngine, withCliLock, type AppLockInfo } from './trading-host';

const START_OPTIONS = {
  ...DB_OPTION,
  mode: { type: 'string' },
  account: { type: 'string' },
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  strategy: { type: 'string' },
  param: { type: 'string', multiple: true },
  cash: { type: 'string' },
  budget: { type: 'string' },
  sizing: { type: 'string' },
  commission: { type: 'string' },
  'window-bars': { type: 'string' },
  'resume-on-start': { type: 'boolean' },
  'exchange-url': { type: 'string' },
  'poll-ms': { type: 'string' },
  bars: { type: 'string' },
} as const;

type StartValues = ReturnType<typeof parseFlags<typeof START_OPTIONS>>['values'];

const positive = (n: number) => n > 0;
const positiveInt = (n: number) => Number.isInteger(n) && n > 0;

/** The session the trader asks for, checked against the contract's schema (the UI sends the same shape). */
function sessionRequest(values: StartValues): SessionRequest {
  const raw = {
    account: requireString(values, 'account'),
    mode: requireString(values, 'mode'),
    symbol: requireString(values, 'symbol'),
    timeframe: requireString(values, 'timeframe'),
    strategy: requireString(values, 'strategy'),
    params: parseFixedParams(values.param ?? []),
    cash: numberFlag(values, 'cash', positive, 'a number > 0'),
    budget: numberFlag(values, 'budget', positive, 'a number > 0'),
    commission: numberFlag(values, 'commission', (n) => n >= 0 && n <= 0.1, 'a fraction in [0, 0.1]'),
    windowBars: numberFlag(values, 'window-bars', positiveInt, 'a positive integer'),
    sizing: values.sizing,
    resumeOnStart: values['resume-on-start'] ? true : undefined,
  };
  const parsed = DeskStartSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const { message, field } = describeIssues(parsed.error);
    throw new ConfigError(`Invalid session: ${message}`, 'CLI_ARGS', { field });
  }
  // An unknown strategy or a bad param fails here, before anything connects.
  createStrategy(parsed.data.strategy, parsed.data.params);
  return parsed.data;
}

/** What would refuse the session anyway, checked before any account connects (start-up would re-run a latched kill). */
function preflight(db: string, request: SessionRequest): void {
  return withStore(db, (store) => {
    const ks = new KillSwitchStore(store.db).load();
    if (haltsTrading(ks)) {
      throw new RiskError(`The kill switch is latched (${killSwitchText(ks)}): re-arm it first with quorum kill rearm --confirm ${REARM_CONFIRMATION} (or in the app)`,
        'KILL_SWITCH_LATCHED');
    }
    if (request.mode === 'live' && !new SettingsRepository(store.db).load().liveArmedAccounts.includes(request.account)) {
      throw new RiskError(`Live trading is not armed for ${request.account}: arm it first with quorum trade arm --account ${request.account} --confirm "${ARM_LIVE_CONFIRMATION}" (or in the app); the CLI never arms by itself`,
        'LIVE_NOT_ARMED', { field: 'account', value: request.account });
    }
  });
}

function sameSession(v: SessionView, request: SessionRequest): boolean {
  const r = v.request;
  return v.account === accountId({ profile: request.account, mode: request.mode }) && r.symbol === request.symbol
    && r.timeframe === request.timeframe && r.strategy === request.strategy;
}

function describeRequest(r: SessionRequest): string {
  const params = formatParams(r.params);
  return `${r.mode}:${r.account} ${r.symbol} ${r.timeframe} ${r.strategy}${params ? ` ${params}` : ''}`;
}

export const tradeStart: Command = {
  path: ['trade', 'start'],
  summary: 'paper- or live-trade a session in the foreground until Ctrl-C (refused while the app has the database open)',
  usage: 'quorum trade start --mode paper|live --account binance --symbol FIL/USDT --timeframe 1m --strategy NAME [--param k=v …] '
    + '[--cash N] [--budget N] [--sizing S] [--commission F] [--window-bars N] [--resume-on-start] [--exchange-url URL] [--poll-ms 5000] [--bars N] [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, START_OPTIONS);
    const request = sessionRequest(values);
    const pollMs = numberFlag(values, 'poll-ms', positiveInt, 'a positive integer (milliseconds)') ?? 5_000;
    const maxBars = numberFlag(values, 'bars', positiveInt, 'a positive integer');
    const db = dbPathFrom(values);
    refuseWhileRunning(db, 'start sessions');
    preflight(db, request);
    const engine = startCliEngine(db, io, { exchangeUrl: values['exchange-url'], inApp: 'start sessions' });
    const unsubscribe = printAlerts(engine, io);
    try {
      io.out(`Connecting ${db}…`);
      await engine.ready;
      const resumed = engine.desk.status().sessions;
      for (const s of resumed) io.out(`Resumed session ${s.id} (resume-on-start): ${describeRequest(s.request)}, budget ${money(s.budget)}`);
      let session = resumed.find((s) => sameSession(s, request));
      if (session) {
        io.out(`Session ${session.id} already trades this market with ${request.strategy}: carrying on with it (its stored settings apply).`);
      } else {
        const status = replyValue<DeskStatusView>(await engine.dispatcher.dispatch('desk.start', request));
        session = status.sessions.find((s) => sameSession(s, request)) as SessionView;
        const quote = engine.desk.account(session.account)?.row.quote ?? '';
        io.out(`Session ${session.id} started: ${describeRequest(session.request)}, budget ${money(session.budget)} ${quote}`
          + `${request.resumeOnStart ? ', resumes on start' : ''}`);
      }
      if (session.lastDecision) io.out(`Last closed bar: ${decisionLine(session.lastDecision)}`);
      return await tradeInForeground(engine, io, { sessionId: session.id, pollMs, maxBars });
    } finally {
      unsubscribe();
      // Start-up may still be connecting accounts if something failed early: let it settle before the store closes.
      await engine.ready;
      engine.close();
    }
  },
};

export const tradeStop: Command = {
  path: ['trade', 'stop'],
  summary: 'mark a session stopped in the database (refused while the app runs: stop it there)',
  usage: 'quorum trade stop ID [--db PATH]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, DB_OPTION, true);
    const id = sessionIdArg(positionals);
    const db = dbPathFrom(values);
    refuseWhileRunning(db, 'stop sessions');
    return withCliLock(db, 'stop sessions', () => {
      return withStore(db, (store) => {
        const books = new Books(store.db);
        const row = requireSession(books, id, db);
        if (row.status === 'stopped') {
          io.out(`Session ${id} is already stopped${row.stopReason ? ` (${row.stopReason})` : ''}.`);
          return 0;
        }
        new SessionsRepository(store.db).setStatus(id, 'stopped', 'stopped from the command line');
        io.out(`Session ${id} stopped: ${describeRequest(row.request)}${row.resumeOnStart ? ' (it will no longer resume on start)' : ''}.`);
        const held = books.positionOf(row);
        if (held) io.out(`Its position stays open: ${positionText(held)} (quorum kill flatten closes every position).`);
        return 0;
      });
    });
  },
};

export const tradeList: Command = {
  path: ['trade', 'list'],
  summary: 'list paper and live sessions with their budget, status and position (safe while the app runs)',
  usage: 'quorum trade list [--json] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } });
    const db = dbPathFrom(values);
    return withStore(db, (store) => {
      const books = new Books(store.db);
      const app = readAppLock(db);
      if (values.json) {
        io.out(JSON.stringify({ app: app ?? null, killSwitch: books.killSwitch, sessions: books.sessions.map((s) => sessionJson(books, s)), unowned: books.unowned() }, null, 2));
        return 0;
      }
      io.out(appLine(db, app));
      if (books.sessions.length === 0) {
        io.out('No sessions yet: quorum trade start --mode paper … starts one.');
        return 0;
      }
      io.out(table(['ID', 'ACCOUNT', 'MARKET', 'STRATEGY', 'BUDGET', 'STATUS', 'RESUME', 'POSITION'], books.sessions.map((s) => [
        s.id, s.accountId, `${s.request.symbol} ${s.request.timeframe}`, `${s.request.strategy}${Object.keys(s.request.params).length ? ` ${formatParams(s.request.params)}` : ''}`,
        `${money(s.budget)} ${books.quoteOf(s)}`, s.status, s.resumeOnStart ? 'yes' : 'no', positionText(books.positionOf(s)),
      ])));
      for (const { account, position } of books.unowned()) io.out(`${account} also holds ${positionText(position)} that no listed session owns.`);
      if (books.killSwitch.isTripped) io.out(`Kill switch: ${killSwitchText(books.killSwitch)}`);
      return 0;
    });
  },
};

export const tradeStatus: Command = {
  path: ['trade', 'status'],
  summary: "one session's details (or every active session): position, open orders, recent decisions",
  usage: 'quorum trade status [ID] [--json] [--db PATH]',
  run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } }, true);
    const db = dbPathFrom(values);
    return withStore(db, (store) => {
      const books = new Books(store.db);
      const app = readAppLock(db);
      const chosen = positionals.length > 0 ? [requireSession(books, sessionIdArg(positionals), db)] : books.sessions.filter((s) => s.status !== 'stopped');
      if (values.json) {
        io.out(JSON.stringify({ app: app ?? null, killSwitch: books.killSwitch, sessions: chosen.map((s) => ({ ...sessionJson(books, s), openOrders: books.openOrdersOf(s) })) }, null, 2));
        return 0;
      }
      io.out(appLine(db, app));
      io.out(`Kill switch: ${killSwitchText(books.killSwitch)}`);
      const armed = new SettingsRepository(store.db).load().liveArmedAccounts;
      io.out(`Live trading armed for: ${armed.length ? armed.join(', ') : 'no account'}`);
      if (chosen.length === 0) io.out('No active session.');
      const runs = new RunsRepository(store.db);
      for (const s of chosen) {
        io.out('');
        io.out(`Session ${s.id}: ${describeRequest(s.request)}`);
        io.out(`  status ${s.status}${s.stopReason ? ` (${s.stopReason})` : ''}, resume on start ${s.resumeOnStart ? 'yes' : 'no'}, budget ${money(s.budget)} ${books.quoteOf(s)}`);
        io.out(`  created ${isoTime(s.createdAt)}, updated ${isoTime(s.updatedAt)}${s.runId ? `, run #${s.runId}` : ''}`);
        io.out(`  position ${positionText(books.positionOf(s))}`);
        const open = books.openOrdersOf(s);
        io.out(`  open orders: ${open.length === 0 ? 'none' : ''}`);
        for (const o of open) io.out(`    ${orderText(o)} ${o.clientOrderId}`);
        const recent = s.runId ? runs.decisions(s.runId, { limit: 5, actionsOnly: true }) : [];
        if (recent.length > 0) io.out('  latest decisions that act:');
        for (const d of recent) io.out(`    ${decisionLine(d)}`);
      }
      return 0;
    });
  },
};

const ARM_OPTIONS = { ...DB_OPTION, account: { type: 'string' }, confirm: { type: 'string' } } as const;

export const tradeArm: Command = {
  path: ['trade', 'arm'],
  summary: 'arm live order sending for one exchange account (keys must be in the OS keychain; refused while the app runs)',
  usage: `quorum trade arm --account binance --confirm "${ARM_LIVE_CONFIRMATION}" [--db PATH]`,
  async run(argv, io) {
    const { values } = parseFlags(argv, ARM_OPTIONS);
    const account = requireString(values, 'account');
    const db = dbPathFrom(values);
    refuseWhileRunning(db, 'arm live trading');
    return withCliLock(db, 'arm live trading', async () => {
      return withStore(db, async (store) => {
        const armed = await arming(store.db, io).arm(account, values.confirm ?? '');
        io.out(`Live trading armed for ${account} (armed: ${armed.join(', ')}). quorum trade start --mode live … now sends real orders.`);
        return 0;
      });
    });
  },
};

export const tradeDisarm: Command = {
  path: ['trade', 'disarm'],
  summary: 'disarm live order sending for one exchange account (refused while the app runs)',
  usage: 'quorum trade disarm --account binance [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, account: { type: 'string' } });
    const account = requireString(values, 'account');
    const db = dbPathFrom(values);
    refuseWhileRunning(db, 'disarm live trading');
    return withCliLock(db, 'disarm live trading', () => {
      return withStore(db, (store) => {
        const armed = arming(store.db, io).disarm(account);
        io.out(`Live trading disarmed for ${account} (armed: ${armed.length ? armed.join(', ') : 'no account'}).`);
        return 0;
      });
    });
  },
};

function arming(db: ReturnType<typeof openStore>['db'], io: CliIO): LiveArming {
  return new LiveArming(new SettingsRepository(db), () => {
    if (!io.credentials) throw new RiskError('No OS keychain is connected to this command', 'KEYCHAIN_UNAVAILABLE');
    return io.credentials();
  });
}

function sessionIdArg(positionals: string[]): number {
  if (positionals.length !== 1) throw new ConfigError('Expected one session id (quorum trade list shows them)', 'CLI_ARGS', { field: 'id' });
  return numberFlag({ id: positionals[0] }, 'id', positiveInt, 'a session id (a positive integer)') as number;
}

function requireSession(books: Books, id: number, db: string): SessionRow {
  const row = books.session(id);
  if (!row) throw new DataError(`No session ${id} in ${db} (quorum trade list shows them)`, 'SESSION_UNKNOWN', { field: 'id', value: id });
  return row;
}

function appLine(db: string, app: AppLockInfo | undefined): string {
  return app
    ? `Quorum is running on ${db} (pid ${app.pid}, ${app.host}, since ${isoTime(app.startedAt)}).`
    : `Quorum is not running on ${db}: no session trades now; sessions marked resume-on-start carry on when it starts.`;
}

function sessionJson(books: Books, s: SessionRow) {
  return { ...s, quote: books.quoteOf(s), position: books.positionOf(s) ?? null };
}
