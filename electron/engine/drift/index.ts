// Drift reports: a paper or live run against its replay through the backtester.
export { buildDriftReport, type DriftOptions } from './drift-report';
export { renderDriftReport } from './drift-html';
export { driftReportText } from './drift-text';
