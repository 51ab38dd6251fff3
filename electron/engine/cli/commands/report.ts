// `quorum report daily`: one account's report for one UTC day (default yesterday): a summary on stdout (or --json),
// a self-contained HTML page (--html) and the CSV trade journal (--csv). Only reads the database.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { accountId, parseAccountId } from '../../accounts/account-id';
import { AccountsRepository } from '../../accounts/accounts-repo';
import { ConfigError, DataError } from '../../errors';
import { buildDailyReport, type DailyReport } from '../../reports/daily-report';
import { renderDailyReport } from '../../reports/daily-html';
import { dailyReportText } from '../../reports/daily-text';
import { renderJournalCsv } from '../../reports/journal-csv';
import { money, price, shortTime, signed, votesText } from '../../reports/report-format';
import { parseUtcDay, yesterdayUtc } from '../../reports/utc-day';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type CliIO, type Command, withStore } from '../command';
import { table } from '../format';

const OPTIONS = {
  ...DB_OPTION,
  account: { type: 'string' },
  mode: { type: 'string' },
  date: { type: 'string' },
  html: { type: 'string' },
  csv: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** "binance" or "binance:main" with --mode, or a full id ("paper:binance"); without --mode the profile's only account. */
export function resolveAccount(db: Database, account: string, mode: string | undefined): string {
  if (mode !== undefined && mode !== 'paper' && mode !== 'live') {
    throw new ConfigError(`--mode must be paper or live, got ${JSON.stringify(mode)}`, 'CLI_ARGS', { field: 'mode', value: mode });
  }
  if (/^(paper|live):/.test(account)) {
    const ref = parseAccountId(account);
    if (mode !== undefined && mode !== ref.mode) throw new ConfigError(`--account ${account} is a ${ref.mode} account but --mode says ${mode}`, 'CLI_ARGS', { field: 'mode', value: mode });
    return accountId(ref);
  }
  if (mode !== undefined) return accountId(parseAccountId(`${mode}:${account}`));
  const accounts = new AccountsRepository(db).list();
  const mine = accounts.filter((a) => a.profile === account);
  if (mine.length === 1) return mine[0].id;
  if (mine.length > 1) {
    throw new ConfigError(`${account} has a paper and a live account: pick one with --mode paper or --mode live`, 'CLI_ARGS', { field: 'mode' });
  }
  throw new DataError(`No account for --account ${account}${accounts.length > 0 ? ` (accounts: ${accounts.map((a) => a.id).join(', ')})` : ' (no account has traded in this database yet)'}`,
    'ACCOUNT_UNKNOWN', { field: 'account', value: account });
}

function tradesTable(r: DailyReport): string {
  return table(['#', 'symbol', 'side', 'entry', 'exit', 'size', 'entry price', 'exit price', 'P&L', 'fees', 'exit by', 'entry votes'],
    r.trades.map((t, i) => [i + 1, t.symbol, t.side, shortTime(t.entryTime), shortTime(t.exitTime), t.size, price(t.entryPrice), price(t.exitPrice),
      signed(t.pnl), money(t.fees), t.exitBy ?? '—', votesText(t.entry) || '—']));
}

function write(path: string, text: string, what: string, say: (t: string) => void): void {
  writeFileSync(resolve(path), text);
  say(`Wrote ${what} to ${path}`);
}

export const reportDaily: Command = {
  path: ['report', 'daily'],
  summary: "an account's daily report (UTC day): equity, P&L, fees, trades and their votes, breaker events; HTML and CSV",
  usage: 'quorum report daily --account EXCHANGE[:LABEL] [--mode paper|live] [--date YYYY-MM-DD] [--html FILE] [--csv FILE] [--json] [--db PATH]',
  run(argv: string[], io: CliIO) {
    const { values } = parseFlags(argv, OPTIONS);
    const account = requireString(values, 'account');
    const now = io.now?.() ?? Date.now();
    // Checked before the database opens: a typo in the date is the answer, not a missing file.
    const date = values.date === undefined ? yesterdayUtc(now) : parseUtcDay(values.date).date;
    return withStore(dbPathFrom(values), (store) => {
      const report = buildDailyReport(store.db, { account: resolveAccount(store.db, account, values.mode), date, now });
      // With --json stdout carries only the JSON document; the rest goes to stderr.
      const say = values.json ? (t: string) => io.err(t) : (t: string) => io.out(t);
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else {
        io.out(dailyReportText(report));
        if (report.trades.length > 0) io.out(`\n${tradesTable(report)}`);
      }
      if (values.html !== undefined) write(values.html, renderDailyReport(report), 'the HTML report', say);
      if (values.csv !== undefined) write(values.csv, renderJournalCsv(report), `the trade journal (${report.trades.length} trade(s))`, say);
      return 0;
    });
  },
};
