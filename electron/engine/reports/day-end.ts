// The engine's day-end job: a minute after 00:00 UTC, every account's report of the day just over is written to the
// exports folder (HTML and CSV journal) and announced as an alert, which the alert channels carry to the trader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { NewAlert } from '../store/alerts-repo';
import { dailyReportFiles, dailyReportsFor, nextDailyRun } from './daily-job';
import { dailyReportAlert } from './daily-text';

export interface DayEndOptions {
  db: Database;
  now: () => number;
  /** Where the files go (the app's exports/reports). */
  dir: string;
  /** Stores bars sessions polled but have not written yet, so the day's last marks are in the store. */
  flushCandles: () => void;
  raiseAlert: (alert: NewAlert) => void;
  onError: (err: unknown) => void;
}

export class DayEndReports {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: DayEndOptions) {}

  /** Arms the timer for the next day end (wall time between runs, so a sleeping laptop catches up on wake). */
  start(): void {
    const { at, date } = nextDailyRun(this.o.now());
    this.timer = setTimeout(() => {
      this.runFor(date);
      this.start();
    }, Math.max(0, at - this.o.now()));
    this.timer.unref?.();
  }

  /** Writes and announces every account's report of `date` (YYYY-MM-DD); returns the files written. */
  runFor(date: string): string[] {
    const written: string[] = [];
    try {
      this.o.flushCandles();
      const reports = dailyReportsFor(this.o.db, date, this.o.now());
      if (reports.length > 0) mkdirSync(this.o.dir, { recursive: true });
      for (const r of reports) {
        const { html, csv } = dailyReportFiles(r);
        for (const f of [html, csv]) {
          writeFileSync(join(this.o.dir, f.name), f.text);
          written.push(join(this.o.dir, f.name));
        }
        const alert = dailyReportAlert(r);
        this.o.raiseAlert({ ...alert, message: `${alert.message} (report: ${html.name})` });
      }
    } catch (err) {
      this.o.onError(err);
    }
    return written;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
