// Contract schemas for the daily report view: the accounts that have a journal, one account's report for one UTC day
// (with its self-contained HTML and CSV trade journal), and exporting either file. The engine side is
// electron/engine/reports (the same report as `quorum report daily`).
import { z } from 'zod';
import { AlertLevelSchema } from './domain';

/** "paper:binance" or "live:binance:main". */
export const AccountId = z.string().max(80)
  .regex(/^(paper|live):[a-z0-9]+(:[A-Za-z0-9_-]{1,32})?$/, "'paper:<exchange>' or 'live:<exchange>[:<label>]'");

/** A UTC day, YYYY-MM-DD (the engine refuses days that do not exist or have not begun). */
export const UtcDate = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day written YYYY-MM-DD');

export const DailyReportRequestSchema = z.object({ account: AccountId, date: UtcDate }).strict();
export const DailyReportExportSchema = z.object({ account: AccountId, date: UtcDate, format: z.enum(['html', 'csv']) }).strict();

export const ReportAccountSchema = z.object({
  id: z.string(),
  mode: z.enum(['paper', 'live']),
  profile: z.string(),
  quote: z.string(),
});
export type ReportAccount = z.infer<typeof ReportAccountSchema>;

/** A figure that may be undefined (a percentage of zero, a Sharpe ratio of one day): null, not NaN, on the wire. */
const Num = z.number().nullable();

const VoteSchema = z.object({
  agent: z.string(),
  direction: Num,
  confidence: Num,
  abstained: z.boolean().optional(),
  reason: z.string().optional(),
});

const DecisionSummarySchema = z.object({
  runId: z.number().int(),
  time: z.number().int(),
  action: z.string(),
  score: Num,
  veto: z.string().optional(),
  regime: z.string().optional(),
  votes: z.array(VoteSchema),
});
export type DecisionSummaryView = z.infer<typeof DecisionSummarySchema>;

const TradeSchema = z.object({
  symbol: z.string(),
  sessionId: z.number().int().nullable(),
  strategy: z.string().optional(),
  side: z.enum(['long', 'short']),
  size: Num,
  entryTime: z.number().int(),
  entryPrice: Num,
  exitTime: z.number().int(),
  exitPrice: Num,
  pnl: Num,
  returnPct: Num,
  fees: Num,
  exitBy: z.string().nullable(),
  entry: DecisionSummarySchema.optional(),
  exit: DecisionSummarySchema.optional(),
});

const PositionSchema = z.object({
  symbol: z.string(),
  sessionId: z.number().int().nullable(),
  strategy: z.string().optional(),
  size: Num,
  entryPrice: Num,
  openedAt: z.number().int(),
  mark: Num,
  unrealizedPnl: Num,
  entry: DecisionSummarySchema.optional(),
});

const RiskEventSchema = z.object({
  time: z.number().int(),
  kind: z.enum(['breaker', 'kill-switch']),
  name: z.string(),
  level: AlertLevelSchema,
  message: z.string(),
  from: z.enum(['alert', 'breaker_state', 'kill_switch']),
});

export const DailyReportSchema = z.object({
  account: z.string(),
  mode: z.enum(['paper', 'live']),
  quote: z.string(),
  date: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  asOf: z.number().int(),
  complete: z.boolean(),
  empty: z.boolean(),
  headline: z.string(),
  equity: z.object({ start: Num, end: Num, basis: z.enum(['paper-cash', 'session-budgets']), basisAmount: Num }),
  pnl: Num,
  pnlPct: Num,
  realizedPnl: Num,
  fees: Num,
  fills: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  dayMaxDrawdownPct: Num,
  trades: z.array(TradeSchema),
  openPositions: z.array(PositionSchema),
  events: z.array(RiskEventSchema),
  toDate: z.object({ since: z.number().int(), days: z.number().int(), returnPct: Num, sharpe: Num, maxDrawdownPct: Num }),
  curve: z.object({ time: z.array(z.number()), equity: z.array(Num) }),
  conventions: z.array(z.string()),
});
export type DailyReportView = z.infer<typeof DailyReportSchema>;

export const DailyReportReplySchema = z.object({
  report: DailyReportSchema,
  /** The self-contained HTML page (as `quorum report daily --html` writes it). */
  html: z.string(),
  /** The CSV trade journal (as `--csv` writes it). */
  csv: z.string(),
});
export type DailyReportReply = z.infer<typeof DailyReportReplySchema>;

export const DailyReportSavedSchema = z.object({ saved: z.boolean(), path: z.string().optional() });
