// Public surface of the reports: daily account reports (HTML, CSV, text, alert) and paper/live run statistics.
export { buildDailyReport, type DailyReport, type DailyReportRequest, type ReportPosition, type ReportTrade } from './daily-report';
export { renderDailyReport } from './daily-html';
export { renderJournalCsv, JOURNAL_COLUMNS } from './journal-csv';
export { dailyReportAlert, dailyReportText } from './daily-text';
export { rebuildRun, type RunRebuild, type RunRebuildOptions } from './run-stats';
export { nextUtcMidnight, parseUtcDay, utcDateOf, yesterdayUtc } from './utc-day';
export type { RiskEvent } from './risk-events';
export type { DecisionSummary, VoteSummary } from './decision-votes';
export { dailyReportFiles, dailyReportsFor, nextDailyRun } from './daily-job';
