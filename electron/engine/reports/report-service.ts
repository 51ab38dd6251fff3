// Daily reports for the app: the accounts that have a journal, one account's report of one UTC day with its HTML page
// and CSV journal (the same files `quorum report daily` and the day-end job write), and saving either file where the
// trader picks (desktop) or in the exports folder (headless).
import { writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { DailyReportReply, DailyReportView, ReportAccount } from '../../../shared/daily-report-contract';
import { AccountsRepository } from '../accounts/accounts-repo';
import type { FileFilter } from '../files/file-dialogs';
import { dailyReportFiles } from './daily-job';
import { buildDailyReport, type DailyReport } from './daily-report';

const FILTERS: Record<'html' | 'csv', FileFilter[]> = {
  html: [{ name: 'HTML page', extensions: ['html'] }],
  csv: [{ name: 'CSV trade journal', extensions: ['csv'] }],
};

export interface ReportServiceOptions {
  db: Database;
  /** The engine's clock: a day still going is reported up to it. */
  now: () => number;
  /** Where a file goes: the save dialog's choice, the exports folder without one, undefined when cancelled. */
  saveTarget(title: string, defaultName: string, filters: FileFilter[]): Promise<string | undefined>;
}

export class DailyReportService {
  constructor(private readonly o: ReportServiceOptions) {}

  accounts(): ReportAccount[] {
    return new AccountsRepository(this.o.db).list().map((a) => ({ id: a.id, mode: a.mode, profile: a.profile, quote: a.quote }));
  }

  /** An unknown account is a DataError, a bad or future date a ConfigError, both naming their field. */
  daily(account: string, date: string): DailyReportReply {
    const report = buildDailyReport(this.o.db, { account, date, now: this.o.now() });
    const { html, csv } = dailyReportFiles(report);
    return { report: forWire(report), html: html.text, csv: csv.text };
  }

  async export(account: string, date: string, format: 'html' | 'csv'): Promise<{ saved: boolean; path?: string }> {
    const report = buildDailyReport(this.o.db, { account, date, now: this.o.now() });
    const file = dailyReportFiles(report)[format];
    const path = await this.o.saveTarget(`Save the daily report of ${report.account}, ${report.date}`, file.name, FILTERS[format]);
    if (!path) return { saved: false };
    writeFileSync(path, file.text);
    return { saved: true, path };
  }
}

/**
 * The report as JSON carries it: a percentage of a zero start or a Sharpe ratio of one day is NaN, which the WebSocket
 * bridge would turn into null and Electron IPC would keep; null on both.
 */
function forWire(report: DailyReport): DailyReportView {
  return JSON.parse(JSON.stringify(report)) as DailyReportView;
}
