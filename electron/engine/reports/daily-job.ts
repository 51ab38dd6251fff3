// What the engine does at the UTC day's end: every account's report of the day just over (the empty ones skipped),
// with file names to keep them under, and when to run next.
import type { Database } from 'better-sqlite3';
import { AccountsRepository } from '../accounts/accounts-repo';
import { CandleStore } from '../data/candle-store';
import { buildDailyReport, type DailyReport } from './daily-report';
import { renderDailyReport } from './daily-html';
import { renderJournalCsv } from './journal-csv';
import { nextUtcMidnight, utcDateOf } from './utc-day';

/** Reports of `date` for every account that did something that day (or held something through it). */
export function dailyReportsFor(db: Database, date: string, now: number): DailyReport[] {
  const candles = new CandleStore(db);
  return new AccountsRepository(db).list()
    .map((a) => buildDailyReport(db, { account: a.id, date, now, candles }))
    .filter((r) => !r.empty);
}

/** The HTML page and CSV journal of a report, named e.g. quorum-daily-paper_binance-2026-11-30.html. */
export function dailyReportFiles(r: DailyReport): { html: { name: string; text: string }; csv: { name: string; text: string } } {
  const stem = `quorum-daily-${r.account.replace(/[^A-Za-z0-9-]/g, '_')}-${r.date}`;
  return { html: { name: `${stem}.html`, text: renderDailyReport(r) }, csv: { name: `${stem}.csv`, text: renderJournalCsv(r) } };
}

/**
 * When the next day-end run is due, and which day it reports: `graceMs` after 00:00 UTC, once the day's last bar has
 * closed and been polled. Running sessions keep polled bars unsaved for up to 15 of them (CandleWriteBehind): flush
 * them first (SessionRunner.saveCandles), or the day's last marks are missing from the store.
 */
export function nextDailyRun(now: number, graceMs = 60_000): { at: number; date: string } {
  const midnight = nextUtcMidnight(now - graceMs);
  return { at: midnight + graceMs, date: utcDateOf(midnight - 1) };
}
